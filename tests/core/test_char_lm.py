"""Test the character-level GPT helpers: vocabulary, windows, prompts, temperature sampling."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as hs
from torch.nn import functional as F

from vizlib.core.char_lm import (
    CharTrainer,
    CharVocab,
    next_char_probs,
    prompt_attention,
    sample,
    validate_prompt,
    windows,
)
from vizlib.core.errors import InputError
from vizlib.core.lm_trainer import HParams
from vizlib.core.transformer import GPTConfig, TinyGPT

TEXT = "anna\nbob\nclara\ndave\nemma\n" * 20


@settings(max_examples=40, deadline=None)
@given(text=hs.text(min_size=1, max_size=60))
def test_vocab_round_trip(text):
    """Test that encode then decode gives the text back and ids index sorted distinct chars."""
    v = CharVocab.from_text(text)
    assert v.decode(v.encode(text)) == text
    assert list(v.chars) == sorted(set(text))


@pytest.mark.parametrize(
    "prompt, code",
    [("", "empty"), ("anna!", "unknown_chars"), ("ÄNNA", "unknown_chars"), ("a" * 9, "too_long")],
)
def test_validate_prompt_rejects_bad_input(prompt, code):
    """Test that empty, unknown-character and too-long prompts raise InputError(code)."""
    with pytest.raises(InputError) as err:
        validate_prompt(prompt, CharVocab.from_text(TEXT), max_len=8)
    assert err.value.key == code


def test_validate_prompt_accepts_known_text():
    """Test that a prompt of known characters comes back as its ids."""
    v = CharVocab.from_text(TEXT)
    assert validate_prompt("emma\nb", v, 8) == v.encode("emma\nb")


def test_windows_are_shifted_slices():
    """Test that each (x, y) row is a contiguous slice of the data and y is x shifted by one."""
    data = torch.arange(100)
    x, y = windows(data, 7, 5, torch.Generator().manual_seed(0))
    assert x.shape == y.shape == (5, 7)
    assert torch.equal(y, x + 1)
    assert torch.equal(x[:, 1:] - x[:, :-1], torch.ones(5, 6, dtype=torch.long))


def _model(seed=0):
    return TinyGPT(GPTConfig(CharVocab.from_text(TEXT).size, 8, 1, 2, 16), seed=seed)


@pytest.mark.parametrize("temp", [0.3, 1.0, 2.5])
def test_next_char_probs_match_torch_softmax(temp):
    """Test that the shown probabilities equal F.softmax(logits / T) at the last position."""
    model = _model()
    ids = [1, 2, 3]
    probs = next_char_probs(model, ids, temp)
    logits = model.eval()(torch.tensor([ids]))[0][0, -1]
    np.testing.assert_allclose(probs, F.softmax(logits / temp, -1).detach().numpy(), rtol=1e-5)
    assert math.isclose(probs.sum(), 1.0, rel_tol=1e-5)


@settings(max_examples=20, deadline=None)
@given(t1=hs.floats(0.05, 4.0), t2=hs.floats(0.05, 4.0))
def test_higher_temperature_is_flatter(t1, t2):
    """Test that the entropy of the next-character distribution does not decrease with T."""
    lo, hi = sorted((t1, t2))
    model = _model(seed=3)

    def entropy(t):
        p = next_char_probs(model, [0, 4, 2], t).astype(np.float64)
        return -(p * np.log(np.clip(p, 1e-30, None))).sum()

    assert entropy(lo) <= entropy(hi) + 1e-6


def test_sample_is_seeded_and_low_temperature_is_greedy():
    """Test that sampling repeats with the same generator and T -> 0 equals argmax decoding."""
    model = _model(seed=1)
    with torch.no_grad():
        model.wte.weight.mul_(100)  # spread the logits so T=0.05 is decisive
    a = sample(model, [0, 1], 12, 1.0, torch.Generator().manual_seed(5))
    b = sample(model, [0, 1], 12, 1.0, torch.Generator().manual_seed(5))
    assert a == b and len(a) == 12
    greedy, ctx = [], [0, 1]
    for _ in range(12):
        nxt = int(model(torch.tensor([ctx[-8:]]))[0][0, -1].argmax())
        greedy.append(nxt)
        ctx.append(nxt)
    assert sample(model, [0, 1], 12, 0.05, torch.Generator().manual_seed(9)) == greedy


def test_bad_temperature_rejected():
    """Test that a temperature outside the allowed range raises ValueError."""
    with pytest.raises(ValueError):
        sample(_model(), [0], 3, 0.0, torch.Generator())


def test_prompt_attention_is_causal_distribution():
    """Test that prompt attention is (L, nh, T, T), rows sum to 1 and the future gets 0."""
    att = prompt_attention(_model(), [0, 1, 2, 3, 4])
    assert att.shape == (1, 2, 5, 5)
    np.testing.assert_allclose(att.sum(-1), 1.0, rtol=1e-5)
    assert np.all(att[..., np.triu_indices(5, 1)[0], np.triu_indices(5, 1)[1]] == 0)


def test_char_trainer_learns_a_repetitive_text():
    """Test that a seeded trainer cuts the held-out loss to under a third within 200 steps."""
    tr = CharTrainer(TEXT, block_size=8, d_model=32, batch_size=32, hp=HParams(lr=3e-3))
    start = tr.evaluate()["eval_loss"]
    for _ in range(200):
        tr.train_step()
    assert tr.history.metrics["eval_loss"][-1] < start / 3


def test_char_trainer_rejects_too_short_text():
    """Test that a text shorter than two context windows is refused."""
    with pytest.raises(ValueError):
        CharTrainer("abc", block_size=8)


def test_uniform_loss_is_cross_entropy_of_equal_logits():
    """Test that the shown baseline ln(V) equals torch's cross-entropy of all-equal logits."""
    from vizlib.core.char_lm import uniform_loss

    for v in (2, 27, 62):
        ref = F.cross_entropy(torch.zeros(1, v), torch.tensor([0])).item()
        assert math.isclose(uniform_loss(v), ref, rel_tol=1e-6)
