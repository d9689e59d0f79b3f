"""Live training: a session-held trainer advanced by a timed fragment, with Start/Pause/Step/Reset.

A trainer is any object with `train_step() -> float` (one optimisation step, returning the loss).
Each tick first redraws the views from the trainer's current state, then trains for a wall-time
budget: every chart is re-sent at the very start of the tick, so the browser never shows it faded or
blank while the model trains. Training stops by itself after `max_steps`; nan/inf pauses it with an
explanation. A speed control (kept in the URL) slows training down to a few steps a second.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import streamlit as st

from vizlib.ui import fair_share, live_speed, present
from vizlib.ui.i18n import t


class Trainable(Protocol):
    def train_step(self) -> float: ...


T = TypeVar("T", bound=Trainable)


def _k(ns: str, name: str) -> str:
    return f"{ns}.live.{name}"


@dataclass
class LiveRun:
    """A session's trainer and its progress, one object so that they change together.

    Streamlit can stop a run for a click inside a write to st.session_state (seen in practice:
    one epoch trained, its step never counted). Counting on this object, with no Streamlit call
    between a step and its count, keeps the count equal to the steps trained.
    """

    trainer: Any
    signature: Hashable
    steps: int = 0
    running: bool = False
    stop_reason: str | None = None  # "diverged", "max_steps" or None
    credit: float = 0.0  # steps allowed but not yet taken at a limited speed
    last_tick: float | None = None  # perf_counter() of the last speed-limited tick


def _run(ns: str) -> LiveRun:
    return st.session_state[_k(ns, "run")]


def session_trainer(ns: str, signature: Hashable, factory: Callable[[], T]) -> T:
    """This session's trainer for `ns`; rebuilt (with a notice) when `signature` changes."""
    ss = st.session_state
    # fair-share hook: release this session's trainers of pages left idle, note a return
    now = time.monotonic()
    fair_share.release_idle(ss, now, fair_share.IDLE_RELEASE_S, keep=ns)
    ss[_k(ns, "used")] = now
    if (minutes := ss.pop(_k(ns, "released"), None)) is not None:
        st.info(t("live.released_notice", minutes=minutes), icon="♻️")
    ss[_k(ns, "factory")] = factory
    old = ss.get(_k(ns, "run"))
    fresh = ss.pop(_k(ns, "fresh"), False)
    if old is None or old.signature != signature or fresh:
        if old is not None and old.signature != signature:
            st.info(t("live.reset_notice"), icon="🔄")
        ss[_k(ns, "run")] = LiveRun(factory(), signature, running=fresh)
    return _run(ns).trainer


def request_fresh_start(ns: str) -> None:
    """Make the next `session_trainer(ns, ...)` build a new model and start training it at once
    (a walkthrough's "Reveal": the outcome the learner predicted, from a fresh start)."""
    st.session_state[_k(ns, "fresh")] = True


def _claim_shortcuts(ns: str) -> bool:
    """Whether this panel gets the keyboard shortcuts: the first live panel drawn in a page run
    (page_header frees them at the start of each run)."""
    owner = st.session_state.get(present.SHORTCUT_OWNER)
    if owner in (None, ns):
        st.session_state[present.SHORTCUT_OWNER] = ns
        return True
    return False


def steps(ns: str) -> int:
    """How many training steps this session's trainer has taken."""
    run = st.session_state.get(_k(ns, "run"))
    return run.steps if run else 0


def is_running(ns: str) -> bool:
    """Whether live training is on for `ns`."""
    run = st.session_state.get(_k(ns, "run"))
    return bool(run and run.running)


def pause(ns: str) -> None:
    """Pause live training for `ns` (e.g. when a view sees early stopping); Start resumes it.
    Called inside `render`, the tick trains no more and the page reruns with Start enabled."""
    run = st.session_state.get(_k(ns, "run"))
    if run is not None:
        run.running = False


def advance(
    ns: str, budget_s: float, max_steps: int, once: bool = False, limit: int | None = None
) -> None:
    """Train for `budget_s` of wall time (or one step, or `limit` steps), stopping at the bound or
    on nan/inf."""
    run = _run(ns)
    start = time.perf_counter()
    taken = 0
    while run.steps < max_steps and (limit is None or taken < limit):
        try:
            loss = float(run.trainer.train_step())
        except ArithmeticError:  # overflow in plain-float code is divergence too
            loss = math.inf
        run.steps += 1
        taken += 1
        if not math.isfinite(loss):
            run.running, run.stop_reason = False, "diverged"
            return
        if once or time.perf_counter() - start >= budget_s:
            break
    if run.steps >= max_steps:
        run.running, run.stop_reason = False, "max_steps"


def _train_tick(ns: str, budget_s: float, max_steps: int) -> None:
    """One tick's training at the chosen speed."""
    rate = live_speed.SPEEDS[live_speed.speed(ns)]
    limit = live_speed.step_allowance(_run(ns), rate, time.perf_counter())
    if limit != 0:
        advance(ns, budget_s, max_steps, limit=limit)


