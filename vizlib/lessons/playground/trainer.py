"""The playground trainer: one `train_step()` is one epoch of mini-batch steps over the train set.

Keeps the history (losses, accuracy, gradient health) and evaluates every neuron on a grid.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from vizlib.core.activations import saturated
from vizlib.core.mlp import (
    MLP,
    accuracy,
    dropout_masks,
    forward,
    gradients,
    init_mlp,
    loss_from_logits,
    predict,
)
from vizlib.core.optimizers import OptimConfig, Optimizer
from vizlib.lessons.playground.config import PlaygroundConfig
from vizlib.lessons.playground.datasets import Dataset2D, features, grid_points, make_dataset

OUTPUT_OF_TASK = {"binary": "sigmoid", "multiclass": "softmax", "regression": "linear"}
VANISH_RATIO = 1e-3
EXPLODE_NORM = 1e3
GRID_BLOCK = 8192  # values per layer in one block of grid_outputs: 64 KB of float64


@dataclasses.dataclass
class History:
    """Per-epoch records; index 0 is the untrained network."""

    epoch: list[int] = dataclasses.field(default_factory=list)
    train_loss: list[float] = dataclasses.field(default_factory=list)
    test_loss: list[float] = dataclasses.field(default_factory=list)
    train_acc: list[float] = dataclasses.field(default_factory=list)
    test_acc: list[float] = dataclasses.field(default_factory=list)
    grad_norm: list[np.ndarray] = dataclasses.field(default_factory=list)  # (n_layers,) each
    dead_pct: list[float] = dataclasses.field(default_factory=list)
    saturated_pct: list[float] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class GridOutputs:
    """Every neuron on a size×size grid: layers[l] (size², units); `out` the network output."""

    size: int
    layers: list[np.ndarray]
    out: np.ndarray  # (size²,) P(class 1) or target, or (size², K) class probabilities


def make_data(cfg: PlaygroundConfig) -> Dataset2D:
    """The built-in data set the config describes."""
    return make_dataset(cfg.dataset, cfg.n_points, cfg.noise / 100, cfg.train_pct / 100, cfg.seed)


def optim_config(cfg: PlaygroundConfig, weights: bool) -> OptimConfig:
    """The optimizer settings for weights (regularised) or biases (never regularised)."""
    l2 = cfg.reg_rate if weights and cfg.reg == "l2" else 0.0
    l1 = cfg.reg_rate if weights and cfg.reg == "l1" else 0.0
    return OptimConfig(name=cfg.optimizer, lr=cfg.lr, momentum=cfg.momentum, weight_decay=l2, l1=l1)


def gradient_alert(norms: np.ndarray) -> str | None:
    """ "exploding", "vanishing" or None, from one epoch's per-layer gradient norms."""
    if not np.all(np.isfinite(norms)) or norms.max() > EXPLODE_NORM:
        return "exploding"
    if len(norms) >= 3 and norms[-1] > 0 and norms[0] < VANISH_RATIO * norms[-1]:
        return "vanishing"
    return None


def health_alerts(h: History) -> list[str]:
    """Alerts for the latest epoch: "diverged", "exploding", "vanishing", "unstable"."""
    if len(h.epoch) < 2:
        return []
    alerts = []
    if not np.isfinite(h.train_loss[-1]):
        alerts.append("diverged")
    grad = gradient_alert(h.grad_norm[-1])
    if grad:
        alerts.append(grad)
    recent = np.asarray(h.train_loss[-5:])
    if np.all(np.isfinite(recent)) and recent.max() > 1.5 * h.train_loss[0] + 1e-12:
        alerts.append("unstable")  # loss climbed well above where it started
    return alerts


