"""Tests for vizlib.core.cnn and cnn_train: the model against plain torch.nn.functional ops,
seeding, the trainer's step/evaluation against independent torch computations, and accuracy."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core.cnn import CLASSIC, CnnArch, CnnMnistConfig, build_model, dropout
from vizlib.core.cnn_train import CnnTrainer, confusion_matrix, softmax_loss, to_float
from vizlib.core.mnist import MnistData, load_npz, pixel_stats
from vizlib.core.torch_setup import configure_torch

ROOT = Path(__file__).resolve().parents[2]

archs = st.builds(
    CnnArch,
    blocks=st.integers(1, 3),
    filters=st.integers(4, 12),
    kernel=st.sampled_from([3, 5]),
    pool=st.booleans(),
    dense=st.integers(16, 40),
)


def _fake_data(n_train: int = 256, n_test: int = 64, seed: int = 0) -> MnistData:
    rng = np.random.default_rng(seed)
    return MnistData(
        rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, n_train).astype(np.uint8),
        rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, n_test).astype(np.uint8),
    )


def _manual_layers(model, x):
    """The same network written with F.conv2d / F.relu / F.max_pool2d / F.linear."""
    h, out = (x - model.mean) / model.std, []
    for conv in model.convs:
        h = F.relu(F.conv2d(h, conv.weight, conv.bias, padding=model.arch.kernel // 2))
        out.append(h)
        if model.arch.pool:
            h = F.max_pool2d(h, kernel_size=2, stride=2)
            out.append(h)
    h = F.relu(F.linear(h.reshape(h.shape[0], -1), model.fc.weight, model.fc.bias))
    return [*out, h, F.linear(h, model.out.weight, model.out.bias)]


@settings(max_examples=15, deadline=None)
@given(arch=archs, seed=st.integers(0, 10_000))
def test_layers_match_functional_torch(arch, seed):
    """Test that every MnistCnn intermediate equals the same net built from F.conv2d etc."""
    g = torch.Generator().manual_seed(seed)
    model = build_model(arch, g, mean=0.13, std=0.3).eval()
    x = torch.rand((3, 1, 28, 28), generator=g)
    with torch.no_grad():
        ours = [t for _, t in model.layers(x)]
        ref = _manual_layers(model, x)
    assert len(ours) == len(ref)
    for a, b in zip(ours, ref, strict=True):
        torch.testing.assert_close(a, b)


@settings(max_examples=20, deadline=None)
@given(arch=archs)
def test_cost_counts_parameters_and_multiply_adds(arch):
    """Test that arch.cost() equals the real parameter count and the MACs from real layer shapes."""
    model = build_model(arch, torch.Generator().manual_seed(0), 0.0, 1.0)
    params, macs = arch.cost()
    assert params == sum(p.numel() for p in model.parameters())
    with torch.no_grad():
        layers = dict(model.layers(torch.zeros(1, 1, 28, 28)))
    expected = 0
    for i, conv in enumerate(model.convs, start=1):
        expected += layers[f"conv{i}"].numel() * conv.weight[0].numel()
    expected += model.fc.weight.numel() + model.out.weight.numel()
    assert macs == expected


def test_build_model_is_seeded_and_leaves_global_rng_alone():
    """Test that init depends only on the generator's seed and never touches torch's global RNG."""
    state = torch.random.get_rng_state()
    a = build_model(CnnArch(), torch.Generator().manual_seed(3), 0.1, 0.3)
    b = build_model(CnnArch(), torch.Generator().manual_seed(3), 0.1, 0.3)
    c = build_model(CnnArch(), torch.Generator().manual_seed(4), 0.1, 0.3)
    assert torch.equal(torch.random.get_rng_state(), state)
    for pa, pb in zip(a.parameters(), b.parameters(), strict=True):
        assert torch.equal(pa, pb)
    assert not torch.equal(a.convs[0].weight, c.convs[0].weight)


def test_init_follows_torch_default_bounds():
    """Test that weights and biases lie within torch's default +-1/sqrt(fan_in) init bounds."""
    model = build_model(CnnArch(blocks=3, kernel=5), torch.Generator().manual_seed(1), 0, 1)
    ref = torch.nn.Conv2d(8, 16, 5)  # torch's own default init for the second conv's shape
    assert model.convs[1].weight.abs().max() <= 1 / np.sqrt(8 * 25) + 1e-7
    assert ref.weight.abs().max() <= 1 / np.sqrt(8 * 25) + 1e-7
    for layer in [*model.convs, model.fc, model.out]:
        bound = 1 / np.sqrt(layer.weight[0].numel())
        assert layer.bias.abs().max() <= bound and layer.weight.abs().max() <= bound + 1e-7
        assert layer.weight.std() > bound / 4  # spread over the range, not all zeros


def test_dropout_is_inverted_and_seeded():
    """Test that dropout zeroes units or scales them by 1/(1-p), reproducibly for a seed."""
    x = torch.rand(2000) + 0.5
    a = dropout(x, 0.3, torch.Generator().manual_seed(7))
    b = dropout(x, 0.3, torch.Generator().manual_seed(7))
    assert torch.equal(a, b)
    kept = a != 0
    torch.testing.assert_close(a[kept], x[kept] / 0.7)
    assert 0.6 < kept.float().mean() < 0.8
    assert torch.equal(dropout(x, 0.3, None), x) and torch.equal(dropout(x, 0.0, None), x)


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
