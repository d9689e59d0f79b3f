"""The loss lesson's settings: which loss, and the typed targets and predictions (NS `losses`)."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from vizlib.core.config import QueryConfig, param
from vizlib.lessons.losses.functions import LOSSES

CE_INPUTS = ("probs", "logits")


@dataclasses.dataclass(frozen=True)
class LossConfig(QueryConfig):
    """Which loss, and the typed targets and predictions (the curriculum's presets by default)."""

    NS: ClassVar[str] = "losses"
    kind: str = param("mse", choices=LOSSES)
    ce_input: str = param("probs", choices=CE_INPUTS)
    mse_true: str = param("2, 3, 4")
    mse_pred: str = param("1.5, 2, 2.5")
    bce_true: str = param("1, 0")
    bce_pred: str = param("0.8, 0.2")
    ce_true: str = param("1, 0")
    ce_pred: str = param("0.8, 0.2")
    ce_logits: str = param("2, 1, 0.1")
