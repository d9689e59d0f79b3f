"""Tests for the CNN lesson's config and trainer: the step and evaluation against independent torch
computations, seeding, accuracy on the bundled digits (the model: tests/core/test_cnn.py)."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from vizlib.core.cnn import CLASSIC, CnnArch
from vizlib.core.mnist import MnistData, load_npz, pixel_stats
from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.cnn_mnist.config import CnnMnistConfig
from vizlib.lessons.cnn_mnist.trainer import (
    CnnTrainer,
    TrainHistory,
    confusion_matrix,
    softmax_loss,
    to_float,
)


def _fake_data(n_train: int = 256, n_test: int = 64, seed: int = 0) -> MnistData:
    rng = np.random.default_rng(seed)
    return MnistData(
        rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, n_train).astype(np.uint8),
        rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, n_test).astype(np.uint8),
    )


def test_config_classic_preset_and_size_limit():
    """Test that the classic preset is a valid config and an oversized model is rejected."""
    cfg = CnnMnistConfig(**CLASSIC)
    assert cfg.arch().channels() == [32, 64]
    back, bad = CnnMnistConfig.from_query(cfg.to_query())
    assert back == cfg and bad == []
    with pytest.raises(ValueError):
        CnnMnistConfig(blocks=3, filters=32, kernel=5, pool=False, dense=256)


def test_train_step_matches_an_independent_torch_step():
    """Test that train_step's loss and update equal F.cross_entropy + torch.optim.Adam steps."""
    tr = CnnTrainer(_fake_data(), CnnArch(blocks=1, filters=4, dense=16), seed=5)
    tr.set_hparams("adam", 0.01, 16, 0.0)
    ref = copy.deepcopy(tr.model)
    opt = torch.optim.Adam(ref.parameters(), lr=0.01)
    for _ in range(3):
        loss = tr.train_step()
        idx = tr._order[tr._pos - 16 : tr._pos]
        ref_loss = F.cross_entropy(ref(to_float(tr.x_train[idx])), tr.y_train[idx])
        opt.zero_grad()
        ref_loss.backward()
        opt.step()
        assert loss == pytest.approx(ref_loss.item(), rel=1e-5)
    for p, q in zip(tr.model.parameters(), ref.parameters(), strict=True):
        torch.testing.assert_close(p, q)


def test_evaluate_matches_torch_metrics_and_counts():
    """Test that evaluate's loss, accuracy, probabilities and confusion match torch / a loop."""
    data = _fake_data(seed=2)
    tr = CnnTrainer(data, CnnArch(blocks=1, filters=4, dense=16), seed=1)
    for _ in range(4):
        tr.train_step()
    ev = tr.evaluate()
    x, y = torch.from_numpy(data.x_test).float().unsqueeze(1) / 255, torch.from_numpy(data.y_test)
    with torch.no_grad():
        logits = tr.model.eval()(x)
    torch.testing.assert_close(torch.from_numpy(ev.probs), F.softmax(logits, 1))
    assert ev.loss == pytest.approx(F.cross_entropy(logits, y.long()).item(), rel=1e-5)
    assert ev.accuracy == pytest.approx((logits.argmax(1) == y).float().mean().item())
    loop = np.zeros((10, 10), int)
    for t, p in zip(data.y_test, logits.argmax(1).numpy(), strict=True):
        loop[t, p] += 1
    np.testing.assert_array_equal(ev.confusion, loop)
    wrong = np.flatnonzero(logits.argmax(1).numpy() != data.y_test)
    np.testing.assert_array_equal(tr.misclassified(100), wrong)
    assert len(wrong) == len(y) - np.trace(loop)
    np.testing.assert_array_equal(
        confusion_matrix(np.array([1, 1]), np.array([1, 2]))[1, 1:3], [1, 1]
    )


def test_same_seed_same_run_and_history_points():
    """Test that two trainers with one seed give identical losses; curves gain a point per eval."""
    data = _fake_data(seed=4)
    runs = []
    for seed in (9, 9, 10):
        tr = CnnTrainer(data, CnnArch(blocks=1, filters=4, dense=16), seed=seed)
        tr.set_hparams("momentum", 0.05, 32, 0.5)
        runs.append([tr.train_step() for _ in range(5)])
    assert runs[0] == runs[1] and runs[0] != runs[2]
    assert tr.refresh(min_steps=3) is not None and tr.history.steps == [5]
    tr.train_step()
    assert tr.refresh(min_steps=3).step == 5  # too few new steps: keeps the last result
    tr.train_step(), tr.train_step()
    assert tr.refresh(min_steps=3).step == 8 and tr.history.steps == [5, 8]


