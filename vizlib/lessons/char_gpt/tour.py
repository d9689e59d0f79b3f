"""The character-level GPT walkthrough: the untrained loss against ln(vocabulary size), then what
a very low and a high sampling temperature do to the model's samples and probabilities."""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.char_gpt.config import CharGPTConfig

NS = CharGPTConfig.NS

TOUR = Tour(
    slug=NS,
    configs=(CharGPTConfig,),
    steps=(
        # the "Invent names" preset with the default model, seeds and sample length
        Step(
            "names",
            state={
                f"{NS}.corpus": "names",
                f"{NS}.block_size": 16,
                f"{NS}.prompt": "ma",
                f"{NS}.temperature": 0.8,
                f"{NS}.n_layer": 2,
                f"{NS}.n_head": 2,
                f"{NS}.d_model": 64,
                f"{NS}.lr": 3e-3,
                f"{NS}.seed": 0,
                f"{NS}.sample_seed": 0,
                f"{NS}.n_chars": 200,
            },
        ),
        # the first training loss of a fresh model against a uniform guess
        Step(
            "first_loss",
            choices=("equal", "lower", "higher"),
            answer="equal",
            action="train",
        ),
        # a very low temperature, while the model trains again from the start
        Step(
            "cold",
            choices=("repeat", "varied", "random"),
            answer="repeat",
            change={f"{NS}.temperature": 0.05},
            action="train",
        ),
        # the same model at a high temperature: the next-character bars
        Step(
            "hot",
            choices=("flatter", "sharper", "same"),
            answer="flatter",
            change={f"{NS}.temperature": 2.0},
        ),
    ),
    live_ns=NS,
)
