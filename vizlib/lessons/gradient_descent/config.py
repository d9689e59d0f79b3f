"""The gradient-descent lab's settings: surface, start, race entrants and their hyperparameters.

Text fields (start point, data) are parsed by the page so it can say exactly what is wrong.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from vizlib.core.config import QueryConfig, param
from vizlib.core.optimizers import OPTIMIZERS, OptimConfig
from vizlib.lessons.gradient_descent.schedules import SCHEDULES
from vizlib.lessons.gradient_descent.surfaces import SURFACES
from vizlib.lessons.gradient_descent.trajectories import Racer

MAX_STEPS = 1000
LIVE_MAX_STEPS = 20000


@dataclasses.dataclass(frozen=True)
class GradientDescentConfig(QueryConfig):
    """Everything the page shows is a function of these fields (the seed included)."""

    NS: ClassVar[str] = "gradient_descent"

    surface: str = param("quadratic", choices=SURFACES)
    cond: float = param(10.0, lo=1.0, hi=100.0, step=1.0)
    angle: float = param(30.0, lo=-90.0, hi=90.0, step=5.0)
    data_x: str = param("1, 2, 3, 4")
    data_y: str = param("2, 3, 4, 5")
    start: str = param("")  # "" = the surface's own teaching start
    steps: int = param(100, lo=1, hi=MAX_STEPS, step=1)
    view: int = param(MAX_STEPS, lo=0, hi=MAX_STEPS, step=1)  # shown step, clamped to steps
    use_sgd: bool = param(True)
    use_momentum: bool = param(True)
    use_nesterov: bool = param(False)
    use_rmsprop: bool = param(False)
    use_adam: bool = param(True)
    lr_sgd: float = param(0.1, lo=1e-5, hi=10.0, step=0.001)
    lr_momentum: float = param(0.02, lo=1e-5, hi=10.0, step=0.001)
    lr_nesterov: float = param(0.02, lo=1e-5, hi=10.0, step=0.001)
    lr_rmsprop: float = param(0.05, lo=1e-5, hi=10.0, step=0.001)
    lr_adam: float = param(0.2, lo=1e-5, hi=10.0, step=0.001)
    momentum: float = param(0.9, lo=0.0, hi=0.99, step=0.01)
    rho: float = param(0.9, lo=0.0, hi=0.999, step=0.001)
    beta1: float = param(0.9, lo=0.0, hi=0.999, step=0.001)
    beta2: float = param(0.999, lo=0.0, hi=0.9999, step=0.0001)
    eps: float = param(1e-8, lo=1e-12, hi=1.0)
    schedule: str = param("constant", choices=SCHEDULES)
    step_size: int = param(30, lo=1, hi=MAX_STEPS, step=1)
    gamma: float = param(0.5, lo=0.01, hi=1.0, step=0.01)
    warmup: int = param(20, lo=1, hi=MAX_STEPS, step=1)
    noise: float = param(0.0, lo=0.0, hi=5.0, step=0.1)
    seed: int = param(0, lo=0, hi=9999, step=1)
    show_3d: bool = param(False)
    fit_lr: float = param(0.01, lo=1e-4, hi=1.0, step=0.001)

    def racers(self) -> list[Racer]:
        """The optimizers switched on, each with its own learning rate."""
        out = []
        for name in OPTIMIZERS:
            if getattr(self, f"use_{name}"):
                cfg = OptimConfig(
                    name=name,
                    lr=getattr(self, f"lr_{name}"),
                    momentum=self.momentum,
                    rho=self.rho,
                    beta1=self.beta1,
                    beta2=self.beta2,
                    eps=self.eps,
                )
                out.append(Racer(name, cfg))
        return out

    def schedule_kw(self) -> dict[str, float]:
        """Keyword arguments for `schedule_lrs`."""
        return {"step_size": self.step_size, "gamma": self.gamma, "warmup": self.warmup}

    def shown_step(self) -> int:
        """The step the charts show: `view`, at most `steps`."""
        return min(self.view, self.steps)
