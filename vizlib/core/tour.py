"""Guided walkthroughs: a lesson's 3–6 steps, each a state to load or a prediction to make.

A step's state is written as a link writes it ({URL key: value}) and goes through the lesson's
`QueryConfig`s, so a walkthrough can set only what a link can set. Entering step k loads the
defaults plus every earlier step's state and change, so step k looks the same however a learner
got there (a teacher projects step 3, a student opens `?tour=<slug>&step=3` and sees the same page).
Texts are i18n keys `<slug>.tour.<step id>.{text,q,reveal}` and `<slug>.tour.<step id>.c.<choice>`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from vizlib.core.config import QueryConfig, format_value

MIN_STEPS, MAX_STEPS = 3, 6
ACTIONS = ("train",)  # at reveal: reset the lesson's live model and start training


@dataclass(frozen=True)
class Step:
    """One walkthrough step: "set up" (no choices, not numeric) or "predict"."""

    id: str
    state: Mapping[str, Any] = field(default_factory=dict)  # applied on entering the step
    choices: tuple[str, ...] = ()  # a predict step's 2–4 choice ids
    answer: str | None = None  # the stated right choice; a lesson test checks it by computing
    numeric: bool = False  # a numeric guess; `outcome` computes the true value
    outcome: Callable[[Mapping[str, QueryConfig]], float] | None = None
    change: Mapping[str, Any] = field(default_factory=dict)  # applied when "Reveal" is pressed
    action: str | None = None  # one of ACTIONS, done at reveal

    @property
    def kind(self) -> str:
        """ "predict" when the learner commits an answer first, else "setup"."""
        return "predict" if self.choices or self.numeric else "setup"


@dataclass(frozen=True)
class Tour:
    """A lesson's walkthrough: its slug, its configs (the URL namespaces it may set), its steps."""

    slug: str
    configs: tuple[type[QueryConfig], ...]
    steps: tuple[Step, ...]
    live_ns: str | None = None  # the namespace whose live model "train" resets and starts

    def index(self, step_id: str) -> int:
        """The 0-based position of the step `step_id`."""
        return [s.id for s in self.steps].index(step_id)

    def query_at(self, k: int, revealed: bool = False) -> dict[str, str]:
        """The URL settings of step `k` (0-based): every earlier step's state and change, then
        step k's state (and its change once revealed). Later keys win."""
        out: dict[str, str] = {}
        for i, step in enumerate(self.steps[: k + 1]):
            out.update({key: format_value(v) for key, v in step.state.items()})
            if i < k or revealed:
                out.update({key: format_value(v) for key, v in step.change.items()})
        return out

    def configs_at(self, k: int, revealed: bool = False) -> dict[str, QueryConfig]:
        """Each config class's instance at step `k` ({class name: config}); invalid state raises."""
        query = self.query_at(k, revealed)
        out = {}
        for cls in self.configs:
            cfg, bad = cls.from_query(query)
            if bad:
                raise ValueError(f"{self.slug} step {k + 1}: rejected {bad}")
            out[cls.__name__] = cfg
        return out


def check_tour(tour: Tour) -> list[str]:
    """Every problem with a walkthrough's shape and states (empty when it is sound)."""
    problems = []
    if not MIN_STEPS <= len(tour.steps) <= MAX_STEPS:
        problems.append(f"{len(tour.steps)} steps, not {MIN_STEPS}–{MAX_STEPS}")
    ids = [s.id for s in tour.steps]
    if len(set(ids)) != len(ids):
        problems.append(f"repeated step ids {ids}")
    known = {cls.key(f.name) for cls in tour.configs for f in dataclasses.fields(cls)}
    for k, step in enumerate(tour.steps):
        where = f"step {k + 1} ({step.id})"
        unknown = sorted((set(step.state) | set(step.change)) - known)
        if unknown:
            problems.append(f"{where}: keys no config has: {unknown}")
        problems += [f"{where}: {p}" for p in _check_predict(step, tour)]
        for revealed in (False, True):
            try:
                tour.configs_at(k, revealed)
            except ValueError as err:
                problems.append(f"{where}: {err}")
    return problems


def _check_predict(step: Step, tour: Tour) -> list[str]:
    out = []
    if step.choices and not 2 <= len(step.choices) <= 4:
        out.append(f"{len(step.choices)} choices, not 2–4")
    if step.choices and step.answer not in step.choices:
        out.append(f"answer {step.answer!r} is not one of {step.choices}")
    if step.numeric and (step.outcome is None or step.choices):
        out.append("a numeric step needs an outcome and no choices")
    if step.kind == "setup" and (step.answer or step.change or step.action):
        out.append("a set-up step has no answer, change or action")
    if step.action is not None and (step.action not in ACTIONS or tour.live_ns is None):
        out.append(f"action {step.action!r} needs one of {ACTIONS} and a live namespace")
    return out


def text_keys(tour: Tour) -> list[str]:
    """Every i18n key the walkthrough's steps show."""
    keys = [f"{tour.slug}.tour.title"]
    for step in tour.steps:
        base = f"{tour.slug}.tour.{step.id}"
        keys.append(f"{base}.text")
        if step.kind == "predict":
            keys += [f"{base}.q", f"{base}.reveal"]
            keys += [f"{base}.c.{c}" for c in step.choices]
    return keys


def step_from_query(tour: Tour, raw: str | None) -> int | None:
    """The 0-based step a `step=` value names (1-based in the URL); None when it is not one."""
    try:
        k = int(str(raw)) - 1
    except (TypeError, ValueError):
        return None
    return k if 0 <= k < len(tour.steps) else None


def score(tour: Tour, answers: Mapping[str, Any], outcomes: Mapping[str, Any]) -> Sequence[tuple]:
    """(step id, the learner's answer, the outcome, right?) for each predict step answered.

    A numeric guess counts as right within 10% of the outcome (or 0.05 when the outcome is near 0).
    """
    rows = []
    for step in tour.steps:
        if step.kind != "predict" or step.id not in answers:
            continue
        said, truth = answers[step.id], outcomes.get(step.id, step.answer)
        if step.numeric and truth is not None:
            ok = abs(float(said) - float(truth)) <= max(0.05, 0.1 * abs(float(truth)))
        else:
            ok = said == truth
        rows.append((step.id, said, truth, ok))
    return rows
