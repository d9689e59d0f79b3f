"""Test reading a model: temperature sampling, next-char probabilities, passage traces, gates."""

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from vizlib.lessons.char_models.models import ModelSpec
from vizlib.lessons.char_models.probe import (
    keep_gates,
    next_probs,
    passage_trace,
    sample,
    top_guesses,
    unit_ranking,
)
from vizlib.lessons.char_models.trainer import make_trainer

TINY = {"seq_len": 12, "context": 3, "emb": 8, "hidden": 24}


def _trained(names, kind, steps=30, **kw):
    spec = ModelSpec(kind, names.vocab.size, **(TINY | kw))
    tr = make_trainer(spec, names, 0, lr=1e-2, batch=32, smoothing=1.0)
    for _ in range(steps):
        tr.train_step()
    return tr.model.eval(), spec


def _greedy(model, ids, n, window):
    """Argmax decoding; a recurrent model re-reads its whole history from a zero state."""
    out = list(ids)
    for _ in range(n):
        ctx = out if hasattr(model, "rnn") else out[-window:]
        logits = model(torch.tensor([ctx]))[0, -1]
        out.append(int(logits.argmax()))
    return out[len(ids) :]


@pytest.mark.parametrize("kind", ["bigram", "mlp", "lstm", "transformer"])
def test_temperature_to_zero_is_greedy(names, kind):
    """Test that T=0 and a tiny T both reproduce argmax decoding, whatever the generator."""
    model, spec = _trained(names, kind)
    ref = _greedy(model, [0], 25, spec.seq_len)
    for temp, seed in ((0.0, 1), (0.0, 2), (1e-4, 3)):
        got = sample(model, [0], 25, spec.seq_len, temp, torch.Generator().manual_seed(seed))
        assert got == ref


def test_sampling_is_seeded_and_follows_temperature(names):
    """Test that one generator seed repeats a sample and T=1 samples differ from greedy."""
    model, spec = _trained(names, "gru")
    a = sample(model, [0], 60, 12, 1.0, torch.Generator().manual_seed(5))
    b = sample(model, [0], 60, 12, 1.0, torch.Generator().manual_seed(5))
    assert a == b and a != _greedy(model, [0], 60, 12)
    with pytest.raises(ValueError):
        sample(model, [0], 1, 12, 2.5, torch.Generator())


def test_next_probs_equal_softmax_of_logits_over_temperature(names):
    """Test that next_probs is softmax(logits / T) on the last `window` ids."""
    model, _ = _trained(names, "mlp")
    ids = names.vocab.encode("\nmarian")
    logits = model(torch.tensor([ids[-4:]]))[0, -1].detach().double()
    for temp in (0.5, 1.0, 1.7):
        ref = F.softmax(logits / temp, -1).numpy()
        np.testing.assert_allclose(next_probs(model, ids, 4, temp), ref, rtol=1e-6)


def test_gpt_passage_sees_at_most_its_window(names):
    """Test that each position's guess and units equal a forward pass on its own last window."""
    model, spec = _trained(names, "transformer", steps=5)
    ids = names.val[:30].tolist()
    tr = passage_trace(model, ids, spec.seq_len)
    for t in (0, 5, 11, 12, 29):
        ctx = torch.tensor([ids[max(0, t - 11) : t + 1]])
        p = F.softmax(model(ctx)[0, -1], -1).detach().numpy()
        np.testing.assert_allclose(tr.probs[t], p, atol=1e-6)
        np.testing.assert_allclose(tr.hidden[t], model.hidden(ctx)[0, -1].detach(), atol=1e-5)
    assert not tr.bounded


def test_unit_ranking_and_top_guesses(names):
    """Test that units are ranked by activation variance and guesses by probability."""
    model, spec = _trained(names, "rnn", steps=5)
    tr = passage_trace(model, names.val[:40].tolist(), spec.seq_len)
    rank = unit_ranking(tr.hidden)
    var = tr.hidden.var(0)
    assert var[rank[0]] == var.max() and np.all(np.diff(var[rank]) <= 0)
    ids, p = top_guesses(tr.probs)
    assert ids.shape == (40, 5) and np.all(np.diff(p, axis=1) <= 0)
    np.testing.assert_allclose(p[:, 0], tr.probs.max(1))


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_keep_gates_come_from_the_models_own_layer(names, kind):
    """Test that the gate trace's h_t equals the model's hidden units (2 layers)."""
    model, _ = _trained(names, kind, steps=5, layers=2)
    ids = names.val[:20].tolist()
    g = keep_gates(model, ids)
    assert g.shape == (20, 24) and np.all((g > 0) & (g < 1))
    tr = passage_trace(model, ids, 12)
    from vizlib.lessons.char_models.gates import gate_trace

    gt = gate_trace(model.rnn, model.emb(torch.tensor(ids)).detach())
    np.testing.assert_allclose(gt.h[-1].numpy(), tr.hidden, atol=1e-5)
    np.testing.assert_allclose(gt.keep[-1].numpy(), g)


def test_passage_starts_on_a_line_break_and_has_its_length(names):
    """Test that a names passage is a slice of the val text starting at a line break."""
    from vizlib.lessons.char_models.probe import passage_ids

    nl = names.vocab.chars.index("\n")
    val = names.val.tolist()
    for index in (0, 37, 99):
        ids = passage_ids(names.val, index, 80, nl)
        assert len(ids) == 80 and ids[0] == nl
        starts = [i for i in range(len(val) - 79) if val[i : i + 80] == ids]
        assert starts
    assert passage_ids(names.val[:50], 99, 300, None) == names.val[:50].tolist()
