"""Tests of the walkthrough model: step kinds, cumulative states, checks and scoring."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from vizlib.core.config import QueryConfig, param
from vizlib.core.tour import Step, Tour, check_tour, score, step_from_query, text_keys


@dataclasses.dataclass(frozen=True)
class Cfg(QueryConfig):
    NS: ClassVar[str] = "demo"
    lr: float = param(0.1, lo=0.001, hi=10.0)
    opt: str = param("sgd", choices=("sgd", "adam"))


def _tour(*steps: Step) -> Tour:
    return Tour("demo", (Cfg,), steps, live_ns="demo")


GOOD = _tour(
    Step("look", state={"demo.opt": "adam"}),
    Step("lr", choices=("down", "up"), answer="up", change={"demo.lr": 3.0}, action="train"),
    Step("back", state={"demo.lr": 0.5}),
)


def test_a_sound_tour_has_no_problems_and_kinds_follow_the_fields():
    """Test that a well-formed walkthrough passes its check and each step knows its kind."""
    assert check_tour(GOOD) == []
    assert [s.kind for s in GOOD.steps] == ["setup", "predict", "setup"]


def test_step_k_holds_every_earlier_state_and_change():
    """Test that entering a step loads every earlier step's state and change, not later ones."""
    assert GOOD.configs_at(0)["Cfg"] == Cfg(opt="adam")
    assert GOOD.configs_at(1)["Cfg"] == Cfg(opt="adam")  # the change waits for "Reveal"
    assert GOOD.configs_at(1, revealed=True)["Cfg"] == Cfg(opt="adam", lr=3.0)
    assert GOOD.configs_at(2)["Cfg"] == Cfg(opt="adam", lr=0.5)


def test_check_finds_bad_shapes_keys_values_and_answers():
    """Test that the check names too few steps, unknown keys, invalid values and wrong answers."""
    bad = _tour(
        Step("a", state={"demo.nope": 1}),
        Step("b", choices=("x", "y"), answer="z"),
    )
    problems = " | ".join(check_tour(bad))
    assert "2 steps" in problems and "demo.nope" in problems and "'z'" in problems
    worse = _tour(Step("a", state={"demo.lr": 99}), Step("b"), Step("c", change={"demo.lr": 1}))
    problems = " | ".join(check_tour(worse))
    assert "rejected" in problems and "set-up step" in problems


def test_text_keys_name_every_shown_string():
    """Test that a predict step's question, reveal and choices all have catalogue keys."""
    keys = text_keys(GOOD)
    assert (
        "demo.tour.lr.q" in keys and "demo.tour.lr.c.up" in keys and "demo.tour.look.text" in keys
    )
    assert "demo.tour.look.q" not in keys


def test_step_numbers_in_links_are_one_based_and_bounded():
    """Test that `step=` is read 1-based and garbage or out-of-range values give None."""
    assert step_from_query(GOOD, "1") == 0 and step_from_query(GOOD, "3") == 2
    assert [step_from_query(GOOD, v) for v in ("0", "4", "x", None, "1e9")] == [None] * 5


def test_scores_compare_answers_with_outcomes():
    """Test that choices score by identity and numeric guesses within 10%."""
    num = Step("n", numeric=True, outcome=lambda cfgs: 2.0)
    tour = _tour(GOOD.steps[0], GOOD.steps[1], num)
    rows = score(tour, {"lr": "down", "n": 2.1}, {"n": 2.0})
    assert rows == [("lr", "down", "up", False), ("n", 2.1, 2.0, True)]
