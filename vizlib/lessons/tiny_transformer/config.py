"""The Tiny Transformer lesson's settings: task, model, training and the example shown."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from vizlib.core.config import QueryConfig, param
from vizlib.core.lm_knobs import TransformerKnobs

TASKS = ("reverse", "sort", "copy", "repeat")  # the toy tasks (tasks.py builds them)


@dataclasses.dataclass(frozen=True)
class TinyTransformerConfig(TransformerKnobs, QueryConfig):
    """Settings of the Tiny Transformer page; `typed` is the user's own input ("" = none)."""

    NS: ClassVar[str] = "tiny_transformer"

    task: str = param("reverse", choices=TASKS)
    n_digits: int = param(8, lo=3, hi=10)
    batch_size: int = param(64, lo=8, hi=256)
    example: int = param(0, lo=0, hi=999)
    typed: str = param("")

    def signature(self) -> tuple:
        """Everything that needs a fresh model (not the live hyperparameters)."""
        return (self.task, self.n_digits, self.n_layer, self.n_head, self.width(), self.seed)
