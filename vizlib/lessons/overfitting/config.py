"""The overfitting lab's settings: data, capacity, remedies, seed and what the page shows.

`signature()` lists what needs a fresh model; the remedies that keep the architecture
(augmentation, dropout, weight decay, learning rate, batch, patience) change live.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from vizlib.core.config import QueryConfig, param

if TYPE_CHECKING:  # imported where used: the config (and the walkthrough) load without torch
    from vizlib.lessons.overfitting.models import NetSpec
    from vizlib.lessons.overfitting.trainer import Remedies

MODES = ("lab", "race", "sweep")
MODELS = ("mlp", "cnn")
OPTIMIZERS = ("adamw", "adam")  # decoupled weight decay vs L2 added to the gradient
RACE_REMEDIES = ("augment", "dropout", "weight_decay", "batchnorm")
# The bundle has 20,000 training digits; 1,000 of them at most are held out for validation.
MAX_TRAIN = 19_000
# B's strength in the race when the lab's own setting is 0 (read-only table)
RACE_DEFAULTS = {"shift": 2, "rotate": 15, "dropout": 0.5, "weight_decay": 0.1}


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

    def net(self) -> NetSpec:
        """The network of the lab."""
        from vizlib.lessons.overfitting.models import NetSpec

        return NetSpec(self.model, self.width, self.depth, self.batchnorm)

    def remedies(self) -> Remedies:
        """The live remedies of the lab."""
        from vizlib.lessons.overfitting.trainer import Remedies

        return Remedies(
            self.lr, self.optimizer, self.weight_decay, self.dropout, self.shift, self.rotate
        )

    def race_pair(self) -> tuple[tuple[NetSpec, Remedies], tuple[NetSpec, Remedies]]:
        """(A, B): today's settings with `race_remedy` off in A and on in B (at its setting,
        or at RACE_DEFAULTS when that is 0); everything else identical."""
        spec, rem, on = self.net(), self.remedies(), RACE_DEFAULTS
        r = self.race_remedy
        if r == "batchnorm":
            return (replace(spec, batchnorm=False), rem), (replace(spec, batchnorm=True), rem)
        if r == "augment":
            off = replace(rem, shift=0, rotate=0)
            b = replace(rem, shift=self.shift or on["shift"], rotate=self.rotate or on["rotate"])
            return (spec, off), (spec, b)
        value = getattr(self, r) or on[r]  # dropout or weight_decay
        return (spec, replace(rem, **{r: 0.0})), (spec, replace(rem, **{r: value}))

    def race_signature(self) -> tuple:
        """What needs a fresh pair of models in the race."""
        return (*self.signature(), self.race_remedy)
