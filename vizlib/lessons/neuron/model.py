"""A single neuron y = f(w·x + b): its forward trace and the activation curve data."""

from __future__ import annotations

import dataclasses

import numpy as np

from vizlib.core.activations import activate, derivative, saturated
from vizlib.lessons.neuron.config import NeuronConfig


@dataclasses.dataclass(frozen=True)
class NeuronTrace:
    """Every number of one forward pass, plus the local gradients."""

    products: np.ndarray  # (n,) w_i * x_i
    z: float
    y: float
    dy_dz: float  # f'(z)
    dy_dw: np.ndarray  # (n,) f'(z) * x
    dy_dx: np.ndarray  # (n,) f'(z) * w
    saturated: bool


def neuron_forward(cfg: NeuronConfig) -> NeuronTrace:
    """z = w·x + b, y = f(z), and dy/dz, dy/dw, dy/dx."""
    products = cfg.w * cfg.x
    z = float(products.sum() + cfg.b)
    d = float(derivative(cfg.act, np.array(z)))
    return NeuronTrace(
        products,
        z,
        float(activate(cfg.act, np.array(z))),
        d,
        d * cfg.x,
        d * cfg.w,
        bool(saturated(cfg.act, np.array(z))),
    )


@dataclasses.dataclass(frozen=True)
class ActivationCurve:
    """f and f' sampled on a grid, with the saturated region marked."""

    x: np.ndarray
    f: np.ndarray
    df: np.ndarray
    saturated: np.ndarray  # bool mask


def activation_curve(name: str, lo: float = -6.0, hi: float = 6.0, n: int = 241) -> ActivationCurve:
    """Sample the named activation and its derivative on [lo, hi]."""
    x = np.linspace(lo, hi, n)
    return ActivationCurve(x, activate(name, x), derivative(name, x), saturated(name, x))
