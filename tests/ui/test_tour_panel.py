"""Tests of the walkthrough panel and hidden/locked controls on a small page (AppTest)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page():
    import dataclasses
    from typing import ClassVar

    import streamlit as st

    from vizlib.core.config import QueryConfig, param
    from vizlib.core.tour import Step, Tour
    from vizlib.ui import controls as ui
    from vizlib.ui import tour
    from vizlib.ui.page import page_header

    @dataclasses.dataclass(frozen=True)
    class Demo(QueryConfig):
        NS: ClassVar[str] = "demo"
        lr: float = param(0.1, lo=0.01, hi=10.0)
        opt: str = param("sgd", choices=("sgd", "adam"))

    steps = (
        Step("look", state={"demo.opt": "adam"}),
        Step("lr", choices=("down", "up"), answer="up", change={"demo.lr": 3.0}),
        Step("num", numeric=True, outcome=lambda cfgs: 2 * cfgs["Demo"].lr),
    )

    def show():
        page_header("neuron")
        ui.slider(Demo, "lr", "learning rate")
        ui.select(Demo, "opt", "optimizer")
        cfg = ui.read_config(Demo)
        st.write(f"cfg={cfg.lr},{cfg.opt}")

    tour.run_page(Tour("neuron", (Demo,), steps), show)


def _open(query: dict[str, str]) -> AppTest:
    at = AppTest.from_function(_page, default_timeout=30)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def _cfg_text(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("cfg="))


def test_a_link_to_step_two_loads_every_earlier_state():
    """Test that opening `tour=…&step=2` loads step 1's state into the widgets and says where."""
    at = _open({"tour": "neuron", "step": "2"})
    assert not at.exception
    assert at.selectbox(key="demo.opt").value == "adam"
    assert any("2" in m.value and "3" in m.value for m in at.markdown if "explore" in m.value)


def test_predict_commit_reveal_applies_the_change_and_scores():
    """Test that a prediction is locked in, Reveal applies the step's change, and the verdict
    shows."""
    at = _open({"tour": "neuron", "step": "2"})
    assert at.slider(key="demo.lr").value == 0.1
    at.radio(key="_tour.neuron.pick.lr").set_value("up").run()
    at.button(key="_tour.neuron.pick.lr.commit").click().run()
    at.button(key="_tour.neuron.pick.lr.reveal").click().run()
    assert not at.exception
    assert at.slider(key="demo.lr").value == 3.0
    assert _cfg_text(at) == "cfg=3.0,adam"
    assert at.success, "a right prediction is shown as right"


def test_next_moves_the_step_in_the_url_and_the_end_shows_a_summary():
    """Test that Next writes the step to the URL and that past the last step the summary shows."""
    at = _open({"tour": "neuron", "step": "3"})
    at.number_input(key="_tour.neuron.pick.num").set_value(6.0).run()
    at.button(key="_tour.neuron.pick.num.commit").click().run()
    at.button(key="_tour.neuron.pick.num.reveal").click().run()
    at.button(key="_tour.neuron.next").click().run()
    assert at.query_params["step"] == "4"
    assert len(at.dataframe) == 1, "the summary table of predictions"


def test_a_garbage_step_closes_the_walkthrough_with_a_notice():
    """Test that `step=99` or `tour=nonsense` gets a notice, not an exception."""
    for query in ({"tour": "neuron", "step": "99"}, {"tour": "<script>", "step": "1"}):
        at = _open(query)
        assert not at.exception
        assert at.warning, query


def test_hide_removes_the_widget_and_keeps_the_links_value():
    """Test that `hide=` draws no widget for the named control and its value comes from the link."""
    at = _open({"hide": "demo.lr", "demo.lr": "2.5"})
    assert not at.exception
    assert [s.key for s in at.slider] == []
    assert _cfg_text(at) == "cfg=2.5,sgd"
    at = _open({"hide": "opt", "demo.opt": "adam"})  # a bare field name works too
    assert [s.key for s in at.selectbox] == [] and _cfg_text(at) == "cfg=0.1,adam"


def test_lock_draws_the_widget_disabled():
    """Test that `lock=` shows the control, disabled, at the link's value."""
    at = _open({"lock": "demo.lr", "demo.lr": "2.5"})
    assert at.slider(key="demo.lr").disabled and at.slider(key="demo.lr").value == 2.5
