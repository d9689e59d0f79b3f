"""The CNN lesson's walkthrough: what the trained network predicts for a test digit, what a too
large learning rate does to it, and how pooling shrinks the feature maps.
"""

from __future__ import annotations

from collections.abc import Mapping

from vizlib.core.config import QueryConfig
from vizlib.core.tour import Step, Tour
from vizlib.lessons.cnn_mnist.config import CnnMnistConfig

NS = CnnMnistConfig.NS
DIGIT = 222  # a clearly written 7, which the untrained network takes for a 9
CHOICE_DIGITS = {"seven": 7, "nine": 9, "one": 1}  # the choices of "which", as digits


def last_map_rows(configs: Mapping[str, QueryConfig]) -> float:
    """The height of the last conv block's feature maps (28, halved by each pooling)."""
    return float(configs["CnnMnistConfig"].arch().sizes()[-1])


TOUR = Tour(
    slug="cnn_mnist",
    configs=(CnnMnistConfig,),
    steps=(
        Step(
            "look",
            state={
                f"{NS}.blocks": 2,
                f"{NS}.filters": 8,
                f"{NS}.kernel": 3,
                f"{NS}.pool": True,
                f"{NS}.dense": 64,
                f"{NS}.dropout": 0.0,
                f"{NS}.optimizer": "adam",
                f"{NS}.lr": 0.003,
                f"{NS}.batch": 64,
                f"{NS}.seed": 0,
                f"{NS}.view": "maps",
                f"{NS}.digit": DIGIT,
            },
        ),
        Step("which", choices=tuple(CHOICE_DIGITS), answer="seven", action="train"),
        Step(
            "lr_high",
            choices=("faster", "slower", "stuck"),
            answer="stuck",
            change={f"{NS}.lr": 0.1},
            action="train",
        ),
        Step(
            "pool",
            state={f"{NS}.lr": 0.003, f"{NS}.pool": False},
            numeric=True,
            outcome=last_map_rows,
            change={f"{NS}.pool": True},
        ),
    ),
    live_ns=NS,
)
