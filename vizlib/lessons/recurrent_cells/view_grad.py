"""Gradient through time: ‖∂L/∂h_t‖ for RNN, LSTM and GRU on the same seeded data, log scale."""

from __future__ import annotations

import streamlit as st

from vizlib.lessons.recurrent_cells.bptt import INPUT_SIZE, GradientNorms, compare_cells
from vizlib.lessons.recurrent_cells.cells import CELLS
from vizlib.lessons.recurrent_cells.charts import gradient_norms_figure, series_summary
from vizlib.lessons.recurrent_cells.config import NS, GradConfig
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.i18n import scoped_t, t
from vizlib.ui.plot import show_figure

lt = scoped_t(NS)
PRESETS = {
    "vanish": {"g_len": 100, "g_scale": 1.0, "g_bias": 2.0, "g_act": "tanh"},
    "explode": {"g_len": 100, "g_scale": 3.0, "g_bias": 2.0, "g_act": "tanh"},
    "hold": {"g_len": 200, "g_scale": 1.0, "g_bias": 3.0, "g_act": "tanh"},
    "forget": {"g_len": 100, "g_scale": 1.0, "g_bias": 0.0, "g_act": "tanh"},
}
CHAIN_TEX = (
    r"\frac{\partial L}{\partial h_{t-1}} = "
    r"\Big(\frac{\partial h_t}{\partial h_{t-1}}\Big)^{\!\top} \frac{\partial L}{\partial h_t}"
)
LOSS_TEX = {
    "half_sq": r"L = \tfrac{1}{2}\lVert h_T \rVert^2",
    "sum": r"L = \textstyle\sum_j h_{T,j}",
}


@st.cache_data(max_entries=64, show_spinner=False)
def _norms(cfg: GradConfig) -> dict[str, GradientNorms]:
    # pure and cheap to store (3 × 200 floats); the same settings give the same numbers
    return compare_cells(cfg.g_len, cfg.g_hidden, cfg.g_scale, cfg.g_bias, cfg.g_act,
                         cfg.g_loss, cfg.g_seed)  # fmt: skip


def _controls() -> GradConfig:
    ui.preset_row(GradConfig, PRESETS, with_help=True)
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        ui.slider(GradConfig, "g_len", lt("g_len"))
        ui.select(GradConfig, "g_act", lt("g_act"), format_func=lambda v: t(f"act.{v}"))
    with c2:
        ui.slider(GradConfig, "g_scale", lt("g_scale"), help=lt("g_scale_help"))
        ui.radio(GradConfig, "g_loss", lt("g_loss"), format_func=lambda v: lt(f"loss.{v}"))
    with c3:
        ui.slider(GradConfig, "g_bias", lt("g_bias"), help=lt("g_bias_help"))
    with c4:
        ui.slider(GradConfig, "g_hidden", lt("g_hidden"))
        ui.number(GradConfig, "g_seed", lt("g_seed"))
    return ui.read_config(GradConfig)


def _notes(series: dict[str, object], cfg: GradConfig) -> None:
    for kind, counts in series_summary(series).items():
        name = lt(f"cell.{kind}")
        if counts["zero"]:
            st.info(lt("underflow_note", cell=name, n=counts["zero"], T=cfg.g_len), icon="⬇️")
        if counts["bad"]:
            st.warning(lt("overflow_note", cell=name, n=counts["bad"], T=cfg.g_len), icon="⬆️")


def _metrics(result: dict[str, GradientNorms]) -> None:
    for col, kind in zip(st.columns(len(CELLS)), CELLS):
        first = float(result[kind].norms[0])
        with col:
            st.metric(lt("first_norm", cell=lt(f"cell.{kind}")), f"{first:.3g}")


def show() -> GradConfig:
    """The section: presets, controls, the three log-scale panels and notes on 0/inf."""
    st.subheader(lt("grad_title"))
    present.explain(lt("grad_intro", n=INPUT_SIZE))
    cfg = _controls()
    st.latex(LOSS_TEX[cfg.g_loss] + r",\qquad " + CHAIN_TEX)
    result = _norms(cfg)
    series = {k: result[k].norms for k in CELLS}
    titles = {k: lt(f"cell.{k}") for k in CELLS}
    names = {"line": lt("norm_name"), "zero": lt("zero_name"), "bad": lt("bad_name")}
    fig = gradient_norms_figure(series, titles, names, x_title=lt("time"), y_title=lt("norm_axis"))
    show_figure(fig, key=f"{NS}.grad")
    _metrics(result)
    _notes(series, cfg)
    losses = {k: f"{result[k].loss:.4g}" for k in CELLS}
    st.caption(lt("grad_caption", **losses))
    return cfg
