"""The gradient-descent walkthrough: a live fit whose learning rate crosses 2/L, an optimizer
race on Rosenbrock's valley, and plain gradient descent started at the minimum.
"""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.gradient_descent.config import MAX_STEPS, GradientDescentConfig

NS = GradientDescentConfig.NS
RACE_OFF = {f"{NS}.use_{name}": False for name in ("nesterov", "rmsprop")}

TOUR = Tour(
    slug="gradient_descent",
    configs=(GradientDescentConfig,),
    steps=(
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
        Step(
            "race",
            state={
                f"{NS}.fit_lr": 0.01,
                f"{NS}.surface": "rosenbrock",
                f"{NS}.start": "",
                f"{NS}.steps": 1000,
                f"{NS}.use_sgd": True,
                f"{NS}.use_momentum": True,
                f"{NS}.use_adam": True,
                **RACE_OFF,
                f"{NS}.lr_sgd": 0.001,
                f"{NS}.lr_momentum": 0.001,
                f"{NS}.lr_adam": 0.05,
                f"{NS}.momentum": 0.9,
                f"{NS}.beta1": 0.9,
                f"{NS}.beta2": 0.999,
                f"{NS}.schedule": "constant",
                f"{NS}.noise": 0.0,
                f"{NS}.view": 0,
            },
            choices=("sgd", "momentum", "adam"),
            answer="momentum",
            change={f"{NS}.view": MAX_STEPS},
        ),
        Step(
            "at_min",
            state={
                f"{NS}.surface": "bowl",
                f"{NS}.start": "1, 2",
                f"{NS}.steps": 20,
                f"{NS}.use_momentum": False,
                f"{NS}.use_adam": False,
                f"{NS}.lr_sgd": 0.1,
                f"{NS}.view": 0,
            },
            choices=("stays", "moves", "bounces"),
            answer="stays",
            change={f"{NS}.view": MAX_STEPS},
        ),
    ),
    live_ns=f"{NS}.fit",
)
