"""Test that a teacher's saved links from before the lesson-folder move still open the same state.

Each link is written out as the literal query string a teacher would have copied from the share box
(namespaces and field names as they were), with the settings it must produce.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from tests.apptest import page_test
from vizlib.lessons.backprop.config import BackpropConfig, DeepConfig, ExprConfig
from vizlib.lessons.char_gpt.config import CharGPTConfig
from vizlib.lessons.char_models.config import CharModelsConfig
from vizlib.lessons.cnn_mnist.config import CnnMnistConfig
from vizlib.lessons.convolution.config import ConvolutionConfig
from vizlib.lessons.deep_q.config import CartPoleConfig, GridConfig
from vizlib.lessons.gradient_descent.config import GradientDescentConfig
from vizlib.lessons.losses.config import LossConfig
from vizlib.lessons.neuron.config import NeuronConfig
from vizlib.lessons.overfitting.config import OverfittingConfig
from vizlib.lessons.playground.config import PlaygroundConfig
from vizlib.lessons.recurrent_cells.config import CellConfig, GradConfig
from vizlib.lessons.self_attention.config import SelfAttentionConfig
from vizlib.lessons.tiny_transformer.config import TinyTransformerConfig

# (page slug, config class, saved query string, the settings it must give). The lessons added
# after the move (recurrent cells, char models, overfitting, deep Q) have links as of their first
# release: they must keep opening the same state from now on.
SAVED_LINKS = [
    (
        "recurrent_cells",
        CellConfig,
        "recurrent_cells.cell=lstm&recurrent_cells.hidden_size=3&recurrent_cells.seed=4",
        {"cell": "lstm", "hidden_size": 3, "seed": 4},
    ),
    (
        "recurrent_cells",
        GradConfig,
        "recurrent_cells.g_len=200&recurrent_cells.g_scale=3.0&recurrent_cells.g_bias=0.0",
        {"g_len": 200, "g_scale": 3.0, "g_bias": 0.0},
    ),
    (
        "char_models",
        CharModelsConfig,
        "char_models.corpus=shakespeare&char_models.model=gru&char_models.hidden=64"
        "&char_models.layers=2&char_models.seed=3",
        {"corpus": "shakespeare", "model": "gru", "hidden": 64, "layers": 2, "seed": 3},
    ),
    (
        "overfitting",
        OverfittingConfig,
        "overfitting.n_train=500&overfitting.model=mlp&overfitting.width=256"
        "&overfitting.dropout=0.5&overfitting.seed=2",
        {"n_train": 500, "model": "mlp", "width": 256, "dropout": 0.5, "seed": 2},
    ),
    (
        "deep_q",
        GridConfig,
        "deep_q.layout=...G%2F.%23.P%2FS...&deep_q.slip=0.2&deep_q.agent=q&deep_q.gamma=0.95",
        {"layout": "...G/.#.P/S...", "slip": 0.2, "agent": "q", "gamma": 0.95},
    ),
    (
        "deep_q",
        CartPoleConfig,
        "deep_q.mode=cartpole&deep_q.cp_hidden=128&deep_q.cp_target=0&deep_q.cp_loss=mse",
        {"cp_hidden": 128, "cp_target": False, "cp_loss": "mse"},
    ),
    (
        "neuron",
        NeuronConfig,
        "neuron.n_inputs=3&neuron.x1=4.0&neuron.w2=-0.5&neuron.b=1.5&neuron.act=relu",
        {"n_inputs": 3, "x1": 4.0, "w2": -0.5, "b": 1.5, "act": "relu"},
    ),
    (
        "losses",
        LossConfig,
        "losses.kind=ce&losses.ce_input=logits&losses.ce_true=0%2C+1%2C+0"
        "&losses.ce_logits=1%2C+2%2C+0.5",
        {"kind": "ce", "ce_input": "logits", "ce_true": "0, 1, 0", "ce_logits": "1, 2, 0.5"},
    ),
    (
        "gradient_descent",
        GradientDescentConfig,
        "gradient_descent.surface=rosenbrock&gradient_descent.steps=300"
        "&gradient_descent.use_nesterov=1&gradient_descent.use_sgd=0&gradient_descent.lr_sgd=0.05",
        {
            "surface": "rosenbrock",
            "steps": 300,
            "use_nesterov": True,
            "use_sgd": False,
            "lr_sgd": 0.05,
        },  # fmt: skip
    ),
    (
        "backprop",
        BackpropConfig,
        "backprop.loss=mse&backprop.x=0.5%2C+-1&backprop.w1=0.1%2C+0.2%3B+0.3%2C+0.4"
        "&backprop.lr=0.5&backprop.seed=7",
        {"loss": "mse", "x": "0.5, -1", "w1": "0.1, 0.2; 0.3, 0.4", "lr": 0.5, "seed": 7},
    ),
    (
        "backprop",
        ExprConfig,
        "backprop.expr=a*b+%2B+c&backprop.values=a%3D1%2C+b%3D2%2C+c%3D3",
        {"expr": "a*b + c", "values": "a=1, b=2, c=3"},
    ),
    (
        "backprop",
        DeepConfig,
        "backprop.depth=8&backprop.width=16&backprop.deep_act=relu&backprop.init=he",
        {"depth": 8, "width": 16, "deep_act": "relu", "init": "he"},
    ),
    (
        "playground",
        PlaygroundConfig,
        "playground.dataset=spiral&playground.noise=20&playground.x1sq=1"
        "&playground.hidden=6%2C4%2C2&playground.activation=relu&playground.seed=42",
        {
            "dataset": "spiral",
            "noise": 20,
            "x1sq": True,
            "hidden": "6,4,2",
            "activation": "relu",
            "seed": 42,
        },  # fmt: skip
    ),
    (
        "convolution",
        ConvolutionConfig,
        "convolution.source=matrix&convolution.kernel=blur&convolution.stride=2"
        "&convolution.pad_mode=explicit&convolution.pad=2&convolution.pool_mode=avg",
        {
            "source": "matrix",
            "kernel": "blur",
            "stride": 2,
            "pad_mode": "explicit",
            "pad": 2,
            "pool_mode": "avg",
        },  # fmt: skip
    ),
    (
        "cnn_mnist",
        CnnMnistConfig,
        "cnn_mnist.blocks=1&cnn_mnist.filters=6&cnn_mnist.kernel=5&cnn_mnist.optimizer=sgd"
        "&cnn_mnist.lr=0.05&cnn_mnist.view=errors&cnn_mnist.seed=3",
        {
            "blocks": 1,
            "filters": 6,
            "kernel": 5,
            "optimizer": "sgd",
            "lr": 0.05,
            "view": "errors",
            "seed": 3,
        },  # fmt: skip
    ),
    (
        "self_attention",
        SelfAttentionConfig,
        "self_attention.sentence=dog+bites+man&self_attention.causal=1"
        "&self_attention.temperature=0.5&self_attention.heads=3&self_attention.seed=11",
        {
            "sentence": "dog bites man",
            "causal": True,
            "temperature": 0.5,
            "heads": 3,
            "seed": 11,
        },  # fmt: skip
    ),
    (
        "tiny_transformer",
        TinyTransformerConfig,
        "tiny_transformer.task=sort&tiny_transformer.n_digits=5&tiny_transformer.n_head=1"
        "&tiny_transformer.d_model=32&tiny_transformer.typed=3+1+2+5+4",
        {"task": "sort", "n_digits": 5, "n_head": 1, "d_model": 32, "typed": "3 1 2 5 4"},
    ),
    (
        "char_gpt",
        CharGPTConfig,
        "char_gpt.corpus=shakespeare&char_gpt.block_size=48&char_gpt.temperature=1.2"
        "&char_gpt.prompt=ROMEO%3A&char_gpt.sample_seed=9",
        {
            "corpus": "shakespeare",
            "block_size": 48,
            "temperature": 1.2,
            "prompt": "ROMEO:",
            "sample_seed": 9,
        },  # fmt: skip
    ),
]


def _query(link: str) -> dict[str, list[str]]:
    return parse_qs(link, keep_blank_values=True, strict_parsing=True)


def test_every_lesson_has_a_saved_link():
    """Test that the list covers every lesson page."""
    from vizlib.ui.lessons import available_lessons

    assert {slug for slug, *_ in SAVED_LINKS} == {lesson.slug for lesson in available_lessons()}


@pytest.mark.parametrize(
    ("slug", "cls", "link", "expected"), SAVED_LINKS, ids=[c.__name__ for _, c, _, _ in SAVED_LINKS]
)
def test_saved_link_gives_the_same_config(slug, cls, link, expected):
    """Test that from_query reads every value of the saved link, rejecting none."""
    cfg, bad = cls.from_query(_query(link))
    assert bad == []
    assert {name: getattr(cfg, name) for name in expected} == expected


@pytest.mark.parametrize("slug", ["neuron", "tiny_transformer"])
def test_saved_link_opens_the_page_in_that_state(slug):
    """Test that the page opened with a saved link shows its widgets set from the link."""
    [(cls, link, expected)] = [(c, q, e) for s, c, q, e in SAVED_LINKS if s == slug]
    query = {k: v[-1] for k, v in _query(link).items()}
    at = page_test(slug, query)
    assert not at.exception
    state = {name: at.session_state[cls.key(name)] for name in expected}
    assert state == expected
