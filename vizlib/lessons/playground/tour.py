"""The playground's walkthrough: a learning rate that blows up, a straight line that cannot
separate a circle until the inputs are squared, and gradients that vanish through six sigmoids.
"""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.playground.config import PlaygroundConfig

NS = PlaygroundConfig.NS
ONLY_X1_X2 = {
    f"{NS}.{f}": f in ("x1", "x2") for f in ("x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2")
}

TOUR = Tour(
    slug="playground",
    configs=(PlaygroundConfig,),
    steps=(
        Step(
            "calm",
            state={
                f"{NS}.dataset": "reg_plane",
                f"{NS}.noise": 0,
                f"{NS}.seed": 0,
                f"{NS}.hidden": "4,2",
                f"{NS}.activation": "tanh",
                f"{NS}.optimizer": "sgd",
                f"{NS}.lr": 0.03,
                f"{NS}.batch": 10,
                f"{NS}.reg": "none",
                f"{NS}.dropout": 0.0,
                **ONLY_X1_X2,
            },
        ),
        Step(
            "lr3",
            choices=("faster", "same", "diverges"),
            answer="diverges",
            change={f"{NS}.lr": 3.0},
            action="train",
        ),
        Step(
            "line",
            state={f"{NS}.dataset": "circle", f"{NS}.hidden": "", f"{NS}.lr": 0.03},
            choices=("yes", "no"),
            answer="no",
            action="train",
        ),
        Step(
            "squares",
            choices=("yes", "no"),
            answer="yes",
            change={f"{NS}.x1sq": True, f"{NS}.x2sq": True},
            action="train",
        ),
        Step(
            "deep",
            state={
                f"{NS}.hidden": "8,8,8,8,8,8",
                f"{NS}.activation": "sigmoid",
                f"{NS}.lr": 0.1,
                **ONLY_X1_X2,
            },
            choices=("first", "last", "same"),
            answer="first",
            action="train",
        ),
    ),
    live_ns=NS,
)
