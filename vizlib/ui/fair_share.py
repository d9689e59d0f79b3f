"""Fair sharing of one server's CPU between the students who are training live.

The registry below is the app's one deliberate process-wide mutable object (held in
st.cache_resource): a classroom's sessions share one Python process, so only a process-wide
view can tell how many are training. It holds no user data, only session keys and timestamps,
behind a lock. Each tick a training session asks it for a turn and a share:
- turns: at most `slots` ticks train and draw at once, first come first served; the others wait
  in a queue and see their place. A page load never waits, so a newcomer's page stays quick.
- shares: with k sessions training and room for `capacity` at full speed, each tick's time
  budget and frame count are scaled by min(1, capacity / k), and the page says so.
A session that pauses, stops or goes away frees its share at once, or after `expiry_s`.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st

from vizlib.ui.i18n import t

CAPACITY = 4.0  # sessions that train at full budget at once (2 cores, measured: see README)
SLOTS = 2  # ticks that train at once (one per core); the rest queue (a page load never does)
EXPIRY_S = 8.0  # a training session that has not ticked (or waited) this long has no share
MAX_WAIT_S = 60.0  # a tick never waits longer than this for its turn
IDLE_RELEASE_S = 600.0  # a page's trainer unused this long is released (memory for the class)
WAIT_REDRAW_S = 1.0


@dataclass(frozen=True)
class Share:
    """This tick's training time budget and frame count, and why they were cut."""

    budget_s: float
    frames: int
    trainers: int  # sessions training now, this one included
    scale: float  # 1.0 = full speed

    @property
    def slowed(self) -> bool:
        return self.scale < 1.0


class FairShare:
    """Thread-safe registry of training sessions: shares of the budget and a queue of turns."""

    def __init__(
        self,
        capacity: float = CAPACITY,
        slots: int = SLOTS,
        expiry_s: float = EXPIRY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity, self.slots, self.expiry_s = float(capacity), int(slots), expiry_s
        self.clock = clock
        self._seen: dict[str, float] = {}  # session key -> last tick (clock time)
        self._queue: list[str] = []  # session keys waiting for or holding a turn, in order
        self._cond = threading.Condition()

    def _expire(self, now: float) -> None:
        for key in [k for k, last in self._seen.items() if now - last > self.expiry_s]:
            del self._seen[key]

    def share(self, key: str, budget_s: float, frames: int) -> Share:
        """Mark `key` as training now and return its share of this tick."""
        with self._cond:
            now = self.clock()
            self._seen[key] = now
            self._expire(now)
            k = len(self._seen)
        scale = min(1.0, self.capacity / k)
        return Share(budget_s * scale, max(1, round(frames * scale)), k, scale)

    def leave(self, key: str) -> None:
        """`key` stopped training: free its share (its turn is freed by `turn`)."""
        with self._cond:
            self._seen.pop(key, None)
            self._cond.notify_all()

    def trainers(self) -> int:
        """How many sessions are training now."""
        with self._cond:
            self._expire(self.clock())
            return len(self._seen)

    def place(self, key: str) -> int:
        """0 when `key` may train now, else its place in the queue (1 = next)."""
        with self._cond:
            return self._place(key)

    def _place(self, key: str) -> int:
        i = self._queue.index(key)
        return 0 if i < self.slots else i - self.slots + 1

    @contextmanager
    def turn(
        self, key: str, on_wait: Callable[[int, int], None] | None = None, max_wait_s=MAX_WAIT_S
    ) -> Iterator[int]:
        """Hold one of the `slots` turns (first come, first served) while the block runs.

        While waiting, `on_wait(place, queued)` is called about once a second (the page shows the
        place; a Streamlit call there also lets a click interrupt the wait). Yields the place the
        session started from (0 = no wait)."""
        deadline = time.monotonic() + max_wait_s
        with self._cond:
            if key not in self._queue:
                self._queue.append(key)
            first = self._place(key)
        try:
            self._wait(key, deadline, on_wait)
            yield first
        finally:
            with self._cond:
                if key in self._queue:
                    self._queue.remove(key)
                self._cond.notify_all()

    def _wait(self, key: str, deadline: float, on_wait) -> None:
        shown, shown_at = None, 0.0
        while True:
            with self._cond:
                place = self._place(key)
                if place == 0 or time.monotonic() >= deadline:
                    return
                queued = len(self._queue) - self.slots
                self._seen[key] = self.clock()  # waiting is training: keep the share
            now = time.monotonic()
            if on_wait is not None and (place != shown or now - shown_at >= WAIT_REDRAW_S):
                on_wait(place, queued)  # outside the lock: it may raise to stop this run
                shown, shown_at = place, now
            with self._cond:
                if self._place(key) == place:
                    self._cond.wait(WAIT_REDRAW_S)


def release_idle(state: MutableMapping, now: float, idle_s: float, keep: str) -> list[str]:
    """Release the live trainers of a session's pages unused for more than `idle_s` seconds.

    `state` is the session's state: a page `ns` has `<ns>.live.used` (last use), `.run` and
    `.factory`. `keep` (the page being run) is never released. A released page gets
    `<ns>.live.released` = minutes idle, for the notice when the student comes back.
    Returns the namespaces released."""
    gone = []
    for key, used in list(state.items()):
        if not (isinstance(key, str) and key.endswith(".live.used")):
            continue
        ns = key[: -len(".live.used")]
        if ns == keep or now - used <= idle_s:
            continue
        for part in ("run", "factory", "step_once", "used"):
            state.pop(f"{ns}.live.{part}", None)
        state[f"{ns}.live.released"] = max(1, round((now - used) / 60))
        gone.append(ns)
    return gone


# -- Streamlit glue ----------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def registry() -> FairShare:
    """The process-wide registry (the documented exception to "no shared mutable state")."""
    capacity = float(os.environ.get("VIZLIB_TRAIN_CAPACITY", CAPACITY))
    slots = int(os.environ.get("VIZLIB_TRAIN_SLOTS", SLOTS))
    return FairShare(max(1.0, capacity), max(1, slots))


def _session_key(ns: str) -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return f"{ctx.session_id if ctx else id(st.session_state)}:{ns}"


@contextmanager
def tick(ns: str, running: bool, budget_s: float, frames: int) -> Iterator[Share]:
    """One live tick's share: wait for a turn (showing the queue place), then train and draw.

    When not running, the session frees its share and the tick runs at once, unscaled."""
    reg, key = registry(), _session_key(ns)
    # The note's slot is there running or not: a slot that came and went with Start and Pause
    # moved every later element of the panel, so each chart was re-created (seen faded when
    # early stopping paused a run).
    note = st.empty()
    if not running:
        reg.leave(key)
        yield Share(budget_s, frames, reg.trainers(), 1.0)
        return

    def show_place(place: int, queued: int) -> None:
        note.info(t("live.fair_queue", place=place, queued=queued), icon="⏳")

    with reg.turn(key, show_place):
        share = reg.share(key, budget_s, frames)
        if share.slowed:
            pct = f"{100 * share.scale:.0f}"
            note.caption(t("live.fair_slowed", k=share.trainers, pct=pct))
        else:
            note.empty()
        yield share
