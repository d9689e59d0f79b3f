"""Test that the playground trainer trains like torch, learns the toy sets, and is reproducible."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from vizlib.core.mlp import forward
from vizlib.lessons.playground.config import PlaygroundConfig, parse_hidden
from vizlib.lessons.playground.export import to_torch
from vizlib.lessons.playground.trainer import (
    PlaygroundTrainer,
    gradient_alert,
    health_alerts,
    unit_health,
)


def _torch_optimizer(cfg, weights, biases):
    l2 = cfg.reg_rate if cfg.reg == "l2" else 0.0
    groups = [
        {"params": weights, "weight_decay": l2},
        {"params": biases, "weight_decay": 0.0},
    ]
    if cfg.optimizer == "sgd":
        return torch.optim.SGD(groups, lr=cfg.lr)
    if cfg.optimizer == "momentum":
        return torch.optim.SGD(groups, lr=cfg.lr, momentum=cfg.momentum)
    if cfg.optimizer == "rmsprop":
        return torch.optim.RMSprop(groups, lr=cfg.lr)
    return torch.optim.Adam(groups, lr=cfg.lr)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "rmsprop", "adam"])
@pytest.mark.parametrize("reg", ["none", "l1", "l2"])
def test_full_batch_epochs_match_torch_optim(optimizer, reg):
    """Test that full-batch epochs equal torch.optim steps (L2 = weight_decay, L1 = subgradient)."""
    cfg = PlaygroundConfig(
        dataset="circle", n_points=60, hidden="5,3", activation="tanh",
        optimizer=optimizer, reg=reg, reg_rate=0.01, lr=0.05, batch=2000,
    )  # fmt: skip
    tr = PlaygroundTrainer(cfg)
    model = to_torch(tr.mlp)
    weights = [p for n, p in model.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in model.named_parameters() if n.endswith("bias")]
    opt = _torch_optimizer(cfg, weights, biases)
    x, y = torch.tensor(tr.x_train), torch.tensor(tr.y_train)
    for _ in range(8):
        tr.train_step()
        loss = F.binary_cross_entropy_with_logits(model(x)[:, 0], y)
        if reg == "l1":
            loss = loss + cfg.reg_rate * sum(w.abs().sum() for w in weights)
        opt.zero_grad()
        loss.backward()
        opt.step()
    for ours, theirs in zip(tr.mlp.params, model.parameters(), strict=True):
        np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=1e-7, atol=1e-10)
    expect = F.binary_cross_entropy_with_logits(model(x)[:, 0], y).item()
    np.testing.assert_allclose(tr.history.train_loss[-1], expect, rtol=1e-9)


def test_live_lr_change_takes_effect():
    """Test that set_hparams changes the next step: lr 0 freezes the weights, lr > 0 moves them."""
    cfg = PlaygroundConfig(dataset="xor")
    tr = PlaygroundTrainer(cfg)
    tr.set_hparams(PlaygroundConfig(dataset="xor", lr=1e-5))
    before = [p.copy() for p in tr.mlp.params]
    tr.train_step()
    small = max(np.abs(a - b).max() for a, b in zip(before, tr.mlp.params, strict=True))
    tr.set_hparams(PlaygroundConfig(dataset="xor", lr=1.0))
    before = [p.copy() for p in tr.mlp.params]
    tr.train_step()
    big = max(np.abs(a - b).max() for a, b in zip(before, tr.mlp.params, strict=True))
    assert big > 100 * small


@pytest.mark.parametrize(
    ("kw", "epochs", "target"),
    [
        ({"dataset": "xor", "optimizer": "adam", "lr": 0.03, "hidden": "6,4"}, 150, 0.95),
        ({"dataset": "circle"}, 150, 0.95),
        ({"dataset": "gauss"}, 60, 0.95),
        (
            {"dataset": "spiral", "hidden": "8,8,8", "optimizer": "adam", "lr": 0.01,
             "x1sq": True, "x2sq": True, "x1x2": True, "sinx1": True, "sinx2": True},
            200, 0.90,
        ),
    ],
)  # fmt: skip
def test_reaches_target_test_accuracy(kw, epochs, target):
    """Test that seeded runs reach the issue's test accuracy within a bounded number of epochs."""
    tr = PlaygroundTrainer(PlaygroundConfig(**kw))
    for _ in range(epochs):
        tr.train_step()
    assert tr.history.test_acc[-1] >= target


def test_same_seed_same_curve_other_seed_other_curve():
    """Test that the same seed and config give the same loss curve, another seed another."""

    def curve(seed):
        tr = PlaygroundTrainer(PlaygroundConfig(dataset="spiral", seed=seed, dropout=0.2))
        return [tr.train_step() for _ in range(10)]

    assert curve(3) == curve(3)
    assert curve(3) != curve(4)


