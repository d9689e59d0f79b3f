"""Live training: a session-held trainer advanced by a timed fragment, with Start/Pause/Step/Reset.

A trainer is any object with `train_step() -> float` (one optimisation step, returning the loss).
Each tick trains for a wall-time budget, not a fixed step count, then redraws; training stops by
itself after `max_steps`, and a nan/inf loss pauses it with an explanation.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

import streamlit as st

from vizlib.ui.i18n import t


class Trainable(Protocol):
    def train_step(self) -> float: ...


T = TypeVar("T", bound=Trainable)


def _k(ns: str, name: str) -> str:
    return f"{ns}.live.{name}"


def session_trainer(ns: str, signature: Hashable, factory: Callable[[], T]) -> T:
    """This session's trainer for `ns`; rebuilt (with a notice) when `signature` changes."""
    ss = st.session_state
    ss[_k(ns, "factory")] = factory
    old = ss.get(_k(ns, "signature"))
    if _k(ns, "trainer") not in ss or old != signature:
        if _k(ns, "trainer") in ss:
            st.info(t("live.reset_notice"), icon="🔄")
        _fresh(ns, factory)
        ss[_k(ns, "signature")] = signature
    return ss[_k(ns, "trainer")]


def _fresh(ns: str, factory: Callable[[], Any]) -> None:
    ss = st.session_state
    ss[_k(ns, "trainer")] = factory()
    ss[_k(ns, "steps")] = 0
    ss[_k(ns, "running")] = False
    ss[_k(ns, "stop_reason")] = None


def steps(ns: str) -> int:
    """How many training steps this session's trainer has taken."""
    return int(st.session_state.get(_k(ns, "steps"), 0))


def is_running(ns: str) -> bool:
    """Whether live training is on for `ns`."""
    return bool(st.session_state.get(_k(ns, "running"), False))


def advance(ns: str, budget_s: float, max_steps: int, once: bool = False) -> None:
    """Train for `budget_s` of wall time (or one step), stopping at the bound or on nan/inf."""
    ss = st.session_state
    trainer = ss[_k(ns, "trainer")]
    start = time.perf_counter()
    while steps(ns) < max_steps:
        try:
            loss = float(trainer.train_step())
        except ArithmeticError:  # overflow in plain-float code is divergence too
            loss = math.inf
        ss[_k(ns, "steps")] += 1
        if not math.isfinite(loss):
            ss[_k(ns, "running")] = False
            ss[_k(ns, "stop_reason")] = "diverged"
            return
        if once or time.perf_counter() - start >= budget_s:
            break
    if steps(ns) >= max_steps:
        ss[_k(ns, "running")] = False
        ss[_k(ns, "stop_reason")] = "max_steps"


def _controls(ns: str, max_steps: int) -> None:
    ss = st.session_state
    c = st.columns(4)
    running = is_running(ns)
    done = steps(ns) >= max_steps or ss.get(_k(ns, "stop_reason")) == "diverged"
    if c[0].button(
        t("live.start"),
        key=_k(ns, "btn_start"),
        type="primary",
        disabled=running or done,
        icon=":material/play_arrow:",
    ):
        ss[_k(ns, "running")] = True
        ss[_k(ns, "stop_reason")] = None
        st.rerun()  # a full rerun: the fragment's timer is set when the page runs
    if c[1].button(
        t("live.pause"), key=_k(ns, "btn_pause"), disabled=not running, icon=":material/pause:"
    ):
        ss[_k(ns, "running")] = False
        st.rerun()
    if c[2].button(
        t("live.step"),
        key=_k(ns, "btn_step"),
        disabled=running or done,
        icon=":material/skip_next:",
    ):
        ss[_k(ns, "step_once")] = True
    if c[3].button(t("live.reset"), key=_k(ns, "btn_reset"), icon=":material/restart_alt:"):
        _fresh(ns, ss[_k(ns, "factory")])
        st.rerun()


def _status(ns: str, max_steps: int, hint: str | None) -> None:
    reason = st.session_state.get(_k(ns, "stop_reason"))
    if reason == "diverged":
        st.error(t("live.diverged", step=steps(ns)) + (" " + hint if hint else ""), icon="💥")
    elif reason == "max_steps":
        st.success(t("live.max_steps", n=max_steps), icon="🏁")
    state = t("live.running") if is_running(ns) else t("live.paused")
    st.caption(t("live.status", state=state, step=steps(ns), n=max_steps))


def live_panel(
    ns: str,
    render: Callable[[Any], None],
    *,
    max_steps: int,
    budget_s: float = 0.1,
    interval_s: float = 0.25,
    hint: str | None = None,
) -> None:
    """Buttons plus a fragment that trains while running and calls `render(trainer)`."""
    if _k(ns, "trainer") not in st.session_state:
        raise RuntimeError("call session_trainer() before live_panel()")
    _controls(ns, max_steps)
    every = interval_s if is_running(ns) else None

    @st.fragment(run_every=every, key=_k(ns, "fragment"))
    def _tick() -> None:
        ss = st.session_state
        if is_running(ns):
            advance(ns, budget_s, max_steps)
            if not is_running(ns):  # stopped this tick: redraw the buttons with a full rerun
                st.rerun()
        elif ss.pop(_k(ns, "step_once"), False):
            advance(ns, budget_s, max_steps, once=True)
        _status(ns, max_steps, hint)
        render(ss[_k(ns, "trainer")])

    _tick()
