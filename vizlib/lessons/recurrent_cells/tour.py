"""The recurrent-cells walkthrough: σ(0) in the worked example, then the gradient through time
vanishing, exploding, and held up by the LSTM's cell state."""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.recurrent_cells.config import PRESET_CURRICULUM, CellConfig, GradConfig

CELL, GRAD = CellConfig.key, GradConfig.key

# The "Vanishing" preset of the gradient view: tanh RNN, recurrent scale 1, T = 100.
VANISH = {GRAD("g_len"): 100, GRAD("g_scale"): 1.0, GRAD("g_bias"): 2.0, GRAD("g_act"): "tanh"}

TOUR = Tour(
    slug="recurrent_cells",
    configs=(CellConfig, GradConfig),
    steps=(
        Step("example", state={CELL(k): v for k, v in PRESET_CURRICULUM.items()}),
        Step(
            "zero_input",
            choices=("zero", "half", "one"),
            answer="half",
            change={CELL("seq"): "0, 0"},
        ),
        Step("through_time", state=VANISH),
        Step(
            "scale_up",
            choices=("vanish", "same", "explode"),
            answer="explode",
            change={GRAD("g_scale"): 3.0},
        ),
        Step(
            "longer",
            state={GRAD("g_scale"): 1.0},
            choices=("rnn", "lstm", "gru"),
            answer="lstm",
            change={GRAD("g_len"): 200, GRAD("g_bias"): 3.0},
        ),
    ),
)
