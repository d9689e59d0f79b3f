"""Test the trainers: the bigram's closed form, falling losses, and seeded reproducibility."""

import time

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from vizlib.lessons.char_models.models import KINDS, ModelSpec
from vizlib.lessons.char_models.trainer import (
    BigramTrainer,
    make_trainer,
    mean_nll,
    train_for,
    val_windows,
)

TINY = {"seq_len": 16, "context": 3, "emb": 8, "hidden": 32, "layers": 1}


def _trainer(names, kind, seed=0, **kw):
    spec = ModelSpec(kind, names.vocab.size, **(TINY | kw))
    return make_trainer(spec, names, seed, lr=1e-2, batch=32, smoothing=1.0)


@pytest.mark.parametrize("k", [1.0, 0.5])
def test_bigram_val_loss_is_closed_form_nll_of_smoothed_counts(names, k):
    """Test that after one pass the bigram val loss is -mean log((N[a,b]+k)/(N[a]+kV))."""
    tr = BigramTrainer(ModelSpec("bigram", names.vocab.size), names, smoothing=k)
    while not tr.done:
        tr.train_step()
    V = names.vocab.size
    t, v = names.train, names.val
    counts = torch.bincount(t[:-1] * V + t[1:], minlength=V * V).view(V, V).double()
    p = (counts[v[:-1], v[1:]] + k) / (counts[v[:-1]].sum(1) + k * V)
    expected = float(-p.log().mean())
    assert tr.evaluate() == pytest.approx(expected, rel=1e-6)
    assert torch.equal(tr.model.counts, counts)
    assert tr.step == tr.max_steps


def test_bigram_step_loss_is_chunk_nll_before_counting(names):
    """Test that the first bigram step reports ln V (all counts zero: uniform), then less."""
    tr = BigramTrainer(ModelSpec("bigram", names.vocab.size), names)
    assert tr.train_step() == pytest.approx(np.log(names.vocab.size), rel=1e-6)
    for _ in range(20):
        last = tr.train_step()
    assert last < np.log(names.vocab.size) - 0.5


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "bigram"])
def test_each_neural_trainer_loss_falls_on_names(names, kind):
    """Test that 40 seeded steps lower the validation loss well below ln V."""
    tr = _trainer(names, kind)
    before = tr.evaluate()
    for _ in range(40):
        tr.train_step()
    assert tr.evaluate() < before - 0.3
    assert tr.history.val_steps[0] == 1 and len(tr.history.loss) == 40


@pytest.mark.parametrize("kind", ["mlp", "lstm", "transformer"])
def test_same_seed_same_curve_other_seed_other_curve(names, kind):
    """Test that two trainers with one seed give identical losses, another seed differs."""
    curves = []
    for seed in (3, 3, 4):
        tr = _trainer(names, kind, seed=seed)
        curves.append([tr.train_step() for _ in range(5)])
    assert curves[0] == curves[1] and curves[0] != curves[2]


def test_val_loss_is_torch_cross_entropy_over_validation_windows(names):
    """Test that evaluate() equals F.cross_entropy over the non-overlapping val windows."""
    tr = _trainer(names, "gru")
    x, y = val_windows(names.val, 16, 10_000)
    assert torch.equal(x.reshape(-1), names.val[: x.numel()])
    assert torch.equal(y.reshape(-1), names.val[1 : x.numel() + 1])
    logits = tr.model.eval()(x)
    ref = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1)).item()
    assert tr.evaluate() == pytest.approx(ref, rel=1e-6)
    assert mean_nll(tr.model, x, y) == pytest.approx(ref, rel=1e-6)


def test_live_lr_change_keeps_the_model(names):
    """Test that set_live changes the optimiser's learning rate and batch, not the weights."""
    tr = _trainer(names, "rnn")
    w = tr.model.out.weight.clone()
    tr.set_live(lr=0.05, batch=8)
    assert tr.opt.param_groups[0]["lr"] == 0.05 and tr.batch == 8
    assert torch.equal(w, tr.model.out.weight)


def test_train_for_stops_at_budget_and_bigram_at_its_end(names):
    """Test that a budgeted run spends about its budget, and the bigram stops after one pass."""
    tr = _trainer(names, "mlp")
    run = train_for(tr, 0.3, time.process_time, eval_every_s=0.1)
    assert run.cpu_s[-1] >= 0.3 and run.steps == tr.step and run.val[-1] < run.val[0]
    bg = _trainer(names, "bigram")
    run = train_for(bg, 60.0, time.process_time)
    assert bg.done and run.steps == bg.max_steps
    assert run.first_below(run.val[-1]) is not None and run.first_below(0.0) is None


def test_bigram_reference_line_equals_the_trained_bigram(names):
    """Test that the one-shot bigram baseline equals a bigram trainer after its full pass."""
    from vizlib.lessons.char_models.trainer import bigram_val_loss

    tr = BigramTrainer(ModelSpec("bigram", names.vocab.size), names, smoothing=0.3)
    while not tr.done:
        tr.train_step()
    assert bigram_val_loss(names, 0.3) == pytest.approx(tr.evaluate(), rel=1e-6)


@pytest.mark.parametrize("kind", ["mlp", "gru", "transformer"])
def test_dropout_is_seeded_train_only_and_live(names, kind):
    """Test that dropout repeats with the seed, changes training, and is off for scoring."""
    spec = ModelSpec(kind, names.vocab.size, **TINY)

    def curve(p):
        tr = make_trainer(spec, names, 1, lr=1e-2, batch=16, smoothing=1.0, dropout=p)
        return tr, [tr.train_step() for _ in range(4)]

    (a, ca), (_, cb), (_, c0) = curve(0.3), curve(0.3), curve(0.0)
    assert ca == cb and ca != c0
    assert a.evaluate() == a.evaluate()  # eval mode: no random masks
    a.set_live(lr=1e-2, batch=16, dropout=0.0)
    x, _ = val_windows(names.val, 16, 64)
    a.model.train()
    torch.testing.assert_close(a.model(x), a.model.eval()(x))
