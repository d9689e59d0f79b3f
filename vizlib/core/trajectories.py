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
from vizlib.core.schedules import schedule_lrs
from vizlib.core.surfaces import Surface

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


def _with_lr(cfg: OptimConfig, lr: float) -> OptimConfig:
    # a scheduled lr is base_lr * factor with factor in (0, 1], so it is already valid:
    # skip re-validation, which would dominate the cost of a 2-parameter step
    new = copy.copy(cfg)
    object.__setattr__(new, "lr", float(lr))
    return new


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
    p = np.array(start, dtype=float)
    opt = Optimizer([p], cfg)
    pts, grads = np.empty((steps + 1, 2)), np.empty((steps, 2))
    losses = np.empty(steps + 1)
    pts[0], losses[0] = p, surface.value(p[0], p[1])
    n, diverged = 0, not math.isfinite(float(losses[0]))
    with np.errstate(all="ignore"):
        while n < steps and not diverged:
            g = np.array(surface.gradient(p[0], p[1]), dtype=float)
            if noise:
                g += noise * rng.standard_normal(2)
            if lrs is not None:
                opt.cfg = _with_lr(cfg, lrs[n])
            opt.step([g])
            loss = float(surface.value(p[0], p[1]))
            if not (math.isfinite(loss) and abs(p[0]) < BLOWUP and abs(p[1]) < BLOWUP):
                diverged = True
                break
            grads[n] = g
            n += 1
            pts[n], losses[n] = p, loss
    used = lrs[:n] if lrs is not None else np.full(n, cfg.lr)
    return Trajectory(
        label, pts[: n + 1], losses[: n + 1], grads[:n], np.asarray(used), diverged
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
    """Final loss of plain gradient descent for each lr (inf where it diverged), shape (len(lrs),)."""
    out = np.empty(len(lrs))
    for i, lr in enumerate(lrs):
        tr = run_trajectory(
            surface, start, OptimConfig(name="sgd", lr=float(lr)), steps
        )
        out[i] = np.inf if tr.diverged else tr.losses[-1]
    return out
