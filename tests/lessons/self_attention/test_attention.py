"""Test that vizlib's numpy attention matches torch, and that PE matches its closed form."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.lessons.self_attention.attention import (
    attention_trace,
    multihead_attention,
    multihead_weights,
    permutation,
    permutation_comparison,
    position_similarity,
    projection_weights,
    self_attention,
    sinusoidal_pe,
)
from vizlib.lessons.self_attention.inputs import embed_tokens


def _rand(rng, *shape):
    return rng.normal(size=shape)


@settings(max_examples=40, deadline=None)
@given(
    t=st.integers(1, 8), s=st.integers(1, 8), dk=st.integers(1, 8), dv=st.integers(1, 6),
    causal=st.booleans(), seed=st.integers(0, 10_000),
)  # fmt: skip
def test_matches_scaled_dot_product_attention(t, s, dk, dv, causal, seed):
    """Test that output and weights equal F.scaled_dot_product_attention, with and without mask."""
    rng = np.random.default_rng(seed)
    q, k, v = _rand(rng, t, dk), _rand(rng, s, dk), _rand(rng, s, dv)
    tr = attention_trace(q, k, v, causal=causal)
    tq, tk, tv = (torch.tensor(a)[None] for a in (q, k, v))
    expected = F.scaled_dot_product_attention(tq, tk, tv, is_causal=causal)[0].numpy()
    np.testing.assert_allclose(tr.output, expected, atol=1e-12)
    # weights: same thing with V = identity picks out the weight matrix itself
    eye = torch.eye(s, dtype=torch.float64)[None]
    w_expected = F.scaled_dot_product_attention(tq, tk, eye, is_causal=causal)[0].numpy()
    np.testing.assert_allclose(tr.weights, w_expected, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(t=st.integers(1, 8), temp=st.floats(0.05, 10.0), seed=st.integers(0, 10_000))
def test_temperature_matches_torch_scale(t, temp, seed):
    """Test that temperature τ equals torch's scale = 1/(√d_k·τ), and stages are consistent."""
    rng = np.random.default_rng(seed)
    q, k, v = _rand(rng, t, 3), _rand(rng, t, 3), _rand(rng, t, 2)
    tr = attention_trace(q, k, v, temperature=temp, causal=True)
    tq, tk, tv = (torch.tensor(a)[None] for a in (q, k, v))
    expected = F.scaled_dot_product_attention(
        tq, tk, tv, is_causal=True, scale=1.0 / (math.sqrt(3) * temp)
    )[0].numpy()
    np.testing.assert_allclose(tr.output, expected, atol=1e-10)
    np.testing.assert_allclose(tr.scores, (tq @ tk.transpose(1, 2))[0].numpy(), atol=1e-12)
    np.testing.assert_allclose(tr.scaled, tr.scores / math.sqrt(3), atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    t=st.integers(1, 10),
    s=st.integers(1, 10),
    causal=st.booleans(),
    seed=st.integers(0, 999),
)
def test_rows_sum_to_one_and_masked_are_zero(t, s, causal, seed):
    """Test that every weight row sums to 1 and masked entries are exactly 0 (j > i)."""
    rng = np.random.default_rng(seed)
    tr = attention_trace(_rand(rng, t, 2) * 10, _rand(rng, s, 2) * 10, _rand(rng, s, 2),
                         causal=causal)  # fmt: skip
    np.testing.assert_allclose(tr.row_sums, 1.0, atol=1e-12)
    i, j = np.indices((t, s))
    if causal:
        assert np.all(tr.weights[j > i] == 0.0)
        assert np.all(np.isneginf(tr.masked[j > i]))
        assert np.all(np.isfinite(tr.masked[j <= i]))
    else:
        assert tr.allowed.all()


def test_curriculum_preset_one_token():
    """Test that one token of dimension 3 attends only to itself: output = V, weight 1."""
    q, k, v = [[1.0, 2.0, 3.0]], [[4.0, 5.0, 6.0]], [[7.0, 8.0, 9.0]]
    tr = attention_trace(q, k, v)
    expected = F.scaled_dot_product_attention(*(torch.tensor(a)[None] for a in (q, k, v)))[0]
    np.testing.assert_allclose(tr.output, expected.numpy(), atol=1e-12)
    assert tr.scores[0, 0] == float(torch.dot(torch.tensor(q[0]), torch.tensor(k[0])))
    assert tr.weights[0, 0] == 1.0


def test_curriculum_preset_three_tokens():
    """Test that three tokens of dimension 1 give torch's weighted average of 7, 8, 9."""
    q, k, v = [[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]], [[7.0], [8.0], [9.0]]
    tr = attention_trace(q, k, v)
    tq, tk, tv = (torch.tensor(a)[None] for a in (q, k, v))
    np.testing.assert_allclose(tr.output, F.scaled_dot_product_attention(tq, tk, tv)[0].numpy(),
                               atol=1e-12)  # fmt: skip
    # a weighted average of the values stays between min(V) and max(V): it multiplies, not divides
    assert np.all((tr.output >= 7.0) & (tr.output <= 9.0))


@pytest.mark.parametrize("heads,d_head,causal", [(1, 4, False), (2, 2, True), (4, 2, False),
                                                  (8, 1, True), (3, 2, False)])  # fmt: skip
