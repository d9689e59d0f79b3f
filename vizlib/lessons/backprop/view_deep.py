"""The backprop page, section 3: vanishing and exploding gradients through a deep MLP."""

from __future__ import annotations

import numpy as np
import streamlit as st

from vizlib.lessons.backprop.charts_deep import activation_figure, grad_norm_figure
from vizlib.lessons.backprop.charts_latex import num
from vizlib.lessons.backprop.config import DeepConfig as D
from vizlib.lessons.backprop.deep_gradients import PRESETS as DEEP_PRESETS
from vizlib.lessons.backprop.deep_gradients import deep_gradients
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.formula import pitfall
from vizlib.ui.i18n import scoped_t, t
from vizlib.ui.plot import show_figure

NS = D.NS
lt = scoped_t(NS)


def _deep_controls() -> D:
    ui.url_notice(D)
    cols = st.columns(len(DEEP_PRESETS))
    names = {"sigmoid20": "preset_sigmoid", "relu_he": "preset_relu_he"}
    for col, (name, values) in zip(cols, DEEP_PRESETS.items(), strict=True):
        with col:
            ui.preset_button(D, lt(f"deep.{names[name]}"), values, key=f"{NS}.pd.{name}")
    c = st.columns(5)
    with c[0]:
        ui.slider(D, "depth", lt("deep.depth"))
    with c[1]:
        ui.slider(D, "width", lt("deep.width"))
    with c[2]:
        ui.select(D, "deep_act", lt("deep.act"), format_func=lambda a: t(f"act.{a}"))
    with c[3]:
        ui.select(D, "init", lt("deep.init"), format_func=lambda v: lt(f"deep.inits.{v}"))
    with c[4]:
        ui.number(D, "deep_seed", lt("deep.seed"))
    return ui.read_config(D)


@st.cache_data(show_spinner=False, max_entries=64)
def _deep(cfg: D):
    # a pure function of the (hashable, frozen) config: safe to share between sessions
    return deep_gradients(cfg)


def deep_section() -> None:
    """Per-layer gradient norms (log) and activation histograms after one backward pass."""
    st.subheader(lt("deep.title"))
    present.explain(lt("deep.intro"))
    cfg = _deep_controls()
    res = _deep(cfg)
    norms = res.grad_norms
    left, right = st.columns(2)
    with left:
        fig = grad_norm_figure(
            norms, title=lt("deep.grad_title"), x_title=lt("deep.grad_x"), y_title=lt("deep.grad_y")
        )
        show_figure(fig, key=f"{NS}.deep.grads", toolbar=True)
    with right:
        fig = activation_figure(
            res.activations,
            title=lt("deep.act_title"),
            x_title=lt("deep.act_x"),
            y_title=lt("deep.act_y"),
            color_title=lt("deep.act_color"),
        )
        show_figure(fig, key=f"{NS}.deep.acts", toolbar=True)
    if norms[-2] > 0 and np.isfinite(norms).all():
        st.markdown(lt("deep.ratio", ratio=f"${num(norms[0] / norms[-2], 3)}$"))
    if np.any(norms == 0):
        st.warning(lt("deep.zero"))
    pitfall(lt("deep.pitfall"))
