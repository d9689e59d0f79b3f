"""Test the deep-RL page in AppTest: renders, controls change it, Start trains, both languages."""

import base64
import re

import numpy as np
import pytest

from tests.apptest import (
    chart_specs,
    chart_title,
    live_trainer,
    page_test,
    texts,
    vega_rows,
)
from vizlib.lessons.deep_q.gridworld import PRESETS, make_world
from vizlib.lessons.deep_q.planning import model_of, value_iteration

NS = "deep_q"


def _clean(at):
    assert not at.exception, [e.value for e in at.exception]
    assert f"{NS}." not in texts(at)  # no untranslated key shown


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("mode,word", [("grid", "价值迭代"), ("cartpole", "小车")])
def test_page_renders_in_both_languages(lang, mode, word):
    """Test that both modes render without exception or raw keys, in en and zh."""
    at = page_test(NS, {"lang": lang, f"{NS}.mode": mode})
    _clean(at)
    assert not at.error
    assert (word in texts(at)) == (lang == "zh")


def test_start_and_reruns_train_the_session_agent():
    """Test that Start then reruns accumulate steps in the same trainer and fill the curves."""
    at = page_test(NS)
    at.button(key=f"{NS}.live.btn_start").click().run()
    agent = live_trainer(at, NS)
    for _ in range(4):
        at.run()
    assert live_trainer(at, NS) is agent and agent.t > 50
    eps = [s for s in chart_specs(at) if chart_title(s) == "ε (exploration)"][0]
    assert len(vega_rows(eps)) > 50  # epsilon per step
    _clean(at)


def test_switching_to_v_star_shows_the_exact_values():
    """Test that the 'Exact V*' toggle colours the grid with value iteration's V*."""
    at = page_test(NS)
    at.radio(key=f"{NS}.show").set_value("vstar").run()
    world = make_world(PRESETS["classic"], -0.04, 0.0)
    v = value_iteration(model_of(world), 0.9).v
    pics = [h.proto.body for h in at.get("html") if "live-picture" in h.proto.body]
    svg = base64.b64decode(re.search(r"base64,([^\"]+)", pics[0]).group(1)).decode()
    shown = [float(x) for x in re.findall(r'font-size="9">(-?[0-9.]+)<', svg)]
    np.testing.assert_allclose(shown, v[~world.terminal()], atol=0.006)  # printed to 2 decimals


def test_a_preset_changes_the_world_and_resets_the_agent():
    """Test that the maze preset loads a 10x10 layout and builds a fresh agent."""
    at = page_test(NS)
    before = live_trainer(at, NS)
    at.button(key=f"{NS}.p.maze").click().run()
    _clean(at)
    assert live_trainer(at, NS) is not before
    assert live_trainer(at, NS).world.shape == (10, 10)


@pytest.mark.parametrize(
    "layout,word",
    [("S#./#../..G", "No goal can be reached"), ("###/###/###", "Every cell is a wall"),
     ("garbage!", "cannot be read")],
)  # fmt: skip
def test_bad_layouts_in_the_url_get_a_message(layout, word):
    """Test that an unreachable goal, all walls or garbage in the URL shows a message, no error."""
    at = page_test(NS, {f"{NS}.layout": layout})
    assert not at.exception
    assert any(word in e.value for e in at.error)


def test_tabular_agent_and_sweeps():
    """Test that the tabular agent trains with Step and the Sweep button advances V_k."""
    at = page_test(NS, {f"{NS}.agent": "q"})
    for _ in range(3):
        at.button(key=f"{NS}.live.btn_step").click().run()
    assert live_trainer(at, NS).t == 3
    at.button(key=f"{NS}.vi_one").click().run()
    at.button(key=f"{NS}.vi_one").click().run()
    assert at.session_state[f"{NS}.vi"]["k"] == 2
    _clean(at)


def test_dqn_shows_replay_table_and_worked_update():
    """Test that after some training the replay table and the worked update are shown."""
    at = page_test(NS, {f"{NS}.batch": "8"})
    for _ in range(12):
        at.button(key=f"{NS}.live.btn_step").click().run()
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 8
    assert any("y=" in e.value for e in at.latex)
    at.number_input(key=f"{NS}.pick").set_value(3).run()
    assert "#3" in texts(at)
    _clean(at)


def test_cartpole_mode_trains_and_evaluates():
    """Test that CartPole mode renders, trains with Start and runs a greedy evaluation."""
    at = page_test(NS, {f"{NS}.mode": "cartpole"})
    _clean(at)
    at.button(key=f"{NS}.cp.live.btn_start").click().run()
    at.run()
    agent = live_trainer(at, f"{NS}.cp")
    assert agent.t > 0
    at.button(key=f"{NS}.cp.eval_btn").click().run()
    step, lengths = at.session_state[f"{NS}.cp.eval"]
    assert len(lengths) == 10 and lengths.min() >= 1
    _clean(at)


def test_resizing_the_grid_rewrites_the_layout_and_the_url():
    """Test that the Rows/Columns inputs crop or pad the layout and the URL carries it."""
    at = page_test(NS)
    at.number_input(key=f"{NS}.ed.rows").set_value(5).run()
    at.number_input(key=f"{NS}.ed.cols").set_value(3).run()
    _clean(at)
    assert at.text_input(key=f"{NS}.layout").value == ".../.#./S../.../..."
    assert at.query_params[f"{NS}.layout"] == ".../.#./S../.../..."
    assert any("no goal" in e.value for e in at.error)  # the goal was cropped away
