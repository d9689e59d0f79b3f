"""The loss lesson's walkthrough: MSE squares the error, cross-entropy explodes on a confident
mistake, and the softmax gradient pushes the true class's logit up.
"""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.losses.config import LossConfig

NS = LossConfig.NS

TOUR = Tour(
    slug="losses",
    configs=(LossConfig,),
    steps=(
        Step(
            "mse",
            state={
                f"{NS}.kind": "mse",
                f"{NS}.mse_true": "2, 3, 4",
                f"{NS}.mse_pred": "1.5, 2, 2.5",
            },
        ),
        Step(
            "double",
            choices=("same", "twice", "four"),
            answer="four",
            change={f"{NS}.mse_pred": "1, 1, 1"},
        ),
        Step(
            "ce",
            state={
                f"{NS}.kind": "ce",
                f"{NS}.ce_input": "probs",
                f"{NS}.ce_true": "1, 0",
                f"{NS}.ce_pred": "0.8, 0.2",
            },
        ),
        Step(
            "wrong",
            choices=("under2", "up_to10", "over10"),
            answer="over10",
            change={f"{NS}.ce_pred": "0.01, 0.99"},
        ),
        Step(
            "logit",
            choices=("negative", "zero", "positive"),
            answer="negative",
            change={
                f"{NS}.ce_input": "logits",
                f"{NS}.ce_true": "1, 0, 0",
                f"{NS}.ce_logits": "2, 1, 0.1",
            },
        ),
    ),
)
