"""The overfitting lab's walkthrough: a wide net memorises 100 digits (the gap grows, validation
loss turns up), then more data and then the remedies shrink the gap.
"""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.overfitting.config import OverfittingConfig

NS = OverfittingConfig.NS
REMEDIES_OFF = {
    f"{NS}.dropout": 0.0,
    f"{NS}.weight_decay": 0.0,
    f"{NS}.shift": 0,
    f"{NS}.rotate": 0,
    f"{NS}.batchnorm": False,
}

TOUR = Tour(
    slug="overfitting",
    configs=(OverfittingConfig,),
    steps=(
        Step(
            "lab",
            state={
                f"{NS}.mode": "lab",
                f"{NS}.n_train": 100,
                f"{NS}.model": "mlp",
                f"{NS}.width": 512,
                f"{NS}.depth": 1,
                f"{NS}.optimizer": "adamw",
                f"{NS}.lr": 0.001,
                f"{NS}.batch": 32,
                f"{NS}.patience": 0,  # no early-stopping pause in the middle of a reveal
                f"{NS}.seed": 0,
                **REMEDIES_OFF,
            },
        ),
        Step("gap", choices=("grows", "closes", "none"), answer="grows", action="train"),
        Step("val_loss", choices=("falls", "flat", "rises"), answer="rises", action="train"),
        Step(
            "more_data",
            choices=("larger", "smaller"),
            answer="smaller",
            change={f"{NS}.n_train": 5000},
            action="train",
        ),
        Step(
            "remedies",
            state={f"{NS}.n_train": 100},
            choices=("higher", "same", "lower"),
            answer="higher",
            change={
                f"{NS}.dropout": 0.5,
                f"{NS}.shift": 2,
                f"{NS}.rotate": 15,
                f"{NS}.weight_decay": 0.1,
            },
            action="train",
        ),
    ),
    live_ns=NS,
)
