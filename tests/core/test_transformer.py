"""Test the tiny GPT: shapes, seeded determinism, causal attention checked against torch SDPA."""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as hs
from torch.nn import functional as F

from vizlib.core.transformer import GPTConfig, TinyGPT, dropout, num_params


def _ids(cfg: GPTConfig, b: int, t: int, seed: int = 0) -> torch.Tensor:
    return torch.randint(0, cfg.vocab_size, (b, t), generator=torch.Generator().manual_seed(seed))


@settings(max_examples=20, deadline=None)
@given(
    n_layer=hs.integers(1, 4),
    n_head=hs.sampled_from([1, 2, 4]),
    width=hs.integers(4, 32),
    t=hs.integers(1, 12),
    b=hs.integers(1, 3),
)
def test_forward_shapes(n_layer, n_head, width, t, b):
    """Test that logits are (B, T, V) and there is one (B, nh, T, T) attention map per layer."""
    cfg = GPTConfig(13, 12, n_layer, n_head, width * n_head if width * n_head >= 16 else 16)
    model = TinyGPT(cfg, seed=1)
    logits, atts = model(_ids(cfg, b, t), return_attn=True)
    assert logits.shape == (b, t, 13)
    assert len(atts) == n_layer
    assert all(a.shape == (b, n_head, t, t) for a in atts)


def test_same_seed_same_model_different_seed_differs():
    """Test that the forward pass is deterministic under a fixed seed and changes with the seed."""
    cfg = GPTConfig(11, 16, 2, 2, 32, dropout=0.2)
    x = _ids(cfg, 4, 16)
    a, b, c = TinyGPT(cfg, seed=3), TinyGPT(cfg, seed=3), TinyGPT(cfg, seed=4)
    assert torch.equal(a(x)[0], b(x)[0])  # train mode: dropout masks come from the seed too
    assert not torch.allclose(a.eval()(x)[0], c.eval()(x)[0])


def test_global_rng_untouched():
    """Test that building and running a model does not consume the global torch RNG."""
    state = torch.get_rng_state()
    cfg = GPTConfig(11, 8, 1, 1, 16, dropout=0.5)
    TinyGPT(cfg, seed=0)(_ids(cfg, 2, 8))
    assert torch.equal(state, torch.get_rng_state())


@settings(max_examples=15, deadline=None)
@given(seed=hs.integers(0, 1000), t=hs.integers(1, 16), n_head=hs.sampled_from([1, 2, 4]))
def test_attention_rows_sum_to_one_and_are_causal(seed, t, n_head):
    """Test that every attention row sums to 1 and entries above the diagonal are exactly 0."""
    cfg = GPTConfig(11, 16, 2, n_head, 32)
    _, atts = TinyGPT(cfg, seed=seed).eval()(_ids(cfg, 2, t, seed), return_attn=True)
    for a in atts:
        torch.testing.assert_close(a.sum(-1), torch.ones(a.shape[:-1]))
        upper = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
        assert torch.all(a[..., upper] == 0)


@pytest.mark.parametrize("n_head", [1, 2, 4])
def test_attention_matches_torch_sdpa(n_head):
    """Test that the attention sublayer equals F.scaled_dot_product_attention(is_causal=True)."""
    cfg = GPTConfig(11, 10, 1, n_head, 32)
    model = TinyGPT(cfg, seed=7).eval()
    attn = model.blocks[0].attn
    x = torch.randn(3, 10, 32, generator=torch.Generator().manual_seed(1))
    ours, weights = attn(x)
    q, k, v = attn.c_attn(x).split(32, dim=2)
    q, k, v = (z.view(3, 10, n_head, 32 // n_head).transpose(1, 2) for z in (q, k, v))
    ref = F.scaled_dot_product_attention(q, k, v, is_causal=True)  # (B, nh, T, hs)
    ref = attn.c_proj(ref.transpose(1, 2).reshape(3, 10, 32))
    torch.testing.assert_close(ours, ref, rtol=1e-5, atol=1e-6)
    scores = q @ k.transpose(-2, -1) / math.sqrt(32 // n_head)
    mask = torch.ones(10, 10).tril().bool()
    torch.testing.assert_close(weights, scores.masked_fill(~mask, -math.inf).softmax(-1))


def test_block_residual_structure_matches_manual():
    """Test that a block computes x + attn(ln1 x), then + mlp(ln2 .) with torch's GELU."""
    cfg = GPTConfig(11, 6, 1, 2, 16)
    block = TinyGPT(cfg, seed=2).eval().blocks[0]
    x = torch.randn(2, 6, 16, generator=torch.Generator().manual_seed(5))
    h = x + block.attn(F.layer_norm(x, (16,), block.ln_1.weight, block.ln_1.bias))[0]
    mlp = block.mlp
    ln2 = F.layer_norm(h, (16,), block.ln_2.weight, block.ln_2.bias)
    ref = h + F.linear(
        F.gelu(F.linear(ln2, mlp.c_fc.weight, mlp.c_fc.bias)), mlp.c_proj.weight, mlp.c_proj.bias
    )
    torch.testing.assert_close(block(x)[0], ref)


def test_dropout_is_inverted_and_off_in_eval():
    """Test that dropout zeroes ~p of the units, scales the rest by 1/(1-p), is off in eval."""
    x = torch.ones(20000)
    y = dropout(x, 0.25, True, torch.Generator().manual_seed(0))
    kept = y != 0
    assert abs(kept.float().mean().item() - 0.75) < 0.02
    torch.testing.assert_close(y[kept], torch.full_like(y[kept], 1 / 0.75))
    assert torch.equal(dropout(x, 0.25, False, None), x)


def test_set_dropout_changes_train_output_only():
    """Test that a live dropout change alters train-mode outputs but not eval-mode outputs."""
    cfg = GPTConfig(11, 8, 1, 1, 16)
    model = TinyGPT(cfg, seed=0)
    x = _ids(cfg, 2, 8)
    before = model.eval()(x)[0]
    model.set_dropout(0.5)
    torch.testing.assert_close(model.eval()(x)[0], before)
    assert not torch.allclose(model.train()(x)[0], before)
    with pytest.raises(ValueError):
        model.set_dropout(1.0)


@pytest.mark.parametrize(
    "kw",
    [
        dict(n_layer=5),
        dict(n_head=5),
        dict(d_model=8),
        dict(d_model=200),
        dict(n_head=3, d_model=64),
        dict(dropout=1.0),
        dict(block_size=0),
    ],
)
def test_config_rejects_out_of_range(kw):
    """Test that GPTConfig rejects sizes outside 1-4 layers, 1-4 heads, d_model 16-128."""
    base = dict(vocab_size=11, block_size=8)
    with pytest.raises(ValueError):
        GPTConfig(**{**base, **kw})


def test_too_long_sequence_rejected_and_weights_tied():
    """Test that T > block_size raises and the LM head shares the token-embedding matrix."""
    cfg = GPTConfig(11, 4, 1, 1, 16)
    model = TinyGPT(cfg)
    with pytest.raises(ValueError):
        model(_ids(cfg, 1, 5))
    assert model.lm_head.weight is model.wte.weight
    assert num_params(model) == sum(p.numel() for p in set(model.parameters()))