def _controls(ns: str, max_steps: int) -> None:
    ss = st.session_state
    run = _run(ns)
    keys = present.SHORTCUTS if _claim_shortcuts(ns) else {}
    c = st.columns(4)
    running = run.running
    done = run.steps >= max_steps or run.stop_reason == "diverged"
    if c[0].button(
        t("live.start"),
        key=_k(ns, "btn_start"),
        type="primary",
        disabled=running or done,
        icon=":material/play_arrow:",
        width="stretch",
        shortcut=keys.get("start_pause"),
    ):
        run.running, run.stop_reason, run.last_tick = True, None, None
        st.rerun()  # a full rerun: the fragment's timer is set when the page runs
    if c[1].button(
        t("live.pause"),
        key=_k(ns, "btn_pause"),
        disabled=not running,
        icon=":material/pause:",
        width="stretch",
        shortcut=keys.get("start_pause"),
    ):
        run.running = False
        st.rerun()
    if c[2].button(
        t("live.step"),
        key=_k(ns, "btn_step"),
        disabled=running or done,
        icon=":material/skip_next:",
        width="stretch",
    ):
        ss[_k(ns, "step_once")] = True
    if c[3].button(
        t("live.reset"),
        key=_k(ns, "btn_reset"),
        icon=":material/restart_alt:",
        width="stretch",
        shortcut=keys.get("reset"),
    ):
        ss[_k(ns, "run")] = LiveRun(ss[_k(ns, "factory")](), run.signature)
        st.rerun()
    live_speed.speed_control(ns)


def _status(ns: str, max_steps: int, hint: str | None) -> None:
    reason = _run(ns).stop_reason
    if reason == "diverged":
        st.error(t("live.diverged", step=steps(ns)) + (" " + hint if hint else ""), icon="💥")
    elif reason == "max_steps":
        st.success(t("live.max_steps", n=max_steps), icon="🏁")
    state = t("live.running") if is_running(ns) else t("live.paused")
    n = steps(ns)
    st.progress(min(n / max_steps, 1.0), text=t("live.status", state=state, step=n, n=max_steps))


def _more_frames(
    ns: str, n: int, gap_s: float, train: Callable[[], None], show_status: Callable[[], None]
) -> Iterator[None]:
    """Yield for the frame already trained, then (while running) train and yield up to n-1 more.
    Stops without yielding when training stops (bound or divergence): the caller then reruns."""
    yield
    for _ in range(n - 1):
        if not is_running(ns):
            return
        time.sleep(gap_s)  # the browser paints the last frame; other sessions get the CPU
        train()
        if not is_running(ns):
            return
        show_status()
        yield


def live_panel(
    ns: str,
    render: Callable[..., None],
    *,
    max_steps: int,
    budget_s: float = 0.1,
    interval_s: float = 0.25,
    hint: str | None = None,
    frames: int = 1,
    frame_gap_s: float = 0.0,
    controls: Any = None,
) -> None:
    """Buttons, speed and progress, plus a fragment that redraws `render(trainer)` and then trains.

    The buttons and the speed control go into `controls` (a container) when given, so a page can
    put them beside its settings and keep the whole panel on the first screen.

    Each tick draws first and trains after, so the views are re-sent at the start of the fragment
    run and never sit faded while the step runs. With `frames` > 1 the call is
    `render(trainer, frames_iter)`: render draws its fast views into placeholders once per item of
    the iterator, and between items the panel trains for another `budget_s`.
    """
    if _k(ns, "run") not in st.session_state:
        raise RuntimeError("call session_trainer() before live_panel()")
    with controls if controls is not None else st.container():
        _controls(ns, max_steps)
    every = interval_s if is_running(ns) else None

    def _tick_body(budget_s: float, n_frames: int) -> None:
        ss = st.session_state
        running = is_running(ns)
        if not running and ss.pop(_k(ns, "step_once"), False):
            advance(ns, budget_s, max_steps, once=True)
        status = st.empty()

        def show_status() -> None:
            with status.container():
                _status(ns, max_steps, hint)

        show_status()
        trainer = _run(ns).trainer
        train = functools.partial(_train_tick, ns, budget_s, max_steps)
        if frames <= 1:
            render(trainer)
            if running and is_running(ns):  # render may have paused it
                train()
        else:
            n = n_frames if running else 1
            render(trainer, _more_frames(ns, n, frame_gap_s, train, show_status))
            if running and is_running(ns):
                train()
        if running and not is_running(ns):  # stopped this tick: redraw buttons and views
            st.rerun()

    @st.fragment(run_every=every, key=_k(ns, "fragment"))
    def _tick() -> None:
        st.session_state[_k(ns, "used")] = time.monotonic()
        # fair-share hook: wait for a turn, then train with this tick's share of the CPU
        with fair_share.tick(ns, is_running(ns), budget_s, frames) as share:
            _tick_body(share.budget_s, share.frames)

    _tick()


def side_views(
    ns: str, draw: Callable[[], None], *, every_s: float | None = None, name: str = "side"
) -> None:
    """Slower views of the same trainer in their own fragment (e.g. below the panel).

    By default they are drawn when the page runs (Start, Pause, Step, any setting) and left as
    they are while training, so they never sit faded or blank; pass `every_s` only for views
    built from Vega-Lite charts or inline images, which redraw without blinking.
    """
    every = every_s if is_running(ns) else None

    @st.fragment(run_every=every, key=_k(ns, f"views.{name}"))
    def _views() -> None:
        draw()

    _views()
