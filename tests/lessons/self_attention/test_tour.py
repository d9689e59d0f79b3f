"""Test the self-attention walkthrough: its shape, its links, its texts, and its answer keys
computed with torch (F.softmax for the weights, F.scaled_dot_product_attention for the outputs)."""

import math

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from tests.apptest import page_test
from vizlib.core.config import format_value
from vizlib.lessons.self_attention.attention import attention_trace
from vizlib.lessons.self_attention.config import SelfAttentionConfig
from vizlib.lessons.self_attention.inputs import attention_inputs
from vizlib.lessons.self_attention.tour import TOUR

NAME = SelfAttentionConfig.__name__


def _cfg(step_id: str, revealed: bool = True) -> SelfAttentionConfig:
    return TOUR.configs_at(TOUR.index(step_id), revealed)[NAME]


def _torch_attention(cfg: SelfAttentionConfig):
    """(labels, weights, output, V) by torch from the page's Q, K, V; the page's trace agrees."""
    inputs = attention_inputs(cfg)
    q, k, v = (torch.from_numpy(m) for m in (inputs.q, inputs.k, inputs.v))
    scale = 1.0 / (math.sqrt(q.shape[1]) * cfg.temperature)
    scores = q @ k.T * scale  # (T, S)
    if cfg.causal:
        scores = scores.masked_fill(~torch.ones_like(scores, dtype=bool).tril(), -math.inf)
    weights = F.softmax(scores, dim=-1)
    out = F.scaled_dot_product_attention(q[None], k[None], v[None], scale=scale,
                                         is_causal=cfg.causal)[0]  # fmt: skip
    np.testing.assert_allclose((weights @ v).numpy(), out.numpy(), atol=1e-12)
    page = attention_trace(inputs.q, inputs.k, inputs.v, temperature=cfg.temperature,
                           causal=cfg.causal)  # fmt: skip
    np.testing.assert_allclose(page.weights, weights.numpy(), atol=1e-12)
    np.testing.assert_allclose(page.output, out.numpy(), atol=1e-12)
    return inputs.labels, weights.numpy(), out.numpy(), v.numpy()


def test_every_step_opened_as_a_link_draws_the_page():
    """Test that each step's settings (after Reveal), opened as a link, draw the page with no
    exception or error, and that the page holds every value the walkthrough set."""
    for k in range(len(TOUR.steps)):
        query = TOUR.query_at(k, revealed=True)
        at = page_test("self_attention", query)
        assert not at.exception and not at.error, (k, [e.value for e in at.error])
        held = {key: format_value(at.session_state[key]) for key in query}
        assert held == query, k


def test_both_copies_of_the_get_the_largest_weight():
    """Test that with identity weights the first "the" gives its largest weight to both "the"s,
    tied (torch softmax), and that before the change (random weights) it did not."""
    step = TOUR.steps[TOUR.index("twins")]
    labels, w, _, _ = _torch_attention(_cfg("twins"))
    assert labels[0] == "the" and labels.count("the") == 2 and "cat" in labels
    top = {j for j in range(len(labels)) if w[0, j] >= w[0].max() - 1e-12}
    picks = {"itself": {0}, "both": {j for j, s in enumerate(labels) if s == "the"}}
    picks["cat"] = {labels.index("cat")}
    assert [c for c in step.choices if picks[c] == top] == [step.answer]
    _, before, _, _ = _torch_attention(_cfg("twins", revealed=False))
    assert int(before[0].argmax()) not in picks["both"]  # the answer is not on screen yet


def test_the_first_token_gives_itself_all_its_weight_under_the_mask():
    """Test that the numeric outcome is torch's masked softmax weight of token 1 on itself, and
    that the masked output of token 1 is its own value row (SDPA with is_causal)."""
    step = TOUR.steps[TOUR.index("mask")]
    cfg = _cfg("mask")
    assert cfg.causal and not _cfg("mask", revealed=False).causal
    _, w, out, v = _torch_attention(cfg)
    outcome = step.outcome(TOUR.configs_at(TOUR.index("mask"), revealed=True))
    assert outcome == pytest.approx(float(w[0, 0]), abs=1e-12)
    np.testing.assert_allclose(out[0], v[0], atol=1e-12)


def test_a_high_temperature_spreads_every_row_out():
    """Test that at τ = 10 every row is much flatter than at τ = 1 and near uniform ("even")."""
    step = TOUR.steps[TOUR.index("flatten")]
    before, after = _cfg("flatten", revealed=False), _cfg("flatten")
    assert after.temperature > before.temperature and not after.causal
    _, w0, _, _ = _torch_attention(before)
    _, w1, _, _ = _torch_attention(after)
    spread0, spread1 = w0.max(1) - w0.min(1), w1.max(1) - w1.min(1)
    uniform = 1.0 / w1.shape[1]
    if np.all(spread1 < spread0 / 3) and np.abs(w1 - uniform).max() < uniform / 4:
        verdict = "even"
    elif np.all(w1.max(1) > w0.max(1)):
        verdict = "peaked"
    else:
        verdict = "same"
    assert verdict == step.answer


def test_one_key_gives_v_itself():
    """Test that with one query, key and value the SDPA output equals V, and neither V divided
    nor V multiplied by the scaled score q·k/√d."""
    step = TOUR.steps[TOUR.index("one_key")]
    cfg = _cfg("one_key")
    assert cfg.source == "matrices"
    inputs = attention_inputs(cfg)
    _, _, out, v = _torch_attention(cfg)
    score = float(inputs.q[0] @ inputs.k[0]) / math.sqrt(inputs.q.shape[1])
    candidates = {"v": v[0], "divided": v[0] / score, "times": v[0] * score}
    matches = [c for c in step.choices if np.allclose(out[0], candidates[c], atol=1e-12)]
    assert matches == [step.answer]
