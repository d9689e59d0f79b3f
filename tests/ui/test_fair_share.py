"""Fair sharing of the CPU between training sessions: shares, turns, expiry and idle release."""

from __future__ import annotations

import threading
import time

import pytest

from vizlib.ui.fair_share import FairShare, release_idle


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 8, 30])
def test_each_budget_and_the_total_with_k_training(k):
    """Test that with k sessions training each gets budget*min(1, C/k) and the total is
    budget*min(k, C): full speed up to the capacity, then an equal split of it."""
    capacity, budget, frames = 4.0, 0.2, 8
    reg = FairShare(capacity=capacity, slots=2, clock=Clock())
    for i in range(k):
        reg.share(f"s{i}", budget, frames)
    shares = [reg.share(f"s{i}", budget, frames) for i in range(k)]
    scale = min(1.0, capacity / k)
    for s in shares:
        assert s.trainers == k
        assert s.budget_s == pytest.approx(budget * scale)
        assert s.frames == max(1, round(frames * scale))
        assert s.slowed == (k > capacity)
    assert sum(s.budget_s for s in shares) == pytest.approx(budget * min(k, capacity))


def test_a_session_that_stops_frees_its_share():
    """Test that when sessions leave, the remaining ones get their full budget back."""
    reg = FairShare(capacity=2, slots=2, clock=Clock())
    for i in range(4):
        reg.share(f"s{i}", 0.2, 4)
    assert reg.share("s0", 0.2, 4).budget_s == pytest.approx(0.1)
    reg.leave("s1")
    reg.leave("s2")
    assert reg.trainers() == 2
    assert reg.share("s0", 0.2, 4).budget_s == pytest.approx(0.2)


def test_a_session_that_goes_silent_expires():
    """Test that a session that stops ticking (tab closed) loses its share after expiry_s."""
    clock = Clock()
    reg = FairShare(capacity=1, slots=1, expiry_s=10, clock=clock)
    reg.share("gone", 0.2, 2)
    clock.now += 5
    assert reg.share("here", 0.2, 2).trainers == 2
    clock.now += 6  # "gone" last ticked 11 s ago, "here" 6 s ago
    share = reg.share("here", 0.2, 2)
    assert share.trainers == 1 and not share.slowed


def _until(cond, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not cond() and time.monotonic() < deadline:
        time.sleep(0.005)


def test_turns_are_bounded_and_first_come_first_served():
    """Test that at most `slots` sessions hold a turn and the waiting ones go in arrival order."""
    reg = FairShare(capacity=4, slots=2)
    keys = ("a", "b", "c", "d", "e")
    done = {k: threading.Event() for k in keys}
    order: list[str] = []
    holding, peak = [0], [0]
    lock = threading.Lock()

    def student(key: str) -> None:
        with reg.turn(key):
            with lock:
                order.append(key)
                holding[0] += 1
                peak[0] = max(peak[0], holding[0])
            done[key].wait(5)
            with lock:
                holding[0] -= 1

    threads = {k: threading.Thread(target=student, args=(k,)) for k in keys}
    for k in keys:  # arrive one after another
        threads[k].start()
        _until(lambda k=k: k in reg._queue)
    _until(lambda: len(order) == 2)
    assert [reg.place(k) for k in keys] == [0, 0, 1, 2, 3]
    done["a"].set(), done["b"].set()
    _until(lambda: len(order) == 4)
    assert set(order[2:]) == {"c", "d"} and reg.place("e") == 1
    done["c"].set()
    _until(lambda: len(order) == 5)
    assert order[4] == "e"
    for k in keys:
        done[k].set()
        threads[k].join(5)
    assert peak[0] <= 2
    assert reg._queue == []


def test_waiting_shows_the_place_and_may_be_interrupted():
    """Test that a waiting tick reports its place, and an exception there (a click) frees it."""
    reg = FairShare(capacity=4, slots=1)
    seen = []

    class Click(Exception):
        pass

    def on_wait(place: int, queued: int) -> None:
        seen.append((place, queued))
        raise Click

    with reg.turn("a"):
        with pytest.raises(Click):
            with reg.turn("b", on_wait):
                pass
    assert seen == [(1, 1)]
    assert reg._queue == []


def test_idle_pages_are_released_with_a_notice_flag():
    """Test that release_idle drops the trainers of pages idle too long, keeps the current page
    and the recent ones, and leaves widget state alone."""
    state = {
        "cnn_mnist.live.used": 0.0,
        "cnn_mnist.live.run": "trainer",
        "cnn_mnist.live.factory": "f",
        "cnn_mnist.lr": 0.01,  # a widget: kept
        "char_gpt.live.used": 500.0,
        "char_gpt.live.run": "trainer",
        "playground.live.used": 0.0,
        "playground.live.run": "trainer",
    }
    gone = release_idle(state, now=700.0, idle_s=600.0, keep="playground")
    assert gone == ["cnn_mnist"]
    assert "cnn_mnist.live.run" not in state and "cnn_mnist.live.factory" not in state
    assert state["cnn_mnist.live.released"] == 12  # minutes idle, for the notice
    assert state["cnn_mnist.lr"] == 0.01
    assert state["char_gpt.live.run"] == "trainer" and state["playground.live.run"] == "trainer"


def live_app():
    """A tiny live page (one trainer step per call) for the notices."""
    import streamlit as st

    from vizlib.ui.live import live_panel, session_trainer

    class Counter:
        def train_step(self) -> float:
            return 1.0

    session_trainer("toyfair", 1, Counter)
    live_panel("toyfair", lambda tr: st.markdown("drawn"), max_steps=10**6, budget_s=0.001)


def test_page_says_when_the_class_slows_it_down():
    """Test that a page training while the registry is over capacity shows the translated
    notice with the number of trainers, and frees its share when paused."""
    from streamlit.testing.v1 import AppTest

    from vizlib.ui.fair_share import registry
    from vizlib.ui.i18n import load_catalogue

    reg = registry()
    fakes = [f"fake-{i}" for i in range(int(reg.capacity) + 3)]
    try:
        for key in fakes:
            reg.share(key, 0.1, 1)
        at = AppTest.from_function(live_app, default_timeout=30).run()
        at.button(key="toyfair.live.btn_start").click().run()
        at.run()
        k = len(fakes) + 1
        want = load_catalogue("en")["live.fair_slowed"].split("{k}")[1].split("{")[0]
        notes = [c.value for c in at.caption if want in c.value]
        assert notes and notes[0].startswith(f"{k} ")
        before = reg.trainers()
        at.button(key="toyfair.live.btn_pause").click().run()
        assert reg.trainers() == before - 1
    finally:
        for key in fakes:
            reg.leave(key)


def test_page_says_when_its_idle_trainer_was_released():
    """Test that coming back to a page whose trainer was released shows the notice."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(live_app, default_timeout=30).run()
    at.session_state["toyfair.live.released"] = 12
    at.run()
    assert any("12" in i.value for i in at.info)
    assert not any("12" in i.value for i in at.run().info)  # shown once
