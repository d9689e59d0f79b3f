"""The Tiny Transformer walkthrough: the attention pattern reversal learns, the stripe a repeated
sequence learns, and whether sorting is learned as fast as reversing."""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.tiny_transformer.config import TinyTransformerConfig

NS = TinyTransformerConfig.NS

TOUR = Tour(
    slug=NS,
    configs=(TinyTransformerConfig,),
    steps=(
        # the "Reverse 8 digits" preset on example 0, before training
        Step(
            "untrained",
            state={
                f"{NS}.task": "reverse",
                f"{NS}.n_digits": 8,
                f"{NS}.n_layer": 2,
                f"{NS}.n_head": 2,
                f"{NS}.d_model": 64,
                f"{NS}.lr": 3e-3,
                f"{NS}.dropout": 0.0,
                f"{NS}.seed": 0,
                f"{NS}.example": 0,
                f"{NS}.typed": "",
            },
        ),
        # after training: where do layer 1's heads look from the answer positions?
        Step(
            "mirror",
            choices=("anti", "diag", "sep", "even"),
            answer="anti",
            action="train",
        ),
        # a repeated sequence with one head per layer: layer 1 learns an offset stripe
        Step(
            "stripe",
            state={f"{NS}.task": "repeat", f"{NS}.n_head": 1},
            choices=("stripe", "self", "first"),
            answer="stripe",
            action="train",
        ),
        # sorting with reversal's model and settings: learned as fast?
        Step(
            "sort",
            state={f"{NS}.task": "sort", f"{NS}.n_head": 2},
            choices=("faster", "same", "slower"),
            answer="slower",
            action="train",
        ),
    ),
    live_ns=NS,
)
