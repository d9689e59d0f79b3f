"""Test the live-training helper with a small trainer: accumulation, controls, bounds, NaN."""

import pytest
from streamlit.testing.v1 import AppTest


def live_app():
    """A tiny page: gradient descent on (w - 3)^2, trained by the live helper."""
    import streamlit as st

    from vizlib.ui.live import live_panel, session_trainer, steps

    class Quadratic:
        def __init__(self):
            self.w = 0.0
            self.lr = 0.1

        def train_step(self) -> float:
            self.w -= self.lr * 2 * (self.w - 3.0)
            return (self.w - 3.0) ** 2

    lr = st.number_input("lr", 0.0, 10.0, 0.1, key="toy.lr")
    width = st.number_input("width", 1, 5, 1, key="toy.width")
    trainer = session_trainer("toy", ("width", width), Quadratic)
    trainer.lr = lr  # live hyperparameter: set every rerun, not part of the signature
    live_panel(
        "toy",
        lambda tr: st.markdown(f"w={tr.w:.6f} steps={steps('toy')}"),
        max_steps=st.session_state.get("toy.max", 10**9),
        budget_s=0.01,
    )


def _app() -> AppTest:
    return AppTest.from_function(live_app, default_timeout=30).run()


def _w(at: AppTest) -> float:
    line = [m.value for m in at.markdown if m.value.startswith("w=")][0]
    return float(line.split()[0][2:])


def _steps(at: AppTest) -> int:
    line = [m.value for m in at.markdown if m.value.startswith("w=")][0]
    return int(line.split("steps=")[1])


def _button(at: AppTest, name: str):
    return at.button(key=f"toy.live.btn_{name}")


def test_training_accumulates_across_reruns():
    """Test that after Start each rerun trains further from where the last one stopped."""
    at = _app()
    assert _steps(at) == 0
    _button(at, "start").click().run()
    at.run()  # each tick draws first and trains after, so the view lags one tick
    first = _steps(at)
    at.run()
    second = _steps(at)
    assert 0 < first < second
    assert abs(_w(at) - 3.0) < abs(0.0 - 3.0)


def test_pause_stops_and_step_advances_by_one():
    """Test that Pause freezes the step count and Step adds exactly one step."""
    at = _app()
    _button(at, "start").click().run()
    _button(at, "pause").click().run()
    n = _steps(at)
    at.run()
    assert _steps(at) == n
    _button(at, "step").click().run()
    assert _steps(at) == n + 1


def test_reset_returns_to_a_fresh_model():
    """Test that Reset puts the step count and the weight back to the start."""
    at = _app()
    _button(at, "start").click().run()
    _button(at, "reset").click().run()
    assert _steps(at) == 0 and _w(at) == 0.0


def test_learning_rate_change_takes_effect_live():
    """Test that changing lr keeps the model (no reset) and the next step uses the new rate."""
    at = _app()
    _button(at, "step").click().run()
    w1 = _w(at)
    at.number_input(key="toy.lr").set_value(0.25).run()
    _button(at, "step").click().run()
    assert _w(at) == pytest.approx(w1 - 0.25 * 2 * (w1 - 3.0), abs=1e-6)
    assert not at.info  # no reset notice for a live hyperparameter


def test_architecture_change_resets_with_a_notice():
    """Test that changing the signature rebuilds the model and says so."""
    at = _app()
    _button(at, "step").click().run()
    at.number_input(key="toy.width").set_value(2).run()
    assert _steps(at) == 0
    assert any("reset" in i.value for i in at.info)


def test_divergence_pauses_and_explains():
    """Test that a NaN/inf loss stops training and shows the explanation, not an exception."""
    at = _app()
    at.number_input(key="toy.lr").set_value(10.0).run()
    _button(at, "start").click().run()
    for _ in range(5):
        at.run()
    assert not at.exception
    assert any("diverged" in e.value for e in at.error)
    assert _button(at, "start").disabled


def test_training_stops_at_the_step_bound():
    """Test that training stops by itself after max_steps."""
    at = AppTest.from_function(live_app, default_timeout=30)
    at.session_state["toy.max"] = 3
    at.run()
    _button(at, "start").click().run()
    at.run()
    assert _steps(at) == 3
    assert at.success and "3" in at.success[0].value


def streaming_app():
    """The toy trainer drawn as a stream: several frames per tick, each after more training."""
    import streamlit as st

    from vizlib.ui.live import live_panel, session_trainer, steps

    class Quadratic:
        def __init__(self):
            self.w = 0.0
            self.lr = st.session_state.get("toy.lr", 0.1)

        def train_step(self) -> float:
            self.w -= self.lr * 2 * (self.w - 3.0)
            return (self.w - 3.0) ** 2

    def render(tr, frames):
        slot = st.empty()
        shown = []
        for _ in frames:
            shown.append(steps("toy"))
            slot.markdown(f"frames={len(shown)} steps={','.join(map(str, shown))}")

    session_trainer("toy", 1, Quadratic)
    live_panel(
        "toy",
        render,
        max_steps=st.session_state.get("toy.max", 10**9),
        budget_s=0.0,  # one step per frame
        frames=3,
        frame_gap_s=0.0,
    )


