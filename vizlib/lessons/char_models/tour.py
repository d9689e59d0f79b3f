"""The character-models walkthrough: an LSTM beats the bigram line, greedy sampling at T = 0
repeats itself, and counting pairs ends exactly on the bigram line."""

from __future__ import annotations

from vizlib.core.tour import Step, Tour
from vizlib.lessons.char_models.config import CharModelsConfig

K = CharModelsConfig.key

# The "LSTM on names" worked example (view_settings.PRESETS["lstm"]), seed and sampling included.
LSTM_ON_NAMES = {
    K("corpus"): "names",
    K("model"): "lstm",
    K("seq_len"): 32,
    K("emb"): 32,
    K("hidden"): 128,
    K("layers"): 1,
    K("lr"): 3e-3,
    K("batch"): 64,
    K("dropout"): 0.3,
    K("seed"): 0,
    K("temperature"): 0.8,
    K("sample_seed"): 0,
    K("prefix"): "ma",
}

TOUR = Tour(
    slug="char_models",
    configs=(CharModelsConfig,),
    steps=(
        Step("baselines", state=LSTM_ON_NAMES),
        Step("beat_bigram", choices=("below", "on", "above"), answer="below", action="train"),
        Step(
            "greedy",
            choices=("repeat", "random", "same"),
            answer="repeat",
            change={K("temperature"): 0.0},
        ),
        Step(
            "counting",
            state={K("model"): "bigram", K("smoothing"): 1.0, K("temperature"): 0.8},
            choices=("below_lstm", "on_line", "uniform"),
            answer="on_line",
            action="train",
        ),
    ),
    live_ns=CharModelsConfig.NS,
)
