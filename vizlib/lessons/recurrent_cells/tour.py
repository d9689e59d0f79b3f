"""The recurrent-cells walkthrough: σ(0) against tanh(0) in the worked example's cell, then the
gradient through time vanishing, exploding, and held up by the LSTM's cell state."""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.recurrent_cells.config import PRESET_CURRICULUM, CellConfig, GradConfig

CELL, GRAD = CellConfig.key, GradConfig.key

# The worked example's cell (identity weights, zero biases) with tanh, reading x₁ = [0, 0]: the
# sigmoid is switched on only at Reveal, so its pitfall note (which gives σ(0) away) shows then.
EXAMPLE = {CELL(k): v for k, v in PRESET_CURRICULUM.items()} | {
    CELL("act"): "tanh",
    CELL("seq"): "0, 0",
}

# The "Vanishing" preset of the gradient view: tanh RNN, recurrent scale 1, T = 100.
VANISH = {GRAD("g_len"): 100, GRAD("g_scale"): 1.0, GRAD("g_bias"): 2.0, GRAD("g_act"): "tanh"}

TOUR = Tour(
    slug="recurrent_cells",
    configs=(CellConfig, GradConfig),
    steps=(
        Step("example", state=EXAMPLE),
        Step(
            "zero_input",
            choices=("zero", "half", "one"),
            answer="half",
            change={CELL("act"): "sigmoid"},
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