def test_matches_nn_multihead_attention(heads, d_head, causal):
    """Test that multi-head output and per-head weights equal nn.MultiheadAttention's."""
    d_model = heads * d_head
    x = np.random.default_rng(heads).normal(size=(5, d_model))
    w = multihead_weights(d_model, heads, d_head, seed=7)
    ours = multihead_attention(x, w, causal=causal)
    mha = torch.nn.MultiheadAttention(d_model, heads, bias=False, batch_first=True,
                                      dtype=torch.float64)  # fmt: skip
    with torch.no_grad():
        # torch row block h of W_q is head h's (d_model, d_head) projection, transposed
        for i, part in enumerate((w.wq, w.wk, w.wv)):
            block = np.concatenate([part[h].T for h in range(heads)], axis=0)
            mha.in_proj_weight[i * d_model : (i + 1) * d_model] = torch.tensor(block)
        mha.out_proj.weight.copy_(torch.tensor(w.wo.T))
    tx = torch.tensor(x)[None]
    mask = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1) if causal else None
    out, attn = mha(tx, tx, tx, attn_mask=mask, need_weights=True, average_attn_weights=False)
    np.testing.assert_allclose(ours.output, out[0].detach().numpy(), atol=1e-12)
    for h in range(heads):
        np.testing.assert_allclose(ours.heads[h].weights, attn[0, h].detach().numpy(), atol=1e-12)
    assert ours.concat.shape == (5, heads * d_head)


def test_self_attention_projects_with_weights():
    """Test that self_attention's Q, K, V are x·W (checked with torch matmul)."""
    x = embed_tokens(["a", "b", "c"], 4, seed=1)
    wq, wk, wv = projection_weights(4, 3, seed=5)
    tr = self_attention(x, wq, wk, wv)
    tx = torch.tensor(x)
    for got, wt in ((tr.q, wq), (tr.k, wk), (tr.v, wv)):
        np.testing.assert_allclose(got, (tx @ torch.tensor(wt)).numpy(), atol=1e-12)
    eye = projection_weights(4, 3, seed=5, identity=True)
    assert all(np.array_equal(m, np.eye(4)) for m in eye)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 40), half=st.integers(1, 16))
def test_pe_matches_closed_form(n, half):
    """Test that PE entries equal sin/cos(p / 10000^(2i/d)) computed term by term."""
    d = 2 * half
    pe = sinusoidal_pe(n, d)
    for p in range(n):
        for i in range(half):
            angle = p / (10000 ** (2 * i / d))
            assert pe[p, 2 * i] == pytest.approx(math.sin(angle), abs=1e-12)
            assert pe[p, 2 * i + 1] == pytest.approx(math.cos(angle), abs=1e-12)


def test_pe_odd_width_and_similarity_closed_form():
    """Test odd-width PE ends on a sin column, and similarity = (2/d)·Σ cos(ω_i (p - q))."""
    pe = sinusoidal_pe(6, 5)
    assert pe.shape == (6, 5)
    assert pe[3, 4] == pytest.approx(math.sin(3 / 10000 ** (4 / 5)), abs=1e-12)
    d = 8
    sim = position_similarity(sinusoidal_pe(10, d))
    for p in range(10):
        for q in range(10):
            closed = (2 / d) * sum(math.cos((p - q) / 10000 ** (2 * i / d)) for i in range(d // 2))
            assert sim[p, q] == pytest.approx(closed, abs=1e-12)


def test_permutation_without_pe_is_equivariant():
    """Test that without PE each token's output ignores order, and with PE it does not."""
    tokens = ["dog", "bites", "man", "today"]
    x = embed_tokens(tokens, 4, seed=3)
    wq, wk, wv = projection_weights(4, 4, seed=3)
    perm = permutation(4, "reverse", 0)
    without = permutation_comparison(x, perm, wq, wk, wv, use_pe=False)
    with_pe = permutation_comparison(x, perm, wq, wk, wv, use_pe=True)
    assert without.diff.max() < 1e-12
    assert with_pe.diff.max() > 1e-3
    # independent check of the alignment: token "dog" is row 0 originally, row 3 when reversed
    rev = self_attention(x[::-1], wq, wk, wv).output
    np.testing.assert_allclose(without.permuted_aligned[0], rev[3], atol=1e-15)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 10), seed=st.integers(0, 999))
def test_shuffle_is_a_permutation(n, seed):
    """Test that the seeded shuffle is a permutation that moves something when n > 1."""
    perm = permutation(n, "shuffle", seed)
    assert sorted(perm) == list(range(n))
    assert n == 1 or not np.array_equal(perm, np.arange(n))


def test_bad_shapes_and_temperature_raise():
    """Test that mismatched shapes and a non-positive temperature raise ValueError."""
    with pytest.raises(ValueError):
        attention_trace(np.ones((2, 3)), np.ones((2, 2)), np.ones((2, 1)))
    with pytest.raises(ValueError):
        attention_trace(np.ones((2, 3)), np.ones((2, 3)), np.ones((3, 1)))
    with pytest.raises(ValueError):
        attention_trace(np.ones((1, 1)), np.ones((1, 1)), np.ones((1, 1)), temperature=0.0)
