"""Two-parameter loss surfaces for the gradient-descent lab: value, gradient, grid, and L.

L is the largest Hessian eigenvalue where the Hessian is constant (quadratics), else None.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

SURFACES = ("quadratic", "bowl", "rosenbrock", "himmelblau", "saddle", "linreg")
MAX_ABS_START = 1e3  # typed start points beyond this are refused


@dataclasses.dataclass(frozen=True)
class Surface:
    """A loss J(x, y) with its analytic gradient; `hess` is set when the Hessian is constant."""

    name: str
    coef: tuple[float, ...]  # parameters of the formula (meaning depends on `name`)
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    start: tuple[float, float]  # a teaching default start point
    minima: tuple[tuple[float, float], ...]
    hess: np.ndarray | None = None  # (2, 2)

    def value(self, x, y):
        """J at (x, y); x, y may be floats or same-shape numpy arrays."""
        # products only (no **): python floats then overflow to inf instead of raising
        c = self.coef
        if self.name in ("quadratic", "bowl", "linreg"):
            # 0.5 * d^T H d + const with d = (x, y) - minimum: exact for every quadratic
            dx, dy = x - c[0], y - c[1]
            return 0.5 * (c[2] * dx * dx + 2 * c[3] * dx * dy + c[4] * dy * dy) + c[5]
        if self.name == "rosenbrock":
            a, r = c[0] - x, y - x * x
            return a * a + c[1] * r * r
        if self.name == "himmelblau":
            a, b = x * x + y - 11, x + y * y - 7
            return a * a + b * b
        if self.name == "saddle":
            return x * x - y * y + 0.25 * (y * y) * (y * y)
        raise ValueError(self.name)

    def gradient(self, x, y):
        """(dJ/dx, dJ/dy) at (x, y)."""
        c = self.coef
        if self.name in ("quadratic", "bowl", "linreg"):
            dx, dy = x - c[0], y - c[1]
            return c[2] * dx + c[3] * dy, c[3] * dx + c[4] * dy
        if self.name == "rosenbrock":
            r = y - x * x
            return -2 * (c[0] - x) - 4 * c[1] * x * r, 2 * c[1] * r
        if self.name == "himmelblau":
            a, b = x * x + y - 11, x + y * y - 7
            return 4 * x * a + 2 * b, 2 * a + 4 * y * b
        if self.name == "saddle":
            return 2 * x, -2 * y + y * y * y
        raise ValueError(self.name)

    @property
    def lipschitz(self) -> float | None:
        """L, the largest Hessian eigenvalue (constant-Hessian surfaces only)."""
        if self.hess is None:
            return None
        return float(np.linalg.eigvalsh(self.hess)[-1])

    def grid(self, n: int = 100) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """x (n,), y (n,) and J on the grid, Z[i, j] = J(x[j], y[i])."""
        xs = np.linspace(*self.xlim, n)
        ys = np.linspace(*self.ylim, n)
        X, Y = np.meshgrid(xs, ys)
        return xs, ys, np.asarray(self.value(X, Y), dtype=float)


def _quad(name: str, h: np.ndarray, center, const: float, lims, start) -> Surface:
    coef = (
        float(center[0]),
        float(center[1]),
        float(h[0, 0]),
        float(h[0, 1]),
        float(h[1, 1]),
        float(const),
    )
    c = (float(center[0]), float(center[1]))
    return Surface(name, coef, lims[0], lims[1], start, (c,), hess=h)


def quadratic(cond: float = 10.0, angle_deg: float = 0.0) -> Surface:
    """Convex quadratic with Hessian eigenvalues (1, cond), rotated by `angle_deg`."""
    if not (math.isfinite(cond) and cond >= 1.0):
        raise ValueError("cond must be >= 1")
    a = math.radians(angle_deg)
    r = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    h = r @ np.diag([1.0, cond]) @ r.T
    return _quad("quadratic", h, (0.0, 0.0), 0.0, ((-3.0, 3.0), (-3.0, 3.0)), (-2.5, 1.5))


def bowl() -> Surface:
    """The curriculum's bowl J = (θ1 − 1)² + (θ2 − 2)²."""
    return _quad(
        "bowl",
        2.0 * np.eye(2),
        (1.0, 2.0),
        0.0,
        ((-2.0, 4.0), (-1.0, 5.0)),
        (-1.0, 4.0),
    )


def linreg_surface(x: np.ndarray, y: np.ndarray) -> Surface:
    """MSE of y ≈ θ0 + θ1·x over (θ0, θ1), J = mean((θ0 + θ1 x − y)²)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    a = np.stack([np.ones_like(x), x], axis=1)  # (n, 2) design matrix
    h = 2.0 / len(x) * (a.T @ a)
    theta = np.linalg.lstsq(a, y, rcond=None)[0]
    resid = a @ theta - y
    const = float(np.mean(resid**2))
    span = max(2.0, 1.5 * float(np.abs(theta).max()))
    lims = ((theta[0] - span, theta[0] + span), (theta[1] - span, theta[1] + span))
    return _quad("linreg", h, theta, const, lims, (0.0, 0.0))


def rosenbrock(a: float = 1.0, b: float = 100.0) -> Surface:
    """Rosenbrock's banana valley (a − x)² + b (y − x²)²; minimum at (a, a²)."""
    return Surface("rosenbrock", (a, b), (-2.0, 2.0), (-1.0, 3.0), (-1.5, 2.5), ((a, a * a),))


def himmelblau() -> Surface:
    """Himmelblau's function: four minima of value 0."""
    mins = (
        (3.0, 2.0),
        (-2.805118, 3.131312),
        (-3.779310, -3.283186),
        (3.584428, -1.848127),
    )
    return Surface("himmelblau", (), (-5.0, 5.0), (-5.0, 5.0), (0.0, 0.0), mins)


def saddle() -> Surface:
    """x² − y² + y⁴/4: a saddle at the origin between minima at (0, ±√2)."""
    s = math.sqrt(2.0)
    return Surface("saddle", (), (-2.5, 2.5), (-2.5, 2.5), (-2.0, 0.01), ((0.0, s), (0.0, -s)))


def make_surface(
    name: str,
    *,
    cond: float = 10.0,
    angle_deg: float = 0.0,
    data: tuple[np.ndarray, np.ndarray] | None = None,
) -> Surface:
    """The surface called `name` (see SURFACES); `data` = (x, y) for linreg."""
    if name == "quadratic":
        return quadratic(cond, angle_deg)
    if name == "linreg":
        if data is None:
            raise ValueError("linreg needs data")
        return linreg_surface(*data)
    builders = {
        "bowl": bowl,
        "rosenbrock": rosenbrock,
        "himmelblau": himmelblau,
        "saddle": saddle,
    }
    if name not in builders:
        raise ValueError(f"unknown surface {name!r}")
    return builders[name]()


def parse_point(text: str, limit: float = MAX_ABS_START) -> tuple[float, float]:
    """Parse "x, y" into two finite floats of size <= limit.

    Raises ValueError whose message is a reason code: "format", "not_finite" or "too_large".
    """
    parts = [p for p in text.replace(";", ",").replace("(", "").replace(")", "").split(",")]
    if len(parts) != 2:
        raise ValueError("format")
    try:
        vals = [float(p.strip()) for p in parts]
    except ValueError:
        raise ValueError("format") from None
    if not all(math.isfinite(v) for v in vals):
        raise ValueError("not_finite")
    if any(abs(v) > limit for v in vals):
        raise ValueError("too_large")
    return vals[0], vals[1]
