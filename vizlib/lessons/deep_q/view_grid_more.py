"""Gridworld mode, the parts below the live charts: the world editor (click to edit), the agent's
settings, value iteration sweep by sweep, and the DQN / Q-learning inspectors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from vizlib.core.errors import InputError
from vizlib.lessons.deep_q.agents import GridDQN, TabularQ
from vizlib.lessons.deep_q.charts import ARROWS, grid_figure
from vizlib.lessons.deep_q.config import GridConfig as C
from vizlib.lessons.deep_q.gridworld import (
    MAX_SIZE,
    MIN_SIZE,
    GridWorld,
    edit_cell,
    layout_rows,
    resize_layout,
)
from vizlib.lessons.deep_q.planning import model_of, result_of, sweep
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.formula import formula_box, num, pitfall
from vizlib.ui.i18n import scoped_t
from vizlib.ui.plot import show_figure

NS = "deep_q"
lt = scoped_t(NS)
ED = f"{NS}.ed"  # editor widget keys (not settings: the layout itself is the setting)
TABLE_ROWS = 8


def _edits() -> int:
    return int(st.session_state.get(f"{ED}.n", 0))


def _on_click(chart_key: str) -> None:
    points = st.session_state[chart_key].selection.get("points", [])
    if not points or "customdata" not in points[0]:
        return
    i, j = (int(v) for v in points[0]["customdata"])
    place = st.session_state.get(f"{ED}.click") == "start"
    key = C.key("layout")
    st.session_state[key] = edit_cell(st.session_state[key], i, j, place_start=place)
    st.session_state[f"{ED}.n"] = _edits() + 1  # a fresh chart: no stale selection


def _on_resize() -> None:
    key = C.key("layout")
    n, m = st.session_state[f"{ED}.rows"], st.session_state[f"{ED}.cols"]
    st.session_state[key] = resize_layout(st.session_state[key], int(n), int(m))


def world_editor(cfg: C) -> None:
    """The clickable grid, its size, click mode, step reward, slip, and the layout as text."""
    st.subheader(lt("world_title"))
    try:
        rows = layout_rows(cfg.layout)
    except InputError:
        rows = None
    left, right = st.columns([2, 3])
    with left:
        if rows is not None:
            _clickable(rows)
    with right:
        ui.text(C, "layout", lt("layout"), help=lt("layout_help"), max_chars=120)
        if rows is not None:
            st.session_state[f"{ED}.rows"], st.session_state[f"{ED}.cols"] = len(rows), len(rows[0])
            a, b = st.columns(2)
            kw = {"min_value": MIN_SIZE, "max_value": MAX_SIZE, "on_change": _on_resize}
            a.number_input(lt("n_rows"), key=f"{ED}.rows", **kw)
            b.number_input(lt("n_cols"), key=f"{ED}.cols", **kw)
        st.radio(
            lt("click_mode"), ("cycle", "start"), key=f"{ED}.click", horizontal=True,
            format_func=lambda v: lt(f"click_modes.{v}"),
        )  # fmt: skip
        a, b = st.columns(2)
        with a:
            ui.slider(C, "step_reward", lt("step_reward"), help=lt("step_reward_help"))
        with b:
            ui.slider(C, "slip", lt("slip"), help=lt("slip_help"))


def _clickable(rows: tuple[str, ...]) -> None:
    cells = [(i, j) for i in range(len(rows)) for j in range(len(rows[0])) if rows[i][j] != "#"]
    term = np.array([rows[i][j] in "PG" for i, j in cells])
    fig = grid_figure(rows, cells, term, None, None, (), lt("editor_title"), clickable=True)
    key = f"{ED}.chart{_edits()}"
    show_figure(
        fig, key=key, on_select=lambda: _on_click(key), selection_mode="points", width="content"
    )
    st.caption(lt("editor_help"))


def agent_controls(cfg: C) -> None:
    """Learning settings: shared ones, then the tabular or the DQN ones."""
    st.subheader(lt("agent_title"))
    c1, c2, c3 = st.columns(3, border=True)
    with c1:
        ui.slider(C, "gamma", lt("gamma"), help=lt("gamma_help"))
        ui.slider(C, "eps_start", lt("eps_start"))
        ui.slider(C, "eps_end", lt("eps_end"))
        ui.number(C, "eps_decay", lt("eps_decay"), help=lt("eps_decay_help"))
    with c2:
        ui.toggle(C, "random_start", lt("random_start"), help=lt("random_start_help"))
        ui.number(C, "seed", lt("seed"))
        if cfg.agent == "q":
            ui.slider(C, "alpha", lt("alpha"), help=lt("alpha_help"))
        else:
            ui.radio(C, "encoding", lt("encoding"), format_func=lambda v: lt(f"encodings.{v}"))
            ui.number(C, "hidden", lt("hidden"))
            ui.number(C, "lr", lt("lr"), format="%.5f", step=0.0005)
    with c3:
        if cfg.agent == "dqn":
            ui.number(C, "buffer", lt("buffer"), help=lt("buffer_help"))
            ui.number(C, "batch", lt("batch"))
            ui.toggle(C, "use_target", lt("use_target"), help=lt("use_target_help"))
            ui.number(C, "sync_every", lt("sync_every"), disabled=not cfg.use_target)
            ui.radio(C, "loss", lt("loss"), format_func=lambda v: lt(f"losses.{v}"))
        else:
            st.caption(lt("tabular_note"))


def _vi_state(cfg: C, world: GridWorld) -> dict:
    """This session's value-iteration progress for the current world and gamma."""
    ident = (cfg.layout, cfg.step_reward, cfg.slip, cfg.gamma)
    vi = st.session_state.get(f"{NS}.vi")
    if vi is None or vi["id"] != ident:
        vi = {"id": ident, "v": np.zeros(world.n_states), "k": 0}
        st.session_state[f"{NS}.vi"] = vi
    return vi