def _frames(at: AppTest) -> tuple[int, list[int]]:
    line = [m.value for m in at.markdown if m.value.startswith("frames=")][0]
    n, shown = line.split()
    return int(n.split("=")[1]), [int(s) for s in shown.split("=")[1].split(",")]


def test_streaming_draws_several_frames_per_tick_with_training_between():
    """Test that while running one tick draws `frames` frames, one step apart; paused, one."""
    at = AppTest.from_function(streaming_app, default_timeout=30).run()
    assert _frames(at) == (1, [0])
    _button(at, "start").click().run()
    at.run()
    n, shown = _frames(at)
    assert n == 3 and shown[1] == shown[0] + 1 and shown[2] == shown[1] + 1
    _button(at, "pause").click().run()
    assert _frames(at)[0] == 1


def test_streaming_stops_cleanly_at_the_bound_and_on_divergence():
    """Test that a bound or a NaN reached between frames stops training without an exception."""
    at = AppTest.from_function(streaming_app, default_timeout=30)
    at.session_state["toy.max"] = 2
    at.run()
    _button(at, "start").click().run()
    at.run()
    assert not at.exception and at.success and "2" in at.success[0].value
    at = AppTest.from_function(streaming_app, default_timeout=30)
    at.session_state["toy.lr"] = 1e100  # the loss overflows to inf on the second step
    at.run()
    _button(at, "start").click().run()
    for _ in range(3):
        at.run()
    assert not at.exception and any("diverged" in e.value for e in at.error)


def _trained(at: AppTest) -> int:
    return at.session_state["toy.live.run"].steps


def test_each_tick_draws_before_it_trains():
    """Test that a running tick shows the state it started from, then trains (no faded views)."""
    at = _app()
    _button(at, "start").click().run()
    before = _trained(at)
    at.run()
    assert _steps(at) == before < _trained(at)


def test_progress_bar_shows_steps_of_the_bound():
    """Test that the status is a progress bar filled by steps / max_steps."""
    at = AppTest.from_function(live_app, default_timeout=30)
    at.session_state["toy.max"] = 4
    at.run()
    _button(at, "step").click().run()
    bars = at.get("progress")
    assert len(bars) == 1
    assert bars[0].proto.value == 25 and "step 1 of at most 4" in bars[0].proto.text


def test_slow_speed_limits_the_steps_per_second():
    """Test that at speed 1 (one step a second) a tick takes at most the steps its time allows."""
    at = _app()
    at.select_slider(key="toy.speed").set_value(1).run()
    assert at.query_params["toy.speed"] == "1"
    _button(at, "start").click().run()
    for _ in range(3):
        at.run()
    assert 1 <= _trained(at) <= 4  # a few fast reruns: far fewer than full speed would take


def test_step_allowance_banks_time_and_caps_it():
    """Test that the speed limiter gives rate x elapsed steps, keeps the fraction, banks <= 1 s."""
    from vizlib.ui.live import LiveRun
    from vizlib.ui.live_speed import step_allowance

    run = LiveRun(trainer=None, signature=0, steps=5)
    assert step_allowance(run, 10.0, 100.0) == 0  # first tick after a pause: no time elapsed yet
    assert step_allowance(run, 10.0, 100.25) == 2  # 2.5 steps: two now, half a step banked
    assert step_allowance(run, 10.0, 100.375) == 1  # 0.5 + 1.25: one now, 0.75 banked
    assert step_allowance(run, 10.0, 150.0) == 10  # a long gap banks at most one second
    assert step_allowance(run, None, 151.0) is None  # full speed: no limit


def test_bad_speed_in_the_link_names_the_control():
    """Test that a garbage speed in the URL falls back and the notice names the on-screen label."""
    at = AppTest.from_function(live_app, default_timeout=30)
    at.query_params["toy.speed"] = "fast!"
    at.run()
    assert not at.exception
    assert any("“Speed”" in w.value for w in at.warning)


def pausing_app():
    """The toy trainer whose view pauses training once the weight passes 2 (like early stopping)."""
    import streamlit as st

    from vizlib.ui.live import live_panel, pause, session_trainer, steps

    class Quadratic:
        def __init__(self):
            self.w = 0.0

        def train_step(self) -> float:
            self.w -= 0.1 * 2 * (self.w - 3.0)
            return (self.w - 3.0) ** 2

    def render(tr):
        st.markdown(f"w={tr.w:.6f} steps={steps('toy')}")
        if tr.w > 2.0 and not st.session_state.get("toy.paused_once"):
            st.session_state["toy.paused_once"] = True
            pause("toy")

    session_trainer("toy", 1, Quadratic)
    live_panel("toy", render, max_steps=10**9, budget_s=0.0)


def test_pause_from_a_view_stops_training_and_start_resumes():
    """Test that live.pause() in render stops the run without training that tick, re-enables
    Start, and that Start continues from the same model."""
    at = AppTest.from_function(pausing_app, default_timeout=30).run()
    _button(at, "start").click().run()
    for _ in range(30):
        if not at.session_state["toy.live.run"].running:
            break
        at.run()
    run = at.session_state["toy.live.run"]
    assert not run.running and not at.exception
    assert run.trainer.w > 2.0 and _steps(at) == run.steps  # the view shows the last step
    assert not _button(at, "start").disabled and _button(at, "pause").disabled
    n = run.steps
    _button(at, "start").click().run()
    at.run()
    assert run.running and run.steps > n  # the view pauses only once
