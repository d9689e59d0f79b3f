"""The live panel's speed control: a level kept in the URL (`<ns>.speed`) that caps the training
steps per second, from slow motion for narrating to full speed."""

from __future__ import annotations

import dataclasses
import functools
from typing import ClassVar, Protocol

import streamlit as st

from vizlib.core.config import QueryConfig, param
from vizlib.ui import controls as ui
from vizlib.ui.i18n import t


class _Paced(Protocol):
    steps: int
    credit: float
    last_tick: float | None


# Speed levels: the most training steps per second at each level (None: as fast as the CPU allows).
SPEEDS: dict[int, float | None] = {1: 1.0, 2: 3.0, 3: 10.0, 4: 40.0, 5: None}
FULL_SPEED = 5


@functools.cache
def speed_config(ns: str) -> type[QueryConfig]:
    """The live panel's settings for lesson `ns` (URL key `<ns>.speed`); one class per lesson."""

    @dataclasses.dataclass(frozen=True)
    class LiveConfig(QueryConfig):
        NS: ClassVar[str] = ns
        speed: int = param(FULL_SPEED, lo=1, hi=len(SPEEDS), step=1)

    LiveConfig.__name__ = LiveConfig.__qualname__ = f"LiveConfig[{ns}]"
    return LiveConfig


def step_allowance(run: _Paced, rate: float | None, now: float) -> int | None:
    """How many steps this tick may take at `rate` steps/s (None: unlimited); updates the credit."""
    if rate is None:
        run.last_tick = None
        return None
    elapsed = 0.0 if run.last_tick is None else min(now - run.last_tick, 2.0)
    run.last_tick = now
    run.credit = min(run.credit + rate * elapsed, max(1.0, rate))  # at most one second banked
    if run.steps == 0 and run.credit < 1.0:
        run.credit = 1.0  # the first tick after Start moves at once
    n = int(run.credit)
    run.credit -= n
    return n


def speed(ns: str) -> int:
    """The chosen speed level for `ns` (1 = slow motion ... FULL_SPEED)."""
    cls = speed_config(ns)
    return int(st.session_state.get(cls.key("speed"), FULL_SPEED))


def speed_control(ns: str) -> None:
    """The speed slider of lesson `ns` (its URL value validated, a bad one named in a notice)."""
    cls = speed_config(ns)
    ui.url_notice(cls)
    ui.select_slider(
        cls,
        "speed",
        t("live.speed"),
        format_func=lambda v: t(f"live.speeds.s{v}"),
        help=t("live.speed_help"),
        label_visibility="collapsed",  # the chosen level ("Full speed", "3 steps/s") says it
    )
    ui.read_config(cls)
