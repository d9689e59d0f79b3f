"""Optimizer trajectories on a 2-D surface, and a race of several optimizers from one start.

Every update goes through `vizlib.core.optimizers.Optimizer` (torch-exact). Overflow, NaN or a
blow-up past BLOWUP ends a trajectory with `diverged=True`; nothing here raises on divergence.
"""

from __future__ import annotations

import copy
import dataclasses
import math

import numpy as np

from vizlib.core.optimizers import OptimConfig, Optimizer
from vizlib.lessons.gradient_descent.schedules import schedule_lrs
from vizlib.lessons.gradient_descent.surfaces import Surface

BLOWUP = 1e8  # |θ| beyond this counts as diverged (it can only grow to inf from here)


@dataclasses.dataclass(frozen=True)
class Trajectory:
    """One optimizer's path: positions (k+1, 2), losses (k+1,), gradients used (k, 2), lrs (k,)."""

    label: str
    points: np.ndarray
    losses: np.ndarray
    grads: np.ndarray
    lrs: np.ndarray
    diverged: bool

    @property
    def n_steps(self) -> int:
        """Steps actually taken (fewer than asked when it diverged)."""
        return len(self.points) - 1


@dataclasses.dataclass(frozen=True)
class Racer:
    """A named optimizer entering the race."""

    label: str
    cfg: OptimConfig


def _live_lr_cfg(cfg: OptimConfig) -> OptimConfig:
    # a scheduled lr is base_lr * factor with factor in [0, 1], so it is always valid: one
    # private copy whose lr is set in place each step skips re-validation, which would
    # otherwise dominate the cost of a 2-parameter step
    return copy.copy(cfg)


def run_trajectory(
    surface: Surface,
    start: tuple[float, float],
    cfg: OptimConfig,
    steps: int,
    *,
    lrs: np.ndarray | None = None,
    noise: float = 0.0,
    rng: np.random.Generator | None = None,
    label: str = "",
) -> Trajectory:
    """Run `steps` updates from `start`; `lrs` (steps,) overrides cfg.lr step by step.

    `noise` adds N(0, noise²) to each gradient component (imitating mini-batch SGD), drawn
    from the explicit generator `rng`.
    """
    if noise and rng is None:
        raise ValueError("gradient noise needs an explicit generator")
    draws = noise * rng.standard_normal((steps, 2)) if noise else None
    p = np.array(start, dtype=float)
    opt = Optimizer([p], _live_lr_cfg(cfg) if lrs is not None else cfg)
    x, y = p.tolist()
    pts, grads, losses = [(x, y)], [], [float(surface.value(x, y))]
    diverged = not math.isfinite(losses[0])
    with np.errstate(all="ignore"):
        for n in range(0 if diverged else steps):
            g = np.array(surface.gradient(x, y), dtype=float)
            if draws is not None:
                g += draws[n]
            if lrs is not None:
                object.__setattr__(opt.cfg, "lr", float(lrs[n]))
            opt.step([g])
            x, y = p.tolist()
            loss = float(surface.value(x, y))
            if not (math.isfinite(loss) and abs(x) < BLOWUP and abs(y) < BLOWUP):
                diverged = True
                break
            grads.append(g)
            pts.append((x, y))
            losses.append(loss)
    n = len(grads)
    used = np.asarray(lrs[:n], dtype=float) if lrs is not None else np.full(n, cfg.lr)
    return Trajectory(
        label, np.array(pts), np.array(losses), np.array(grads).reshape(n, 2), used, diverged
    )


def run_race(
    surface: Surface,
    start: tuple[float, float],
    racers: list[Racer],
    steps: int,
    *,
    schedule: str = "constant",
    schedule_kw: dict | None = None,
    noise: float = 0.0,
    seed: int = 0,
) -> list[Trajectory]:
    """Race several optimizers from the same start; each sees the same gradient-noise draws."""
    out = []
    for r in racers:
        lrs = None
        if schedule != "constant":
            lrs = schedule_lrs(schedule, r.cfg.lr, steps, **(schedule_kw or {}))
        rng = np.random.default_rng(seed) if noise else None
        out.append(
            run_trajectory(
                surface,
                start,
                r.cfg,
                steps,
                lrs=lrs,
                noise=noise,
                rng=rng,
                label=r.label,
            )
        )
    return out


def lr_sweep(
    surface: Surface, start: tuple[float, float], lrs: np.ndarray, steps: int
) -> np.ndarray:
    """Final loss of plain GD for each lr (inf where it diverged), shape (len(lrs),)."""
    out = np.empty(len(lrs))
    for i, lr in enumerate(lrs):
        path = run_trajectory(surface, start, OptimConfig(name="sgd", lr=float(lr)), steps)
        out[i] = np.inf if path.diverged else path.losses[-1]
    return out
