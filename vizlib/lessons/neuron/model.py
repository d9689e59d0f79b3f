"""A single neuron y = f(w·x + b): its config, forward trace and the activation curve data."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

import numpy as np

from vizlib.core.activations import ACTIVATIONS, activate, derivative, saturated
from vizlib.core.config import QueryConfig, param


@dataclasses.dataclass(frozen=True)
class NeuronConfig(QueryConfig):
    """Inputs, weights, bias and activation of one neuron (2 or 3 inputs)."""

    NS: ClassVar[str] = "neuron"
    n_inputs: int = param(2, choices=(2, 3))
    x1: float = param(1.0, lo=-5.0, hi=5.0, step=0.1)
    x2: float = param(2.0, lo=-5.0, hi=5.0, step=0.1)
    x3: float = param(0.0, lo=-5.0, hi=5.0, step=0.1)
    w1: float = param(0.5, lo=-5.0, hi=5.0, step=0.1)
    w2: float = param(1.0, lo=-5.0, hi=5.0, step=0.1)
    w3: float = param(0.0, lo=-5.0, hi=5.0, step=0.1)
    b: float = param(0.2, lo=-5.0, hi=5.0, step=0.1)
    act: str = param("sigmoid", choices=ACTIVATIONS)

    @property
    def x(self) -> np.ndarray:
        return np.array([self.x1, self.x2, self.x3][: self.n_inputs])

    @property
    def w(self) -> np.ndarray:
        return np.array([self.w1, self.w2, self.w3][: self.n_inputs])


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