def _sweeps(vi: dict, world: GridWorld, gamma: float, n: int) -> None:
    m = model_of(world)
    for _ in range(n):
        vi["v"], vi["k"] = sweep(m, vi["v"], gamma), vi["k"] + 1


def value_iteration_section(cfg: C, world: GridWorld) -> None:
    """V_k with its greedy arrows, and buttons that sweep once, ten times, or reset."""
    st.subheader(lt("vi_title"))
    present.explain(lt("vi_help"), title=lt("fold.vi"))
    vi = _vi_state(cfg, world)
    c = st.columns(3)
    if c[0].button(
        lt("sweep"),
        key=f"{NS}.vi_one",
        icon=":material/skip_next:",
        shortcut=present.nav_shortcut("next"),
    ):
        _sweeps(vi, world, cfg.gamma, 1)
    if c[1].button(lt("sweep10"), key=f"{NS}.vi_ten", icon=":material/fast_forward:"):
        _sweeps(vi, world, cfg.gamma, 10)
    if c[2].button(lt("vi_reset"), key=f"{NS}.vi_reset", icon=":material/restart_alt:"):
        vi["v"], vi["k"] = np.zeros(world.n_states), 0
    res = result_of(model_of(world), vi["v"], cfg.gamma, vi["k"])
    left, right = st.columns([2, 3])
    with left:
        fig = grid_figure(
            world.rows, world.cells, world.terminal(), res.v, res.policy, (),
            lt("vi_grid", k=res.sweeps),
        )  # fmt: skip
        show_figure(fig, key=f"{NS}.vi_grid")
    with right:
        st.metric(lt("residual"), num(res.residual, 6))
        formula_box(
            r"V_{k+1}(s)=\max_a \sum_{s'} P(s'\mid s,a)\,\big[r(s')+\gamma V_k(s')\big]",
            rf"\max_s |V_{{{res.sweeps + 1}}}(s)-V_{{{res.sweeps}}}(s)| = {num(res.residual, 6)}",
        )


