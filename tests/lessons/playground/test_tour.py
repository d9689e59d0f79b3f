"""Test that the playground's walkthrough is sound and that its answers are what training shows."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.apptest import page_test
from vizlib.core.config import format_value
from vizlib.lessons.playground.tour import TOUR
from vizlib.lessons.playground.trainer import PlaygroundTrainer, make_data
from vizlib.lessons.playground.view import MAX_EPOCHS

EPOCHS = 100  # far below the page's bound of MAX_EPOCHS; each epoch is 25 mini-batch steps here
SEPARATES = 0.95  # "it separates the rings": test accuracy at least this
FAILS = 0.8  # "it cannot": test accuracy stays below this all the way


def _trained(k: int, revealed: bool = True, epochs: int = EPOCHS) -> PlaygroundTrainer:
    """Step k's trainer as the page builds it (same data, seed and config), trained for `epochs`."""
    assert epochs <= MAX_EPOCHS
    cfg = TOUR.configs_at(k, revealed)["PlaygroundConfig"]
    trainer = PlaygroundTrainer(cfg, make_data(cfg))
    for _ in range(epochs):
        loss = trainer.train_step()
        if not math.isfinite(loss):
            break  # the page's live panel pauses here too
    return trainer


def _answer(step_id: str) -> str:
    return TOUR.steps[TOUR.index(step_id)].answer


def test_learning_rate_3_makes_the_loss_diverge():
    """Test that at learning rate 3 the loss leaves its start (nan or higher), where the set-up
    step's rate 0.03 brings it down."""
    k = TOUR.index("lr3")
    assert _answer("lr3") == "diverges"
    assert TOUR.configs_at(k, revealed=True)["PlaygroundConfig"].lr == 3.0
    wild = _trained(k).history.train_loss
    assert not math.isfinite(wild[-1]) or wild[-1] > wild[0]
    calm = _trained(k, revealed=False).history.train_loss
    assert math.isfinite(calm[-1]) and calm[-1] < 0.5 * calm[0]


def test_no_hidden_layer_cannot_separate_the_circle():
    """Test that a network with no hidden layer and inputs x1, x2 stays far from separating it."""
    k = TOUR.index("line")
    assert _answer("line") == "no"
    cfg = TOUR.configs_at(k, revealed=True)["PlaygroundConfig"]
    assert cfg.dataset == "circle" and cfg.hidden_sizes() == ()
    assert max(_trained(k).history.test_acc) < FAILS


def test_squared_inputs_let_it_separate_the_circle():
    """Test that adding x1² and x2² (still no hidden layer) separates the rings."""
    k = TOUR.index("squares")
    assert _answer("squares") == "yes"
    cfg = TOUR.configs_at(k, revealed=True)["PlaygroundConfig"]
    assert cfg.hidden_sizes() == () and cfg.x1sq and cfg.x2sq
    assert _trained(k).history.test_acc[-1] >= SEPARATES


def test_six_sigmoid_layers_starve_the_first_layer_of_gradient():
    """Test that layer 1's gradient norm is the smallest, by more than tenfold: it vanishes."""
    k = TOUR.index("deep")
    assert _answer("deep") == "first"
    cfg = TOUR.configs_at(k, revealed=True)["PlaygroundConfig"]
    assert cfg.activation == "sigmoid" and len(cfg.hidden_sizes()) == 6
    norms = _trained(k, epochs=5).history.grad_norm[-1]  # (7,) weights of layers 1..6 and output
    assert np.argmin(norms) == 0
    assert norms.max() > 10 * norms[0]


@pytest.mark.parametrize("revealed", [False, True])
def test_every_step_opens_the_page_as_its_link_would(revealed):
    """Test that the page opened with each step's settings in the URL renders with no exception
    or error, and its widgets hold the step's config; unrevealed, through the walkthrough panel
    itself (`tour=<slug>&step=k`, which loads the step's state)."""
    for k in range(len(TOUR.steps)):
        query = TOUR.query_at(k, revealed)
        panel = {} if revealed else {"tour": TOUR.slug, "step": str(k + 1)}
        at = page_test(TOUR.slug, query | panel)
        assert not at.exception and not at.error, (k, revealed)
        assert bool(panel) == any(b.key == f"_tour.{TOUR.slug}.next" for b in at.button)
        checked = 0
        for cfg in TOUR.configs_at(k, revealed).values():
            for key, value in cfg.to_query().items():
                if key in query and key in at.session_state:
                    assert format_value(at.session_state[key]) == value, (k, key)
                    checked += 1
        assert checked >= len(query) // 2, (k, checked, len(query))
