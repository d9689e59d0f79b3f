"""Optimizers over lists of numpy arrays, step-for-step identical to `torch.optim`.

SGD (with optional momentum and Nesterov), RMSprop and Adam (with bias correction).
L2 regularisation is torch's `weight_decay` (added to the gradient); L1 adds l1 * sign(p).
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

import numpy as np

from vizlib.core.config import QueryConfig, param

OPTIMIZERS = ("sgd", "momentum", "nesterov", "rmsprop", "adam")


@dataclasses.dataclass(frozen=True)
class OptimConfig(QueryConfig):
    """Hyperparameters; `name` picks the rule. Defaults are torch's."""

    NS: ClassVar[str] = "opt"

    name: str = param("sgd", choices=OPTIMIZERS)
    lr: float = param(0.03, lo=0.0, hi=1e3)
    momentum: float = param(0.9, lo=0.0, hi=0.9999)
    rho: float = param(0.99, lo=0.0, hi=0.9999)  # RMSprop's alpha
    beta1: float = param(0.9, lo=0.0, hi=0.9999)
    beta2: float = param(0.999, lo=0.0, hi=0.99999)
    eps: float = param(1e-8, lo=0.0, hi=1.0)
    weight_decay: float = param(0.0, lo=0.0, hi=10.0)  # L2, as torch's weight_decay
    l1: float = param(0.0, lo=0.0, hi=10.0)


class Optimizer:
    """Updates `params` in place from gradients; `cfg` may be swapped between steps (live lr)."""

    def __init__(self, params: list[np.ndarray], cfg: OptimConfig) -> None:
        self.params = params
        self.cfg = cfg
        self._fresh_state()

    def _fresh_state(self) -> None:
        """Step count and per-parameter buffers for the current rule, all zero."""
        self.t = 0
        self._rule = self.cfg.name
        self.buf = [np.zeros_like(p) for p in self.params]  # momentum buffer / Adam m
        self.sq = [np.zeros_like(p) for p in self.params]  # RMSprop / Adam v

    def step(self, grads: list[np.ndarray]) -> None:
        """Apply one update with the current config."""
        c = self.cfg
        if c.name != self._rule:  # a live switch of rule starts its state afresh, as torch would
            self._fresh_state()
        self.t += 1
        for i, (p, g) in enumerate(zip(self.params, grads, strict=True)):
            if c.weight_decay:
                g = g + c.weight_decay * p
            if c.l1:
                g = g + c.l1 * np.sign(p)
            p -= self._delta(i, g, c)

    def _delta(self, i: int, g: np.ndarray, c: OptimConfig) -> np.ndarray:
        if c.name == "sgd":
            return c.lr * g
        if c.name in ("momentum", "nesterov"):
            # torch: the first step initialises the buffer with the gradient itself
            self.buf[i] = g.copy() if self.t == 1 else c.momentum * self.buf[i] + g
            d = g + c.momentum * self.buf[i] if c.name == "nesterov" else self.buf[i]
            return c.lr * d
        if c.name == "rmsprop":
            self.sq[i] = c.rho * self.sq[i] + (1 - c.rho) * g * g
            return c.lr * g / (np.sqrt(self.sq[i]) + c.eps)
        if c.name == "adam":
            self.buf[i] = c.beta1 * self.buf[i] + (1 - c.beta1) * g
            self.sq[i] = c.beta2 * self.sq[i] + (1 - c.beta2) * g * g
            bc1 = 1 - c.beta1**self.t
            bc2 = 1 - c.beta2**self.t
            return (c.lr / bc1) * self.buf[i] / (np.sqrt(self.sq[i]) / np.sqrt(bc2) + c.eps)
        raise ValueError(f"unknown optimizer {c.name!r}")