def test_three_class_uses_softmax_and_regression_linear():
    """Test that the output layer matches the task: softmax for 3 classes, linear for regression."""
    tr = PlaygroundTrainer(PlaygroundConfig(dataset="three"))
    assert tr.mlp.output == "softmax" and tr.mlp.sizes[-1] == 3
    g = tr.grid_outputs(20)
    np.testing.assert_allclose(g.out.sum(1), 1.0)
    reg = PlaygroundTrainer(PlaygroundConfig(dataset="reg_plane"))
    assert reg.mlp.output == "linear" and np.isnan(reg.history.test_acc[0])


def test_grid_outputs_every_neuron():
    """Test that the grid holds every input feature and neuron, and its output equals forward."""
    cfg = PlaygroundConfig(hidden="3,2", x1sq=True)
    tr = PlaygroundTrainer(cfg)
    g = tr.grid_outputs(80)
    assert [a.shape for a in g.layers] == [(6400, 3), (6400, 3), (6400, 2)]
    z = to_torch(tr.mlp).eval()(torch.tensor(g.layers[0]))
    np.testing.assert_allclose(g.out, torch.sigmoid(z[:, 0]).detach().numpy(), rtol=1e-10)
    # evaluated in row blocks: every neuron equals one whole-grid pass, with dropout masks too
    masks = [np.array([2.0, 0.0, 2.0]), np.array([0.0, 2.0])]
    for m in (None, masks):
        whole = forward(tr.mlp, g.layers[0], m)
        for got, want in zip(tr.grid_outputs(80, m).layers, whole.acts, strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


def test_divergence_returns_nan_and_is_flagged():
    """Test that lr 10 on regression diverges to nan without raising, and the alert says so."""
    tr = PlaygroundTrainer(PlaygroundConfig(dataset="reg_plane", lr=10.0))
    losses = [tr.train_step() for _ in range(10)]
    assert not np.isfinite(losses[-1])
    assert "diverged" in health_alerts(tr.history)
    assert tr.grid_outputs(10).out.shape == (100,)


def test_deep_sigmoid_vanishes_and_high_lr_is_unstable():
    """Test that a deep sigmoid net flags vanishing gradients, and at lr 10 an unstable loss."""
    deep = {"hidden": "8,8,8,8,8,8", "activation": "sigmoid"}
    tr = PlaygroundTrainer(PlaygroundConfig(**deep))
    tr.train_step()
    assert "vanishing" in health_alerts(tr.history)
    fast = PlaygroundTrainer(PlaygroundConfig(lr=10.0, **deep))
    alerts = set()
    for _ in range(5):
        fast.train_step()
        alerts |= set(health_alerts(fast.history))
    assert "unstable" in alerts


def test_gradient_alert_thresholds():
    """Test that huge or non-finite norms are exploding and a tiny first layer is vanishing."""
    assert gradient_alert(np.array([1.0, np.inf])) == "exploding"
    assert gradient_alert(np.array([1.0, 5e3])) == "exploding"
    assert gradient_alert(np.array([1e-6, 1e-3, 1.0])) == "vanishing"
    assert gradient_alert(np.array([0.5, 0.4, 1.0])) is None


def test_unit_health_counts_dead_and_saturated():
    """Test that dead ReLUs and saturated tanh outputs are counted as percentages."""
    z = [np.array([[-1.0, 2.0], [-3.0, -1.0]])]
    dead, sat = unit_health("relu", z)
    assert dead == 50.0 and np.isnan(sat)
    z = [np.array([[10.0, 0.0], [-10.0, 0.1]])]
    dead, sat = unit_health("tanh", z)
    assert sat == 50.0 and np.isnan(dead)


def test_config_validation():
    """Test that bad hidden sizes, no features, or out-of-range values are refused."""
    assert parse_hidden("") == () and parse_hidden(" 8, 1 ") == (8, 1)
    for bad in ("9", "0", "1,2,3,4,5,6,7", "a"):
        with pytest.raises(ValueError):
            PlaygroundConfig(hidden=bad)
    with pytest.raises(ValueError):
        PlaygroundConfig(x1=False, x2=False)
    with pytest.raises(ValueError):
        PlaygroundConfig(dropout=0.9)
    cfg = PlaygroundConfig(hidden="3", seed=5, lr=0.1)
    assert PlaygroundConfig.from_query(cfg.to_query())[0] == cfg
    assert cfg.signature() != PlaygroundConfig(hidden="3", seed=6).signature()
    assert cfg.signature() == PlaygroundConfig(hidden="3", seed=5, lr=1.0, dropout=0.5).signature()
