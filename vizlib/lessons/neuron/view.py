"""Lesson: a single neuron y = f(w·x + b) and the activation functions with their derivatives."""

import streamlit as st

from vizlib.charts.backprop_latex import SYMBOL
from vizlib.charts.neuron import activation_figure
from vizlib.core.neuron import NeuronConfig, activation_curve, neuron_forward
from vizlib.ui import controls as ui
from vizlib.ui.formula import formula_box, num, pitfall
from vizlib.ui.i18n import t
from vizlib.ui.page import page_header

C = NeuronConfig
PRESETS = {
    "curriculum": dict(n_inputs=2, x1=1.0, x2=2.0, w1=0.5, w2=1.0, b=0.2, act="sigmoid"),
    "sigmoid2": dict(n_inputs=2, x1=2.0, x2=0.0, w1=1.0, w2=0.0, b=0.0, act="sigmoid"),
    "saturated": dict(n_inputs=2, x1=4.0, x2=3.0, w1=1.0, w2=1.0, b=0.0, act="sigmoid"),
    "dead_relu": dict(n_inputs=2, x1=1.0, x2=2.0, w1=-1.0, w2=-0.5, b=0.0, act="relu"),
}


def controls() -> NeuronConfig:
    """Presets and sliders; returns the validated config."""
    ui.url_notice(C)
    ui.preset_row(C, PRESETS)
    left, right = st.columns(2)
    with left:
        n = ui.radio(C, "n_inputs", t("neuron.n_inputs"))
        ui.select(C, "act", t("neuron.activation"), format_func=lambda a: t(f"act.{a}"))
        ui.slider(C, "b", t("neuron.bias"))
    with right:
        for i in range(1, n + 1):
            a, b = st.columns(2)
            with a:
                ui.slider(C, f"x{i}", t("neuron.input", i=i))
            with b:
                ui.slider(C, f"w{i}", t("neuron.weight", i=i))
    return ui.read_config(C)


def show(cfg: NeuronConfig) -> None:
    """Formula with numbers, the activation chart, and the local gradients."""
    tr = neuron_forward(cfg)
    f = SYMBOL[cfg.act]
    terms = " + ".join(rf"{num(w)} \times {num(x)}" for w, x in zip(cfg.w, cfg.x))
    formula_box(
        r"z = \mathbf{w} \cdot \mathbf{x} + b, \qquad y = f(z)",
        rf"z = {terms} + {num(cfg.b)} = {num(tr.z)}, \qquad y = {f}({num(tr.z)}) = {num(tr.y)}",
    )
    m = st.columns(3)
    m[0].metric(t("neuron.m_z"), num(tr.z))
    m[1].metric(t("neuron.m_y"), num(tr.y))
    m[2].metric(t("neuron.m_dy"), num(tr.dy_dz))
    curve = activation_curve(cfg.act, min(-6.0, tr.z - 1), max(6.0, tr.z + 1))
    fig = activation_figure(
        curve,
        tr.z,
        tr.y,
        tr.dy_dz,
        f_label=t("neuron.f"),
        df_label=t("neuron.df"),
        point_label=t("neuron.point"),
        sat_label=t("neuron.saturated_zone"),
        x_title="z",
    )
    st.plotly_chart(fig, key="neuron.chart")
    st.markdown(t("neuron.grads_intro"))
    rows = {
        t("neuron.col_input"): [f"x{i + 1}" for i in range(cfg.n_inputs)],
        t("neuron.col_dw"): [num(v) for v in tr.dy_dw],
        t("neuron.col_dx"): [num(v) for v in tr.dy_dx],
    }
    st.dataframe(rows, hide_index=True)
    if tr.saturated:
        st.warning(t("neuron.saturated_warning", d=num(tr.dy_dz)), icon="🧊")
    if cfg.act == "sigmoid":
        pitfall(t("neuron.pitfall_sigmoid0"))


page_header("neuron")
show(controls())
