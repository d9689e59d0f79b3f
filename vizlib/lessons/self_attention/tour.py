"""The self-attention walkthrough: equal tokens get equal weights, the causal mask, temperature,
and one key (the output is V itself: attention multiplies by V)."""

from __future__ import annotations

from collections.abc import Mapping

from vizlib.core.config import QueryConfig
from vizlib.core.tour import Step, Tour
from vizlib.lessons.self_attention.attention import attention_trace
from vizlib.lessons.self_attention.config import SelfAttentionConfig
from vizlib.lessons.self_attention.inputs import attention_inputs

K = SelfAttentionConfig.key

SENTENCE = {
    K("source"): "sentence",
    K("sentence"): "the cat sat on the mat",
    K("emb"): "random",
    K("d_model"): 4,
    K("seed"): 0,
    K("weights"): "random",
    K("d_k"): 4,
    K("temperature"): 1.0,
    K("causal"): False,
    K("focus"): 1,
}
# The "one token of size 3" worked example (view_stages.PRESET_ONE).
ONE_TOKEN = {
    K("source"): "matrices",
    K("q_text"): "1, 2, 3",
    K("k_text"): "4, 5, 6",
    K("v_text"): "7, 8, 9",
    K("focus"): 1,
}


def first_self_weight(configs: Mapping[str, QueryConfig]) -> float:
    """The weight the first token gives to itself, as the page computes it."""
    cfg = configs[SelfAttentionConfig.__name__]
    inputs = attention_inputs(cfg)
    trace = attention_trace(inputs.q, inputs.k, inputs.v, temperature=cfg.temperature,
                            causal=cfg.causal)  # fmt: skip
    return float(trace.weights[0, 0])


TOUR = Tour(
    slug="self_attention",
    configs=(SelfAttentionConfig,),
    steps=(
        Step("rows", state=SENTENCE),
        Step(
            "twins",
            choices=("itself", "both", "cat"),
            answer="both",
            change={K("weights"): "identity"},
        ),
        Step("mask", numeric=True, outcome=first_self_weight, change={K("causal"): True}),
        Step(
            "flatten",
            state={K("causal"): False},
            choices=("even", "peaked", "same"),
            answer="even",
            change={K("temperature"): 10.0},
        ),
        Step(
            "one_key",
            state={K("temperature"): 1.0},
            choices=("v", "divided", "times"),
            answer="v",
            change=ONE_TOKEN,
        ),
    ),
)
