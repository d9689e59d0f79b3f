"""The neuron lesson's page: sliders for one neuron, its filled-in formula, f and f'."""

import streamlit as st

from vizlib.charts.tex import SYMBOL
from vizlib.lessons.neuron.charts import activation_figure
from vizlib.lessons.neuron.config import NeuronConfig
from vizlib.lessons.neuron.model import activation_curve, neuron_forward
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.formula import formula_box, num, pitfall
from vizlib.ui.i18n import t
from vizlib.ui.page import page_header
from vizlib.ui.plot import projector_type, show_figure

C = NeuronConfig
PRESETS = {
    "curriculum": dict(n_inputs=2, x1=1.0, x2=2.0, w1=0.5, w2=1.0, b=0.2, act="sigmoid"),
    "sigmoid2": dict(n_inputs=2, x1=2.0, x2=0.0, w1=1.0, w2=0.0, b=0.0, act="sigmoid"),
    "saturated": dict(n_inputs=2, x1=4.0, x2=3.0, w1=1.0, w2=1.0, b=0.0, act="sigmoid"),
    "dead_relu": dict(n_inputs=2, x1=1.0, x2=2.0, w1=-1.0, w2=-0.5, b=0.0, act="relu"),
}


def controls() -> NeuronConfig:
    """Presets and sliders; returns the validated config (stacked in presenter mode's narrow
    column, else the inputs and weights beside the rest)."""
    ui.url_notice(C)
    ui.preset_row(C, PRESETS, with_help=True)
    left, right = (st.container(), st.container()) if present.is_presenting() else st.columns(2)
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


def results(cfg: NeuronConfig) -> None:
    """Formula with numbers, the activation chart, and the local gradients."""
    trace = neuron_forward(cfg)
    f = SYMBOL[cfg.act]
    terms = " + ".join(rf"{num(w)} \times {num(x)}" for w, x in zip(cfg.w, cfg.x))
    formula = (
        r"z = \mathbf{w} \cdot \mathbf{x} + b, \qquad y = f(z)",
        rf"z = {terms} + {num(cfg.b)} = {num(trace.z)}, \qquad "
        rf"y = {f}({num(trace.z)}) = {num(trace.y)}",
    )
    presenting = present.is_presenting()
    if not presenting:
        formula_box(*formula)
    m = st.columns(3)
    m[0].metric(t("neuron.m_z"), num(trace.z))
    m[1].metric(t("neuron.m_y"), num(trace.y))
    m[2].metric(t("neuron.m_dy"), num(trace.dy_dz))
    curve = activation_curve(cfg.act, min(-6.0, trace.z - 1), max(6.0, trace.z + 1))
    fig = activation_figure(
        curve,
        trace.z,
        trace.y,
        trace.dy_dz,
        f_label=t("neuron.f"),
        df_label=t("neuron.df"),
        point_label=t("neuron.point"),
        sat_label=t("neuron.saturated_zone"),
        x_title="z",
    )
    show_figure(projector_type(fig), key="neuron.chart", toolbar=True)
    if presenting:  # the chart first on a projector; the formula folds away under it
        formula_box(*formula, title=t("neuron.present.formula"), folded=True)
    st.markdown(t("neuron.grads_intro"))
    rows = {
        t("neuron.col_input"): [f"x{i + 1}" for i in range(cfg.n_inputs)],
        t("neuron.col_dw"): [num(v) for v in trace.dy_dw],
        t("neuron.col_dx"): [num(v) for v in trace.dy_dx],
    }
    st.dataframe(rows, hide_index=True)
    if trace.saturated:
        st.warning(t("neuron.saturated_warning", d=num(trace.dy_dz)), icon="🧊")
    if cfg.act == "sigmoid":
        pitfall(t("neuron.pitfall_sigmoid0"))


def show() -> None:
    """The whole neuron page."""
    page_header("neuron")
    if present.is_presenting():  # a projector's first screen: sliders in a column beside the chart
        side, main = st.columns([1, 2], gap="medium")
        with side:
            cfg = controls()
        with main:
            results(cfg)
    else:
        results(controls())