class PlaygroundTrainer:
    """An MLP, its data and optimizers; `set_hparams` applies live settings between steps."""

    def __init__(self, cfg: PlaygroundConfig, data: Dataset2D | None = None) -> None:
        self.data = make_data(cfg) if data is None else data
        self.feature_names = cfg.feature_names()
        self.x_train = features(self.data.x_train, self.feature_names)
        self.x_test = features(self.data.x_test, self.feature_names)
        self.y_train, self.y_test = self.data.y_train, self.data.y_test
        self._x_both = np.concatenate([self.x_train, self.x_test])  # one eval pass per epoch
        out = OUTPUT_OF_TASK[self.data.task]
        n_out = self.data.n_classes if out == "softmax" else 1
        sizes = (len(self.feature_names), *cfg.hidden_sizes(), n_out)
        self.mlp: MLP = init_mlp(
            sizes, cfg.activation, out, cfg.init, np.random.default_rng(cfg.seed)
        )
        self.seed = cfg.seed
        self.rng = np.random.default_rng([cfg.seed, 1])  # shuffling and dropout masks
        self.opt_w = Optimizer(self.mlp.params[0::2], optim_config(cfg, True))
        self.opt_b = Optimizer(self.mlp.params[1::2], optim_config(cfg, False))
        self.dropout, self.batch = 0.0, 1
        self.last_masks: list[np.ndarray] | None = None
        self.history = History()
        self.epoch = 0
        self.set_hparams(cfg)
        self._record(np.zeros(self.mlp.n_layers))

    def set_hparams(self, cfg: PlaygroundConfig) -> None:
        """Apply the live settings: optimizer, learning rate, regularisation, dropout, batch."""
        self.opt_w.cfg = optim_config(cfg, True)
        self.opt_b.cfg = optim_config(cfg, False)
        self.dropout = cfg.dropout
        self.batch = int(np.clip(cfg.batch, 1, len(self.x_train)))

    def train_step(self) -> float:
        """One epoch of shuffled mini-batch updates; returns the train loss afterwards."""
        n = len(self.x_train)
        order = self.rng.permutation(n)
        norms = np.zeros(self.mlp.n_layers)
        steps = 0
        with np.errstate(all="ignore"):
            for start in range(0, n, self.batch):
                idx = order[start : start + self.batch]
                masks = dropout_masks(self.mlp, self.dropout, self.rng)
                grads = gradients(self.mlp, self.x_train[idx], self.y_train[idx], masks)
                step_norms = [np.vdot(g, g) ** 0.5 for g in grads[0::2]]  # Frobenius norms
                norms += step_norms
                steps += 1
                self.last_masks = masks
                if not np.isfinite(step_norms).all():
                    break  # diverged: the epoch's record shows the nan loss
                self.opt_w.step(grads[0::2])
                self.opt_b.step(grads[1::2])
            self.epoch += 1
            self._record(norms / steps)
        return self.history.train_loss[-1]

    def _record(self, norms: np.ndarray) -> None:
        h = self.history
        n = len(self.x_train)
        with np.errstate(all="ignore"):
            zs = forward(self.mlp, self._x_both).zs
        tr_z, te_z = zs[-1][:n], zs[-1][n:]
        h.epoch.append(self.epoch)
        h.train_loss.append(self._loss(tr_z, self.y_train))
        h.test_loss.append(self._loss(te_z, self.y_test))
        h.train_acc.append(accuracy(self.mlp, tr_z, self.y_train))
        h.test_acc.append(accuracy(self.mlp, te_z, self.y_test))
        h.grad_norm.append(norms)
        dead, sat = unit_health(self.mlp.activation, [z[:n] for z in zs[:-1]])
        h.dead_pct.append(dead)
        h.saturated_pct.append(sat)

    def _loss(self, z: np.ndarray, y: np.ndarray) -> float:
        if len(y) == 0:
            return float("nan")
        with np.errstate(all="ignore"):
            loss = loss_from_logits(self.mlp.output, z, y)[0]
        return loss if np.isfinite(loss) else float("nan")

    def train_mode_masks(self) -> list[np.ndarray] | None:
        """The dropout masks of the last step, or (before any step) a preview that leaves the
        training random stream untouched."""
        if self.last_masks is not None:
            return self.last_masks
        return dropout_masks(self.mlp, self.dropout, np.random.default_rng([self.seed, 7]))

    def grid_outputs(self, size: int, masks: list[np.ndarray] | None = None) -> GridOutputs:
        """Every neuron's output over a size×size grid of the input plane (eval mode by default)."""
        inputs = features(grid_points(size), self.feature_names)
        n, sizes = len(inputs), self.mlp.sizes
        layers = [inputs] + [np.empty((n, h)) for h in sizes[1:-1]]
        logits = np.empty((n, sizes[-1]))
        block = GRID_BLOCK // max(sizes)
        with np.errstate(all="ignore"):
            # in row blocks: small temporaries are reused by the allocator, where whole-grid ones
            # cost fresh pages on every call
            for start in range(0, n, block):
                rows = slice(start, start + block)
                trace = forward(self.mlp, inputs[rows], masks)
                for layer, act in zip(layers[1:], trace.acts[1:]):
                    layer[rows] = act
                logits[rows] = trace.zs[-1]
            out = predict(self.mlp, logits)
        return GridOutputs(size, layers, out)


def unit_health(activation: str, hidden_zs: list[np.ndarray]) -> tuple[float, float]:
    """% of dead ReLUs (never active on the train set) and % of saturated sigmoid/tanh outputs."""
    if not hidden_zs:
        return float("nan"), float("nan")
    z = np.concatenate(hidden_zs, 1)  # (n, all hidden units)
    dead = float(np.mean(np.all(z <= 0, 0)) * 100) if activation == "relu" else float("nan")
    if activation in ("sigmoid", "tanh"):
        with np.errstate(all="ignore"):
            sat = float(np.mean(saturated(activation, z)) * 100)
    else:
        sat = float("nan")
    return dead, sat
