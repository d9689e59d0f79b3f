"""The deep-RL walkthrough: how the step reward and the slip bend the optimal policy (value
iteration), what Q-learning learns on the cliff, and how long an untrained CartPole net lasts."""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.deep_q.config import CartPoleConfig, GridConfig
from vizlib.lessons.deep_q.gridworld import PRESETS

NS = "deep_q"

TOUR = Tour(
    slug=NS,
    configs=(GridConfig, CartPoleConfig),
    steps=(
        Step(
            "classic",
            state={
                f"{NS}.mode": "grid",
                f"{NS}.layout": PRESETS["classic"],
                f"{NS}.step_reward": -0.04,
                f"{NS}.slip": 0.2,
                f"{NS}.gamma": 0.9,
                f"{NS}.show": "vstar",
            },
        ),
        # the cell just below the pit: walk round it, or jump in to end the costly walk?
        Step(
            "costly",
            choices=("left", "up", "down"),
            answer="up",
            change={f"{NS}.step_reward": -0.5},
        ),
        # the cell left of the pit, with free moves: a slip from "up" can fall into the pit
        Step(
            "free",
            state={f"{NS}.step_reward": -0.04},
            choices=("up", "left", "right"),
            answer="left",
            change={f"{NS}.step_reward": 0.0, f"{NS}.gamma": 0.99},
        ),
        # tabular Q-learning on the cliff walk: the greedy path along the edge, or a safe one?
        Step(
            "cliff",
            state={
                f"{NS}.layout": PRESETS["cliff"],
                f"{NS}.step_reward": -0.04,
                f"{NS}.slip": 0.0,
                f"{NS}.gamma": 0.9,
                f"{NS}.agent": "q",
                f"{NS}.show": "learned",
            },
            choices=("edge", "safe", "never"),
            answer="edge",
            action="train",
        ),
        # an untrained CartPole network acting greedily
        Step(
            "cartpole",
            state={f"{NS}.mode": "cartpole"},
            choices=("quick", "half", "full"),
            answer="quick",
        ),
    ),
    live_ns=NS,
)