def test_refresh_limits_the_share_of_time_spent_evaluating():
    """Test that refresh(max_share) waits until training since the last eval outweighs its cost."""
    tr = CnnTrainer(_fake_data(seed=6), CnnArch(blocks=1, filters=4, dense=16), seed=0)
    first = tr.refresh(min_steps=1)
    for _ in range(3):
        tr.train_step()
    tr._eval_cost = 1e6  # pretend scoring the test set is very slow
    assert tr.refresh(min_steps=1, max_share=0.25) is first
    tr._eval_cost = 0.0
    assert tr.refresh(min_steps=1, max_share=0.25).step == 3


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), scale=st.floats(0.1, 200.0), label=st.integers(0, 9))
def test_softmax_loss_matches_torch(seed, scale, label):
    """Test that softmax_loss gives torch's softmax and cross-entropy, even for huge logits."""
    z = np.random.default_rng(seed).normal(size=10) * scale
    out = softmax_loss(z, label)
    zt = torch.tensor(z, dtype=torch.float64)
    np.testing.assert_allclose(out.probs, F.softmax(zt, 0).numpy(), rtol=1e-12, atol=1e-300)
    ref = F.cross_entropy(zt[None], torch.tensor([label])).item()
    assert out.loss == pytest.approx(ref, rel=1e-9, abs=1e-12)
    assert np.exp(z[label] - out.shift) / out.exp_sum == pytest.approx(out.probs[label])


def test_pixel_stats_match_numpy():
    """Test that the histogram-based pixel mean/std equal numpy's on the scaled pixels."""
    x = np.random.default_rng(3).integers(0, 256, (50, 28, 28), dtype=np.uint8)
    mean, std = pixel_stats(x)
    assert mean == pytest.approx((x / 255.0).mean(), rel=1e-12)
    assert std == pytest.approx((x / 255.0).std(), rel=1e-10)


def test_set_hparams_changes_lr_and_optimizer_live():
    """Test that set_hparams updates lr in place and swaps optimizer type while keeping weights."""
    tr = CnnTrainer(_fake_data(), CnnArch(blocks=1, filters=4, dense=16), seed=0)
    w = tr.model.fc.weight.detach().clone()
    tr.set_hparams("adam", 0.02, 8, 0.1)
    assert tr.opt.param_groups[0]["lr"] == 0.02 and isinstance(tr.opt, torch.optim.Adam)
    tr.set_hparams("sgd", 0.5, 8, 0.1)
    assert isinstance(tr.opt, torch.optim.SGD) and tr.opt.param_groups[0]["lr"] == 0.5
    assert torch.equal(tr.model.fc.weight, w) and len(tr.next_batch()) == 8


def test_feature_maps_and_filters_shapes():
    """Test that feature_maps lists conv/pool maps then dense and logits, and filters' shapes."""
    tr = CnnTrainer(_fake_data(), CnnArch(blocks=2, filters=4, kernel=5, dense=16), seed=0)
    maps = tr.feature_maps(np.zeros((28, 28), np.uint8))
    assert [n for n, _ in maps] == ["conv1", "pool1", "conv2", "pool2", "dense", "logits"]
    assert maps[0][1].shape == (4, 28, 28) and maps[3][1].shape == (8, 7, 7)
    assert tr.filters(0).shape == (4, 1, 5, 5) and tr.filters(1).shape == (8, 4, 5, 5)


def test_default_network_reaches_90_percent_on_bundled_test_split():
    """Test that the default config trained 200 seeded steps gets >= 90% on the bundled test set."""
    configure_torch()
    data = load_npz((ROOT / "assets" / "mnist" / "mnist_subset.npz").read_bytes())
    cfg = CnnMnistConfig()
    tr = CnnTrainer(data, cfg.arch(), seed=cfg.seed)
    tr.set_hparams(cfg.optimizer, cfg.lr, cfg.batch, cfg.dropout)
    for _ in range(200):
        tr.train_step()
    assert tr.evaluate().accuracy >= 0.90


def test_known_pixel_stats_give_the_same_model_as_computing_them():
    """Test that passing the training pixels' (mean, std) builds exactly the model that
    computing them would (the page passes the per-process cached value)."""
    data = _fake_data(seed=3)
    arch = CnnArch(blocks=1, filters=4, dense=16)
    a = CnnTrainer(data, arch, seed=2)
    b = CnnTrainer(data, arch, seed=2, stats=pixel_stats(data.x_train))
    for pa, pb in zip(a.model.state_dict().values(), b.model.state_dict().values()):
        assert torch.equal(pa, pb)


def test_a_fresh_copy_trains_exactly_like_a_new_trainer_and_leaves_its_template_alone():
    """Test that a copy of an untrained (and scored) trainer takes the same steps, losses and
    weights as a trainer built from scratch, shares the step-0 evaluation, and that training it
    changes nothing in the template; a trained trainer is no template."""
    data = _fake_data(seed=4)
    arch = CnnArch(blocks=1, filters=4, dense=16)
    template = CnnTrainer(data, arch, seed=7)
    first = template.evaluate()
    before = {k: v.clone() for k, v in template.model.state_dict().items()}
    copy_, scratch = template.fresh_copy(), CnnTrainer(data, arch, seed=7)
    assert copy_.evaluate() is first
    assert [copy_.train_step() for _ in range(3)] == [scratch.train_step() for _ in range(3)]
    for a, b in zip(copy_.model.state_dict().values(), scratch.model.state_dict().values()):
        assert torch.equal(a, b)
    assert template.step == 0 and template.history == TrainHistory()
    for k, v in template.model.state_dict().items():
        assert torch.equal(v, before[k])
    with pytest.raises(ValueError):
        copy_.fresh_copy()
