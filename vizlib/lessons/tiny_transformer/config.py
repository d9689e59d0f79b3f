"""The Tiny Transformer lesson's settings: task, model, training and the example shown."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from vizlib.core.config import QueryConfig, param
from vizlib.core.lm_trainer import D_MODELS, TransformerKnobs
from vizlib.lessons.tiny_transformer.tasks import TASKS


@dataclasses.dataclass(frozen=True)
class TinyTransformerConfig(TransformerKnobs, QueryConfig):
    """Settings of the Tiny Transformer page; `typed` is the user's own input ("" = none)."""

    NS: ClassVar[str] = "tiny_transformer"

    task: str = param("reverse", choices=TASKS)
    n_digits: int = param(8, lo=3, hi=10)
    n_layer: int = param(2, lo=1, hi=4)
    n_head: int = param(2, lo=1, hi=4)
    d_model: int = param(64, choices=D_MODELS)
    dropout: float = param(0.0, lo=0.0, hi=0.5, step=0.05)
    lr: float = param(3e-3, lo=1e-5, hi=1.0)
    weight_decay: float = param(0.0, lo=0.0, hi=1.0)
    batch_size: int = param(64, lo=8, hi=256)
    seed: int = param(0, lo=0, hi=99_999)
    example: int = param(0, lo=0, hi=999)
    typed: str = param("")

    def signature(self) -> tuple:
        """Everything that needs a fresh model (not the live hyperparameters)."""
        return (self.task, self.n_digits, self.n_layer, self.n_head, self.width(), self.seed)
