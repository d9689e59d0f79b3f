"""Linear regression y ≈ θ0 + θ1·x: closed-form least squares and a step-by-step GD trainer.

The trainer's update goes through the shared torch-exact Optimizer (plain SGD on the full batch).
"""

from __future__ import annotations

import math

import numpy as np

from vizlib.core.optimizers import OptimConfig, Optimizer
from vizlib.lessons.gradient_descent.trajectories import Trajectory

MAX_POINTS = 50
MAX_ABS_VALUE = 1e3


def parse_numbers(text: str) -> np.ndarray:
    """Parse "1, 2, 3" into a float array; ValueError("format"/"not_finite"/"too_large")."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    try:
        vals = np.array([float(p) for p in parts], dtype=float)
    except ValueError:
        raise ValueError("format") from None
    if not np.isfinite(vals).all():
        raise ValueError("not_finite")
    if (np.abs(vals) > MAX_ABS_VALUE).any():
        raise ValueError("too_large")
    return vals


def parse_data(x_text: str, y_text: str) -> tuple[np.ndarray, np.ndarray]:
    """Parse and check a data set; ValueError reasons add "count", "too_many", "same_x"."""
    x, y = parse_numbers(x_text), parse_numbers(y_text)
    if len(x) != len(y) or len(x) < 2:
        raise ValueError("count")
    if len(x) > MAX_POINTS:
        raise ValueError("too_many")
    if np.ptp(x) == 0:
        raise ValueError("same_x")
    return x, y


def least_squares(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The exact minimiser (θ0, θ1) of mean((θ0 + θ1 x − y)²), closed form."""
    xm, ym = float(np.mean(x)), float(np.mean(y))
    slope = float(np.sum((x - xm) * (y - ym)) / np.sum((x - xm) ** 2))
    return np.array([ym - slope * xm, slope])


def mse(theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """mean((θ0 + θ1 x − y)²)."""
    r = theta[0] + theta[1] * x - y
    return float(np.mean(r * r))


def mse_gradient(theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Gradient of the MSE with respect to (θ0, θ1)."""
    r = theta[0] + theta[1] * x - y
    return np.array([2.0 * np.mean(r), 2.0 * np.mean(r * x)])


class LinRegTrainer:
    """Full-batch gradient descent on the MSE, one step per `train_step()`; keeps its history."""

    def __init__(
        self, x: np.ndarray, y: np.ndarray, start: tuple[float, float], lr: float = 0.01
    ) -> None:
        self.x, self.y = np.asarray(x, float), np.asarray(y, float)
        self.theta = np.array(start, dtype=float)
        self.opt = Optimizer([self.theta], OptimConfig(name="sgd", lr=lr))
        self.thetas = [self.theta.copy()]
        self.losses = [mse(self.theta, self.x, self.y)]

    def set_hparams(self, lr: float) -> None:
        """Change the learning rate live (takes effect at the next step)."""
        if lr != self.opt.cfg.lr:
            self.opt.cfg = OptimConfig(name="sgd", lr=lr)

    def train_step(self) -> float:
        """One gradient-descent step; returns the new loss (inf/nan once it has diverged)."""
        with np.errstate(all="ignore"):
            self.opt.step([mse_gradient(self.theta, self.x, self.y)])
            loss = mse(self.theta, self.x, self.y)
        if math.isfinite(loss):
            self.thetas.append(self.theta.copy())
            self.losses.append(loss)
        return loss

    def trajectory(self, label: str = "GD", max_points: int = 2000) -> Trajectory:
        """The θ path so far (thinned to at most `max_points`, last point kept) for charts."""
        n = len(self.thetas)
        idx = np.unique(np.linspace(0, n - 1, min(n, max_points)).round().astype(int))
        pts, losses = np.array(self.thetas)[idx], np.array(self.losses)[idx]
        empty = np.empty((0, 2))
        return Trajectory(label, pts, losses, empty, np.empty(0), diverged=False)
