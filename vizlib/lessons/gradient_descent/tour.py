"""The gradient-descent walkthrough: plain SGD on the curriculum bowl (started at its minimum too),
an optimizer race on Rosenbrock's valley, then a live fit whose learning rate crosses 2/L.

The live fit comes last, so its blow-up is the end of the walkthrough, not a red notice above
the race.
"""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.gradient_descent.config import MAX_STEPS, GradientDescentConfig

NS = GradientDescentConfig.NS

TOUR = Tour(
    slug="gradient_descent",
    configs=(GradientDescentConfig,),
    steps=(
        Step(
            "bowl",
            state={
                f"{NS}.surface": "bowl",
                f"{NS}.start": "-1, 4",
                f"{NS}.steps": 20,
                f"{NS}.use_sgd": True,
                f"{NS}.use_momentum": False,
                f"{NS}.use_nesterov": False,
                f"{NS}.use_rmsprop": False,
                f"{NS}.use_adam": False,
                f"{NS}.lr_sgd": 0.1,
                f"{NS}.schedule": "constant",
                f"{NS}.noise": 0.0,
                f"{NS}.view": MAX_STEPS,
            },
        ),
        Step(
            "at_min",
            state={f"{NS}.start": "1, 2", f"{NS}.view": 0},
            choices=("stays", "moves", "bounces"),
            answer="stays",
            change={f"{NS}.view": MAX_STEPS},
        ),
        Step(
            "race",
            state={
                f"{NS}.surface": "rosenbrock",
                f"{NS}.start": "",
                f"{NS}.steps": 1000,
                f"{NS}.use_momentum": True,
                f"{NS}.use_adam": True,
                f"{NS}.lr_sgd": 0.001,
                f"{NS}.lr_momentum": 0.001,
                f"{NS}.lr_adam": 0.05,
                f"{NS}.momentum": 0.9,
                f"{NS}.beta1": 0.9,
                f"{NS}.beta2": 0.999,
                f"{NS}.view": 0,
            },
            choices=("sgd", "momentum", "adam"),
            answer="momentum",
            change={f"{NS}.view": MAX_STEPS},
        ),
        Step(
            "fit",
            state={
                f"{NS}.data_x": "1, 2, 3, 4",
                f"{NS}.data_y": "2, 3, 4, 5",
                f"{NS}.fit_lr": 0.01,
            },
        ),
        Step(
            "lr_big",
            choices=("faster", "same", "diverges"),
            answer="diverges",
            change={f"{NS}.fit_lr": 0.15},
            action="train",
        ),
    ),
    live_ns=f"{NS}.fit",
)
