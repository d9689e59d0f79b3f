"""The overfitting lab's settings: data, capacity, remedies, seed and what the page shows.

`signature()` lists what needs a fresh model; the remedies that keep the architecture
(augmentation, dropout, weight decay, learning rate, batch, patience) change live.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from vizlib.core.config import QueryConfig, param

MODES = ("lab", "race", "sweep")
MODELS = ("mlp", "cnn")
OPTIMIZERS = ("adamw", "adam")  # decoupled weight decay vs L2 added to the gradient
RACE_REMEDIES = ("augment", "dropout", "weight_decay", "batchnorm")
# The bundle has 20,000 training digits; 1,000 of them at most are held out for validation.
MAX_TRAIN = 19_000


@dataclasses.dataclass(frozen=True)
class OverfittingConfig(QueryConfig):
    """Everything on the page, seed included, so a URL reproduces a run."""

    NS: ClassVar[str] = "overfitting"

    mode: str = param("lab", choices=MODES)
    n_train: int = param(100, lo=50, hi=MAX_TRAIN)
    model: str = param("mlp", choices=MODELS)
    width: int = param(512, lo=16, hi=1024)
    depth: int = param(1, lo=1, hi=3)
    batchnorm: bool = param(False)
    dropout: float = param(0.0, lo=0.0, hi=0.8, step=0.05)
    weight_decay: float = param(0.0, lo=0.0, hi=1.0)
    optimizer: str = param("adamw", choices=OPTIMIZERS)
    shift: int = param(0, lo=0, hi=4)
    rotate: int = param(0, lo=0, hi=30)
    patience: int = param(10, lo=0, hi=50)
    lr: float = param(0.001, lo=1e-5, hi=0.1)
    batch: int = param(32, lo=8, hi=256)
    seed: int = param(0, lo=0, hi=99_999)
    race_remedy: str = param("dropout", choices=RACE_REMEDIES)

    def signature(self) -> tuple:
        """Everything that needs a freshly initialised model: data, architecture, seed."""
        return (self.n_train, self.model, self.width, self.depth, self.batchnorm, self.seed)
