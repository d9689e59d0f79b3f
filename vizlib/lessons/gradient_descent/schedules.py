"""Learning-rate schedules: constant, step decay, cosine annealing, linear warm-up.

Each matches its torch.optim.lr_scheduler counterpart (StepLR, CosineAnnealingLR, LinearLR).
"""

from __future__ import annotations

import math

import numpy as np

SCHEDULES = ("constant", "step", "cosine", "warmup")


def schedule_lrs(
    kind: str,
    base_lr: float,
    steps: int,
    *,
    step_size: int = 100,
    gamma: float = 0.5,
    warmup: int = 20,
) -> np.ndarray:
    """The learning rate used at each of `steps` steps, shape (steps,)."""
    t = np.arange(steps, dtype=float)
    if kind == "constant":
        factor = np.ones(steps)
    elif kind == "step":  # StepLR: multiply by gamma every step_size steps
        factor = gamma ** np.floor(t / max(1, step_size))
    elif kind == "cosine":  # CosineAnnealingLR with T_max = steps, eta_min = 0
        factor = 0.5 * (1.0 + np.cos(math.pi * t / max(1, steps)))
    elif kind == "warmup":  # LinearLR from 1/warmup up to 1 over the first warmup steps
        factor = np.minimum(1.0, (t + 1.0) / max(1, warmup))
    else:
        raise ValueError(f"unknown schedule {kind!r}")
    return base_lr * factor