def inspect_tabular(agent: TabularQ) -> None:
    """The last Q-learning update with its numbers."""
    if agent.last is None:
        return
    s, a, r, s2, done, before, target, after = agent.last
    hp = agent.hp
    boot = "0" if done else rf"{num(hp.gamma)}\times{num(agent.q[s2].max())}"
    formula_box(
        r"Q(s,a)\leftarrow Q(s,a)+\alpha\,\big[r+\gamma\max_{a'}Q(s',a')-Q(s,a)\big]",
        rf"{num(before)}+{num(hp.alpha)}\,[{num(r)}+{boot}-{num(before)}]"
        rf"={num(after)}\quad(y={num(target)})",
        title=lt("tab_update_title", s=_cell(agent, s), a=ARROWS[a], s2=_cell(agent, s2)),
    )


def _cell(agent, s: int) -> str:
    i, j = agent.world.cells[int(s)]
    return f"({i},{j})"


def inspect_dqn(agent: GridDQN) -> None:
    """The last sampled batch with each TD target written out, and one worked update."""
    b = agent.last_batch
    if b is None:
        st.info(lt("buffer_filling", n=agent.buffer.size, b=agent.hp.batch))
        return
    st.markdown(f"**{lt('table_title', n=agent.buffer.size, cap=agent.buffer.capacity)}**")
    max_next, y, pred = agent.batch_targets(b)
    g = agent.hp.gamma
    k = min(TABLE_ROWS, len(b.idx))
    target_col = [
        f"{b.r[i]:+.3f} = {y[i]:.4f}"
        if b.done[i]
        else f"{b.r[i]:+.3f} + {g:g}×{max_next[i]:.4f} = {y[i]:.4f}"
        for i in range(k)
    ]
    table = {
        "#": list(range(k)),
        "s": [_cell(agent, s) for s in b.s[:k]],
        "a": [ARROWS[a] for a in b.a[:k]],
        "r": [f"{v:+.3f}" for v in b.r[:k]],
        "s′": [_cell(agent, s) for s in b.s2[:k]],
        lt("col_done"): [bool(d) for d in b.done[:k]],
        lt("col_target"): target_col,
        "Q(s,a)": [f"{v:.4f}" for v in pred[:k]],
    }
    st.dataframe(pd.DataFrame(table), hide_index=True, key=f"{NS}.table")
    i = st.number_input(lt("pick"), 0, k - 1, 0, key=f"{NS}.pick")
    _worked(agent, b, int(i))


def _worked(agent: GridDQN, b, i: int) -> None:
    w = agent.worked(b, i)
    small = abs(w.y - w.q_before) < 1
    huber = r"\tfrac12\delta^2" if small else r"|\delta|-\tfrac12"
    loss = huber if agent.hp.loss == "huber" else r"\delta^2"
    boot = "" if w.done else rf"+{num(w.gamma)}\times{num(w.max_next)}"
    tgt = r"Q_{\text{target}}" if agent.hp.use_target else r"Q"
    formula_box(
        rf"y=r+\gamma\max_{{a'}}{tgt}(s',a'),\quad \delta=y-Q(s,a),\quad L=\ell(\delta)",
        rf"y={num(w.r)}{boot}={num(w.y)},\ Q(s,a)={num(w.q_before)},\ "
        rf"\delta={num(w.y - w.q_before)},\ L={loss}={num(w.loss, 6)}",
        title=lt("worked_title", i=i),
    )
    st.latex(
        rf"Q(s,a):\ {num(w.q_before)}\ \to\ {num(w.q_after)},\qquad "
        rf"y:\ {num(w.y)}\ \to\ {num(w.y_after)}"
    )
    st.caption(lt("worked_after", lr=f"{agent.hp.lr:g}"))
    if not agent.hp.use_target:
        pitfall(lt("pitfall_target"))
