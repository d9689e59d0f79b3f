"""Gridworld mode: presets, the live panel (values, path, curves, |Q - Q*|, replay buffer,
worked update), then the world editor, the agent's settings and value iteration."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import streamlit as st

from vizlib.core.errors import InputError
from vizlib.lessons.deep_q.agents import GridAgent, GridDQN, TabularQ
from vizlib.lessons.deep_q.charts import CELL_PX
from vizlib.lessons.deep_q.charts_live import curve_charts, error_chart
from vizlib.lessons.deep_q.charts_svg import grid_svg, svg_img_html
from vizlib.lessons.deep_q.config import GridConfig as C
from vizlib.lessons.deep_q.gridworld import PRESETS, GridWorld, make_world
from vizlib.lessons.deep_q.planning import ValueResult, model_of, value_iteration
from vizlib.lessons.deep_q.view_grid_more import (
    agent_controls,
    inspect_dqn,
    inspect_tabular,
    value_iteration_section,
    world_editor,
)
from vizlib.ui import controls as ui
from vizlib.ui import live, present
from vizlib.ui.i18n import scoped_t, t
from vizlib.ui.plot import show_live_chart

NS = "deep_q"
MAX_STEPS = 30_000
FRAMES = 4  # grid pictures streamed per tick while training (live_panel trains between them)
lt = scoped_t(NS)
GRID_PRESETS: dict[str, dict[str, Any]] = {
    "classic": {"layout": PRESETS["classic"], "slip": 0.2, "step_reward": -0.04, "gamma": 0.9},
    "cliff": {"layout": PRESETS["cliff"], "slip": 0.0, "step_reward": -0.04, "gamma": 0.9},
    "maze": {
        "layout": PRESETS["maze"],
        "slip": 0.0,
        "step_reward": -0.01,
        "gamma": 0.95,
        "eps_decay": 8000,
    },
}


@st.cache_data(max_entries=64, show_spinner=False)
def answer_key(layout: str, step_reward: float, slip: float, gamma: float) -> ValueResult:
    """V*, Q* and the optimal policy (pure and small: cached across sessions)."""
    return value_iteration(model_of(make_world(layout, step_reward, slip)), gamma)


def _world(cfg: C) -> GridWorld | None:
    try:
        return make_world(cfg.layout, cfg.step_reward, cfg.slip)
    except InputError as e:
        st.error(lt(f"err.{e.key}", **e.detail), icon="🧱")
        return None


def _new_agent(cfg: C, world: GridWorld) -> GridAgent:
    if cfg.agent == "q":
        return TabularQ(world, cfg.seed)
    return GridDQN(world, cfg.seed, cfg.encoding, cfg.hidden, cfg.buffer)


def show_grid() -> None:
    """The gridworld mode of the page: settings beside the live panel, the rest below."""
    settings, panel = st.columns([5, 6], gap="medium")
    with settings:
        buttons = st.container()
        st.markdown(f"**{t('common.worked_example')}**")
        ui.preset_row(C, GRID_PRESETS, with_help=True)
        cfg = ui.read_config(C)
        a, b = st.columns(2)
        with a:
            ui.radio(C, "agent", lt("agent"), format_func=lambda v: lt(f"agents.{v}"))
        with b:
            ui.radio(C, "show", lt("show"), format_func=lambda v: lt(f"shows.{v}"))
        present.explain(lt("grid_intro"), title=lt("fold.grid"))
    world = _world(cfg)
    if world is not None:
        key = answer_key(cfg.layout, cfg.step_reward, cfg.slip, cfg.gamma)
        agent = live.session_trainer(NS, cfg.signature(), lambda: _new_agent(cfg, world))
        agent.hp, agent.q_star = cfg.hparams(), key.q
        with panel:
            live.live_panel(
                NS,
                lambda ag, frames: render(ag, cfg, key, frames),
                max_steps=MAX_STEPS,
                budget_s=0.06,
                interval_s=0.3,
                hint=lt("diverged_hint"),
                frames=FRAMES,
                frame_gap_s=0.02,
                controls=buttons,
            )
        live.side_views(NS, lambda: _inspect(agent))
    world_editor(cfg)
    agent_controls(cfg)
    if world is not None:
        value_iteration_section(cfg, world)
    ui.share_box(cfg)


def _curve_labels() -> dict[str, str]:
    names = ("returns", "loss", "eps", "mae", "ma", "episode", "step")
    return {k: lt(f"curve.{k}") for k in names}


def _grid_now(agent: GridAgent, cfg: C, key: ValueResult) -> tuple:
    """(values, policy, path, title) of the grid view right now."""
    if cfg.show == "learned":
        q = agent.q_values()
        values, policy, title = q.max(1), q.argmax(1), lt("grid_title_learned")
    else:
        values, policy, title = key.v, key.policy, lt("grid_title_vstar")
    path = agent.path if len(agent.path) > 1 else agent.last_path
    return values, policy, path, title


def render(agent: GridAgent, cfg: C, key: ValueResult, frames: Iterator[None]) -> None:
    """The live views: the grid on every frame (an inline SVG image, running or paused: one
    element throughout), the curves and |Q - Q*| (Vega-Lite) once per tick. All is built before
    the first element is sent and each element is replaced in place (no empty placeholder in
    between), so nothing sits blank or faded while the tick runs."""
    h = agent.history
    charts = curve_charts(h.returns, h.loss, h.eps, h.mae_steps, h.mae, _curve_labels())
    err = _error_view(agent, key)
    frame = iter(frames)
    next(frame, None)  # the first frame is drawn now, with the charts
    left, right = st.columns([1, 1])
    with left, st.container(key=f"{NS}.chart.map"):
        els = _grid_frame(agent, cfg, key)
    with right:
        show_live_chart(charts["returns"], key=f"{NS}.chart.returns")
        _return_summary(h.returns)
        show_live_chart(charts["loss"], key=f"{NS}.chart.loss")
    c1, c2, c3 = st.columns(3)
    with c1:
        show_live_chart(charts["eps"], key=f"{NS}.chart.eps")
    with c2:
        show_live_chart(charts["mae"], key=f"{NS}.chart.mae")
    with c3:
        show_live_chart(err[0], key=f"{NS}.chart.error")
        st.caption(err[1])
    for _ in frame:
        _grid_frame(agent, cfg, key, els)


def _grid_frame(agent: GridAgent, cfg: C, key: ValueResult, els=None) -> tuple:
    """Draw the grid's title, picture and caption (or replace the given elements in place)."""
    w = agent.world
    values, policy, path, title = _grid_now(agent, cfg, key)
    eps = f"{agent.epsilon():.3f}"
    cap = lt("grid_caption", eps=eps, episodes=len(agent.history.returns))
    head = "**" + title.replace("*", r"\*") + "**"  # V* would end the bold early
    svg = grid_svg(w.rows, w.cells, agent.term, values, policy, path)
    picture = svg_img_html(svg, title, CELL_PX * w.shape[1])
    if els is not None:  # later frames (only while training): replace in place
        els[0].markdown(head)
        els[1].html(picture)
        els[2].caption(cap)
        return els
    return st.markdown(head), st.html(picture), st.caption(cap)


