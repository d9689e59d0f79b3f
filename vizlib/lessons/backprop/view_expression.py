"""Backprop page, sections 2 and 3: an expression's computation graph, vanishing/exploding grads."""

from __future__ import annotations

import numpy as np
import streamlit as st

from vizlib.charts.backprop_deep import activation_figure, grad_norm_figure
from vizlib.charts.backprop_graph import expression_dot
from vizlib.charts.backprop_latex import num
from vizlib.core.backprop_config import ExprConfig as E
from vizlib.core.deep_gradients import PRESETS as DEEP_PRESETS
from vizlib.core.deep_gradients import DeepConfig as D
from vizlib.core.deep_gradients import deep_gradients
from vizlib.core.expr_parser import FUNCS, ExprError, parse_expression, parse_values
from vizlib.core.scalar_engine import DomainError, trace
from vizlib.ui import controls as ui
from vizlib.ui.formula import pitfall
from vizlib.ui.i18n import t
from vizlib.ui.pg_backprop import NS, tr

EXPR_PRESETS = {
    "preset_tanh": {"expr": "tanh(a*b + c)", "values": "a=2, b=-1, c=0.5"},
    "preset_exp": {"expr": "(x**2 + y).exp()", "values": "x=0.5, y=-1"},
    "preset_reuse": {"expr": "a*a + a*b", "values": "a=3, b=2"},
}


def _show_expr_error(err: ExprError, text: str) -> None:
    fmt = {"pos": err.pos, "token": err.token, "funcs": ", ".join(FUNCS), **err.fmt}
    st.error(tr(f"expr.err.{err.key}", **fmt))
    if 0 < err.pos <= len(text) + 1 and err.key not in ("too_long", "missing_value"):
        st.caption(tr("expr.where"))
        st.code(text + "\n" + " " * (err.pos - 1) + "^", language=None)


def _expr_inputs() -> E:
    ui.url_notice(E)
    cols = st.columns(len(EXPR_PRESETS))
    for col, (name, values) in zip(cols, EXPR_PRESETS.items(), strict=True):
        with col:
            ui.preset_button(E, tr(f"expr.{name}"), values, key=f"{NS}.pe.{name}")
    a, b = st.columns([3, 2])
    with a:
        ui.text(E, "expr", tr("expr.expr"), help=tr("expr.expr_help"))
    with b:
        ui.text(E, "values", tr("expr.values"), help=tr("expr.values_help"))
    return ui.read_config(E)


def expression_section() -> None:
    """Parse the user's expression safely, run backward, draw every node's data and grad."""
    st.subheader(tr("expr.title"))
    st.caption(tr("expr.intro"))
    cfg = _expr_inputs()
    try:
        parsed = parse_expression(cfg.expr)
        root = parsed.build(parse_values(cfg.values))
        root.backward()
    except ExprError as err:
        _show_expr_error(err, cfg.expr.strip())
        return
    except DomainError as err:
        st.error(tr("expr.err.domain", op=err.op))
        return
    nodes, edges = trace(root)
    dot = expression_dot(nodes, edges, data_label=tr("expr.data"), grad_label=tr("expr.grad"))
    st.graphviz_chart(dot, width="stretch")
    leaves = {n.label: n for n in nodes if not n.op and n.label in parsed.variables}
    st.metric(tr("expr.output"), num(root.data, 6))
    rows = [
        {
            tr("expr.col_var"): v,
            tr("expr.col_value"): leaves[v].data,
            tr("expr.col_grad"): leaves[v].grad,
        }
        for v in parsed.variables
    ]
    st.dataframe(rows, hide_index=True)
    if any(sum(1 for s, _ in edges if s == leaves[v].id) > 1 for v in parsed.variables):
        st.info(tr("expr.reuse_note"))


def _deep_controls() -> D:
    ui.url_notice(D)
    cols = st.columns(len(DEEP_PRESETS))
    names = {"sigmoid20": "preset_sigmoid", "relu_he": "preset_relu_he"}
    for col, (name, values) in zip(cols, DEEP_PRESETS.items(), strict=True):
        with col:
            ui.preset_button(D, tr(f"deep.{names[name]}"), values, key=f"{NS}.pd.{name}")
    c = st.columns(5)
    with c[0]:
        ui.slider(D, "depth", tr("deep.depth"))
    with c[1]:
        ui.slider(D, "width", tr("deep.width"))
    with c[2]:
        ui.select(D, "deep_act", tr("deep.act"), format_func=lambda a: t(f"act.{a}"))
    with c[3]:
        ui.select(D, "init", tr("deep.init"), format_func=lambda v: tr(f"deep.inits.{v}"))
    with c[4]:
        ui.number(D, "deep_seed", tr("deep.seed"))
    return ui.read_config(D)


@st.cache_data(show_spinner=False, max_entries=64)
def _deep(cfg: D):
    # a pure function of the (hashable, frozen) config: safe to share between sessions
    return deep_gradients(cfg)


def deep_section() -> None:
    """Per-layer gradient norms (log) and activation histograms after one backward pass."""
    st.subheader(tr("deep.title"))
    st.caption(tr("deep.intro"))
    cfg = _deep_controls()
    res = _deep(cfg)
    norms = res.grad_norms
    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            grad_norm_figure(
                norms,
                title=tr("deep.grad_title"),
                x_title=tr("deep.grad_x"),
                y_title=tr("deep.grad_y"),
            ),
            key=f"{NS}.deep.grads",
        )
    with right:
        st.plotly_chart(
            activation_figure(
                res.activations,
                title=tr("deep.act_title"),
                x_title=tr("deep.act_x"),
                y_title=tr("deep.act_y"),
                color_title=tr("deep.act_color"),
            ),
            key=f"{NS}.deep.acts",
        )
    if norms[-2] > 0 and np.isfinite(norms).all():
        st.markdown(tr("deep.ratio", ratio=f"${num(norms[0] / norms[-2], 3)}$"))
    if np.any(norms == 0):
        st.warning(tr("deep.zero"))
    pitfall(tr("deep.pitfall"))


def share(cfgs: list) -> None:
    """One share box with the query of every section's config."""
    merged: dict[str, str] = {}
    for c in cfgs:
        merged.update(c.to_query())
    from urllib.parse import urlencode

    with st.expander(t("common.share")):
        st.caption(t("common.share_help"))
        st.code("?" + urlencode(merged), language=None)
