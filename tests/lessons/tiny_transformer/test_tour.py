"""Test the Tiny Transformer walkthrough: sound steps, URL round trips, texts, and answer keys
computed by training the page's own trainer (fewer steps than the page's bound)."""

from functools import cache

import numpy as np

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.tiny_transformer import tasks
from vizlib.lessons.tiny_transformer.tour import TOUR
from vizlib.lessons.tiny_transformer.trainer import (
    SeqTrainer,
    build_trainer,
    example_digits,
    greedy_answer,
)
from vizlib.lessons.tiny_transformer.view import MAX_STEPS, PRESETS

configure_torch(1)
CHECK_EVERY, STEPS = 50, 150  # attention checked at 50, 100 and 150 training steps
SORT_STEPS = 200


def _cfg(step_id: str):
    return TOUR.configs_at(TOUR.index(step_id), revealed=True)["TinyTransformerConfig"]


def _answer(step_id: str) -> str:
    return TOUR.steps[TOUR.index(step_id)].answer


@cache
def _train(step_id: str, steps: int) -> tuple[list[int], list[float], list[np.ndarray]]:
    """Train as the page does (a fresh trainer for the step's config) for `steps` steps: the eval
    steps, the whole-answer accuracy at each, and every CHECK_EVERY steps layer 1's argmax key per
    query row for each head (n_head, T), on the example the page shows."""
    cfg = _cfg(step_id)
    trainer: SeqTrainer = build_trainer(cfg)
    trainer.set_hparams(cfg.hparams())
    digits, looks = example_digits(cfg), []
    while trainer.step < steps:
        trainer.train_step()
        if trainer.step % CHECK_EVERY == 0:
            pred = greedy_answer(trainer.model, cfg.task, digits)
            looks.append(pred.attention[0].argmax(-1))
    return trainer.history.eval_steps, trainer.history.metrics["seq_acc"], looks


def test_the_tour_starts_with_a_set_up_and_its_checks_stay_in_the_pages_bound():
    """Test that the walkthrough opens with a set-up step and that the step counts its answer
    keys are checked at are within the page's bound (shared checks: tests/test_tours.py)."""
    assert TOUR.steps[0].kind == "setup"
    assert STEPS <= MAX_STEPS and SORT_STEPS <= MAX_STEPS


def test_reversal_draws_an_anti_diagonal_in_layer_1():
    """Test that after training, a layer-1 head sends every answer position (from | on) to the
    digit it must write: the mirror position, an anti-diagonal."""
    cfg = _cfg("mirror")
    assert cfg.task == "reverse" and _answer("mirror") == "anti"
    n, t = cfg.n_digits, tasks.block_size(cfg.task, cfg.n_digits)
    rows = np.arange(n, t)  # the separator and the answer digits written so far
    mirror = (t - 1) - rows
    for looks in _train("mirror", STEPS)[2]:
        assert any(np.array_equal(head[rows], mirror) for head in looks)
        assert not any(np.array_equal(head[rows], rows) for head in looks)  # not the diagonal
        assert not any(np.all(head[rows] == n) for head in looks)  # not the separator column


def test_a_repeated_sequence_draws_an_offset_stripe_in_layer_1():
    """Test that after training, layer 1's one head sends each position of the second copy to
    the digit that followed the same digit in the first copy (n - 1 positions back)."""
    cfg = _cfg("stripe")
    assert cfg.task == "repeat" and cfg.n_head == 1 and _answer("stripe") == "stripe"
    # the "Induction stripe" preset is this very setting (its help text points to layer 1 too)
    assert all(getattr(cfg, k) == v for k, v in PRESETS["induction"].items())
    n, t = cfg.n_digits, tasks.block_size(cfg.task, cfg.n_digits)
    rows = np.arange(n, t)  # the second copy's tokens
    for looks in _train("stripe", STEPS)[2]:
        np.testing.assert_array_equal(looks[0][rows], rows - (n - 1))


def test_sorting_is_learned_slower_than_reversal():
    """Test that with reversal's model and settings, sorting's whole-answer accuracy stays below
    99% over many times the steps reversal needed to reach it."""
    rev, srt = _cfg("mirror"), _cfg("sort")
    assert srt.task == "sort" and _answer("sort") == "slower"
    same = ("n_digits", "n_layer", "n_head", "d_model", "lr", "seed", "batch_size")
    assert [getattr(rev, f) for f in same] == [getattr(srt, f) for f in same]
    steps, acc, _ = _train("mirror", STEPS)
    rev_done = next(s for s, a in zip(steps, acc) if a >= 0.99)
    _, acc, _ = _train("sort", SORT_STEPS)
    assert SORT_STEPS >= 5 * rev_done
    assert max(acc) < 0.99


def test_a_link_to_the_stripe_step_loads_its_settings():
    """Test that `tour=tiny_transformer&step=3` puts the repeated-sequence task and one head into
    the page's widgets."""
    from tests.apptest import page_test

    at = page_test("tiny_transformer", {"tour": "tiny_transformer", "step": "3"})
    cfg = _cfg("stripe")
    assert not at.exception
    assert at.selectbox(key="tiny_transformer.task").value == cfg.task
    assert at.session_state["tiny_transformer.n_head"] == cfg.n_head
