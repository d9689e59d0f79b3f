"""CartPole mode: DQN on gymnasium's CartPole-v1 trained live, the cart drawn from the state,
episode lengths against the 'solved' line, and a bounded greedy evaluation on demand."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import streamlit as st

from vizlib.lessons.deep_q.cartpole import SOLVED, CartPoleDQN, evaluate_greedy
from vizlib.lessons.deep_q.charts_cartpole import cart_img_html
from vizlib.lessons.deep_q.charts_live import lengths_chart
from vizlib.lessons.deep_q.config import CartPoleConfig as C
from vizlib.ui import controls as ui
from vizlib.ui import live, present
from vizlib.ui.i18n import scoped_t
from vizlib.ui.plot import show_live_chart

NS = "deep_q"
LIVE_NS = "deep_q.cp"  # a second session trainer, beside the gridworld's
MAX_STEPS = 60_000
EVAL_EPISODES = 10
EVAL_SEED = 10_000  # evaluation episodes use seeds the training env never starts from
FRAMES = 8  # cart pictures streamed per tick while training (live_panel trains between them)
lt = scoped_t(NS)


def show_cartpole() -> None:
    """The CartPole mode of the page."""
    cfg = ui.read_config(C)
    agent = live.session_trainer(
        LIVE_NS, cfg.signature(), lambda: CartPoleDQN(cfg.cp_seed, cfg.cp_hidden, cfg.cp_buffer)
    )
    agent.hp = cfg.hparams()
    settings, panel = st.columns([5, 6], gap="medium")
    with settings:
        buttons = st.container()
        present.explain(lt("cp.intro"), title=lt("fold.cartpole"))
        _evaluation(agent, cfg)
    with panel:
        live.live_panel(
            LIVE_NS,
            render,
            max_steps=MAX_STEPS,
            budget_s=0.05,
            interval_s=0.3,
            hint=lt("diverged_hint"),
            frames=FRAMES,
            frame_gap_s=0.02,
            controls=buttons,
        )
    _controls()
    ui.share_box(cfg)


def render(agent: CartPoleDQN, frames: Iterator[None]) -> None:
    """The episode lengths once per tick; the cart, drawn from the state, on every frame."""
    h = agent.history
    labels = {k: lt(f"cp.curve.{k}") for k in ("length", "ma", "solved", "episode", "steps")}
    chart = lengths_chart(h.lengths, SOLVED, labels)
    frame = iter(frames)
    next(frame, None)  # the first frame is drawn now, before the chart
    with st.container(key=f"{NS}.cp.chart.cart"):
        els = _cart_frame(agent)
    show_live_chart(chart, key=f"{NS}.cp.chart.lengths")
    recent = float(np.mean(h.lengths[-20:])) if h.lengths else 0.0
    st.caption(lt("cp.recent", n=len(h.lengths), mean=f"{recent:.1f}", solved=SOLVED))
    for _ in frame:
        _cart_frame(agent, els)


def _cart_frame(agent: CartPoleDQN, els=None) -> tuple:
    """Draw the cart's title, picture and state (or replace the given elements in place)."""
    cap = lt("cp.frame", t=agent.t, len=agent.ep_len, eps=f"{agent.epsilon():.3f}")
    state = lt("cp.state", x=f"{agent.obs[0]:+.3f}", th=f"{agent.obs[2]:+.3f}")
    if els is None:
        return st.markdown(f"**{cap}**"), st.html(cart_img_html(agent.obs, cap)), st.caption(state)
    els[0].markdown(f"**{cap}**")
    els[1].html(cart_img_html(agent.obs, cap))
    els[2].caption(state)
    return els


def _evaluation(agent: CartPoleDQN, cfg: C) -> None:
    key = f"{NS}.cp.eval"
    if st.button(
        lt("cp.evaluate", n=EVAL_EPISODES), key=f"{NS}.cp.eval_btn", icon=":material/flag:"
    ):
        lengths = evaluate_greedy(agent.net, EVAL_EPISODES, EVAL_SEED + cfg.cp_seed)
        st.session_state[key] = (agent.t, lengths)
    done = st.session_state.get(key)
    if done is not None:
        step, lengths = done
        mean = float(np.mean(lengths))
        msg = lt(
            "cp.eval_result", step=step, mean=f"{mean:.1f}", lengths=", ".join(map(str, lengths))
        )
        (st.success if mean >= SOLVED else st.info)(msg)


def _controls() -> None:
    st.subheader(lt("agent_title"))
    c1, c2, c3 = st.columns(3, border=True)
    with c1:
        ui.number(C, "cp_hidden", lt("hidden"), help=lt("cp.hidden_help"))
        ui.number(C, "cp_buffer", lt("buffer"), help=lt("buffer_help"))
        ui.number(C, "cp_seed", lt("seed"))
    with c2:
        ui.number(C, "cp_lr", lt("lr"), format="%.5f", step=0.0005)
        ui.number(C, "cp_batch", lt("batch"))
        ui.slider(C, "cp_gamma", lt("gamma"), help=lt("gamma_help"))
        ui.number(C, "cp_eps_decay", lt("eps_decay"), help=lt("eps_decay_help"))
    with c3:
        ui.toggle(C, "cp_target", lt("use_target"), help=lt("use_target_help"))
        ui.number(C, "cp_sync", lt("sync_every"))
        ui.radio(C, "cp_loss", lt("loss"), format_func=lambda v: lt(f"losses.{v}"))