def _return_summary(returns) -> None:
    """The mean return of the first and the last ten episodes, as text."""
    k = 10
    with st.container(key=f"{NS}.chart.return_summary"):
        if len(returns) >= 2 * k:
            first, last = float(np.mean(returns[:k])), float(np.mean(returns[-k:]))
            st.caption(lt("return_summary", k=k, first=f"{first:+.3f}", last=f"{last:+.3f}"))


def _inspect(agent: GridAgent) -> None:
    """The replay table and the worked update (or the last tabular update), read paused."""
    if live.is_running(NS):  # they change every step: drawn when the page runs, not per tick
        st.info(lt("inspect_paused"), icon=":material/pause:")
    elif isinstance(agent, GridDQN):
        inspect_dqn(agent)
    else:
        inspect_tabular(agent)


def _error_view(agent: GridAgent, key: ValueResult) -> tuple:
    """The |Q - Q*| map (max over actions per cell) and a caption with its mean."""
    w, q = agent.world, agent.q_values()
    err = np.abs(q - key.q).max(1)
    err[agent.term] = np.nan
    chart = error_chart(w.rows, w.cells, err, lt("err_title"), lt("err_value"), px=200)
    mae = float(np.abs(q - key.q)[~agent.term].mean())
    return chart, f"{lt('mae_metric')}: {mae:.4f} · {lt('err_help')}"
