"""The neuron's walkthrough: the worked example, a sigmoid pushed into its flat zone, σ(0), and a
ReLU that stops passing gradient once its weights turn negative.
"""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.neuron.config import NeuronConfig
from vizlib.lessons.neuron.model import neuron_forward

NS = NeuronConfig.NS


def _y(configs) -> float:
    """The neuron's output y at the revealed state (the page's own forward pass)."""
    return neuron_forward(configs["NeuronConfig"]).y


TOUR = Tour(
    slug="neuron",
    configs=(NeuronConfig,),
    steps=(
        Step(
            "worked",
            state={
                f"{NS}.n_inputs": 2,
                f"{NS}.x1": 1.0,
                f"{NS}.x2": 2.0,
                f"{NS}.w1": 0.5,
                f"{NS}.w2": 1.0,
                f"{NS}.b": 0.2,
                f"{NS}.act": "sigmoid",
            },
        ),
        Step(
            "saturate",
            choices=("bigger", "same", "tiny"),
            answer="tiny",
            change={f"{NS}.x1": 4.0, f"{NS}.x2": 3.0, f"{NS}.w1": 1.0, f"{NS}.w2": 1.0},
        ),
        Step(
            "zero",
            numeric=True,
            outcome=_y,
            change={f"{NS}.w1": 0.0, f"{NS}.w2": 0.0, f"{NS}.b": 0.0},
        ),
        Step(
            "dead",
            state={
                f"{NS}.act": "relu",
                f"{NS}.x1": 1.0,
                f"{NS}.x2": 2.0,
                f"{NS}.w1": 1.0,
                f"{NS}.w2": 0.5,
                f"{NS}.b": 0.0,
            },
            choices=("positive", "zero", "negative"),
            answer="zero",
            change={f"{NS}.w1": -1.0, f"{NS}.w2": -0.5},
        ),
    ),
)
