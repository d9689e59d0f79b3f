"""Activation functions and their exact derivatives, in numpy (checked against torch autograd).

GELU is the tanh approximation (GPT-2's, torch's `approximate="tanh"`): numpy has no erf.
"""

from __future__ import annotations

import numpy as np

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "gelu", "linear")
LEAKY_SLOPE = 0.01
_GELU_C = np.sqrt(2.0 / np.pi)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Numerically stable logistic function."""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def activate(name: str, x: np.ndarray) -> np.ndarray:
    """f(x) for the named activation."""
    x = np.asarray(x, dtype=float)
    if name == "sigmoid":
        return sigmoid(x)
    if name == "tanh":
        return np.tanh(x)
    if name == "relu":
        return np.maximum(x, 0.0)
    if name == "leaky_relu":
        return np.where(x > 0, x, LEAKY_SLOPE * x)
    if name == "gelu":
        return 0.5 * x * (1.0 + np.tanh(_GELU_C * (x + 0.044715 * x**3)))
    if name == "linear":
        return x.copy()
    raise ValueError(f"unknown activation {name!r}")


def derivative(name: str, x: np.ndarray) -> np.ndarray:
    """f'(x) for the named activation (the subgradient torch uses at kinks: relu'(0) = 0)."""
    x = np.asarray(x, dtype=float)
    if name == "sigmoid":
        s = sigmoid(x)
        return s * (1.0 - s)
    if name == "tanh":
        return 1.0 - np.tanh(x) ** 2
    if name == "relu":
        return (x > 0).astype(float)
    if name == "leaky_relu":
        return np.where(x > 0, 1.0, LEAKY_SLOPE)
    if name == "gelu":
        u = _GELU_C * (x + 0.044715 * x**3)
        th = np.tanh(u)
        du = _GELU_C * (1.0 + 3 * 0.044715 * x**2)
        return 0.5 * (1.0 + th) + 0.5 * x * (1.0 - th**2) * du
    if name == "linear":
        return np.ones_like(x)
    raise ValueError(f"unknown activation {name!r}")


def saturated(name: str, x: np.ndarray, tol: float = 0.05) -> np.ndarray:
    """Mask of inputs where the gradient has (nearly) vanished: f'(x) < tol.

    For ReLU this is the dead side x <= 0; linear never saturates.
    """
    if name == "linear":
        return np.zeros(np.shape(x), dtype=bool)
    return derivative(name, x) < tol
