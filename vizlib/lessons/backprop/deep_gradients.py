"""Vanishing and exploding gradients: one backward pass through a deep MLP on random data.

Per-layer weight-gradient norms and activations, in float64 torch with an explicit generator.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import torch

from vizlib.lessons.backprop.config import DeepConfig

BATCH = 64
SMALL_STD, LARGE_STD = 0.01, 1.0


@dataclasses.dataclass(frozen=True)
class DeepGradients:
    """Gradient norms ||∂L/∂W_l||_F for l = 1..depth+1 and hidden activations per layer."""

    grad_norms: np.ndarray  # (depth + 1,)
    activations: np.ndarray  # (depth, BATCH * width)
    loss: float


def init_std(init: str, fan_in: int, fan_out: int) -> float:
    """The standard deviation of the normal initialisation `init`."""
    if init == "small":
        return SMALL_STD
    if init == "xavier":
        return math.sqrt(2.0 / (fan_in + fan_out))
    if init == "he":
        return math.sqrt(2.0 / fan_in)
    if init == "large":
        return LARGE_STD
    raise ValueError(f"unknown init {init!r}")


def deep_weights(
    cfg: DeepConfig,
) -> tuple[torch.Tensor, torch.Tensor, list[torch.Tensor]]:
    """Seeded input batch (BATCH, width), targets (BATCH, 1) and weights W_l (fan_out, fan_in)."""
    g = torch.Generator().manual_seed(cfg.deep_seed)
    x = torch.randn(BATCH, cfg.width, generator=g, dtype=torch.float64)
    y = torch.randn(BATCH, 1, generator=g, dtype=torch.float64)
    shapes = [(cfg.width, cfg.width)] * cfg.depth + [(1, cfg.width)]
    ws = [
        torch.randn(*s, generator=g, dtype=torch.float64) * init_std(cfg.init, s[1], s[0])
        for s in shapes
    ]
    return x, y, ws


def deep_gradients(cfg: DeepConfig) -> DeepGradients:
    """One forward and backward pass (MSE loss, zero biases); per-layer gradient norms."""
    x, y, ws = deep_weights(cfg)
    ws = [w.requires_grad_(True) for w in ws]
    act = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}[cfg.deep_act]
    h, acts = x, []
    for w in ws[:-1]:
        h = act(h @ w.T)  # (BATCH, width)
        acts.append(h.detach().reshape(-1))
    out = h @ ws[-1].T  # (BATCH, 1)
    loss = torch.mean((out - y) ** 2)
    loss.backward()
    norms = np.array([float(torch.linalg.norm(w.grad)) for w in ws])
    return DeepGradients(norms, torch.stack(acts).numpy(), loss.item())


PRESETS: dict[str, dict[str, object]] = {
    "sigmoid20": {"depth": 20, "deep_act": "sigmoid", "init": "xavier"},
    "relu_he": {"depth": 20, "deep_act": "relu", "init": "he"},
}
