"""The backprop page, section 2: a typed expression's computation graph, run backward."""

from __future__ import annotations

import streamlit as st

from vizlib.core.errors import InputError
from vizlib.lessons.backprop.charts_graph import expression_dot
from vizlib.lessons.backprop.charts_latex import num
from vizlib.lessons.backprop.config import ExprConfig as E
from vizlib.lessons.backprop.expr_parser import FUNCS, MAX_LEN, parse_expression, parse_values
from vizlib.lessons.backprop.scalar_engine import trace
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.i18n import scoped_t

NS = E.NS
lt = scoped_t(NS)

EXPR_PRESETS = {
    "preset_tanh": {"expr": "tanh(a*b + c)", "values": "a=2, b=-1, c=0.5"},
    "preset_exp": {"expr": "(x**2 + y).exp()", "values": "x=0.5, y=-1"},
    "preset_reuse": {"expr": "a*a + a*b", "values": "a=3, b=2"},
}


def _show_expr_error(err: InputError, text: str) -> None:
    fmt = {"pos": 0, "token": "", "funcs": ", ".join(FUNCS), **err.detail}
    st.error(lt(f"expr.err.{err.key}", **fmt))
    pos = fmt["pos"]
    if 0 < pos <= len(text) + 1 and err.key not in ("too_long", "missing_value"):
        st.caption(lt("expr.where"))
        st.code(text + "\n" + " " * (pos - 1) + "^", language=None)


def _expr_inputs() -> E:
    ui.url_notice(E)
    cols = st.columns(len(EXPR_PRESETS))
    for col, (name, values) in zip(cols, EXPR_PRESETS.items(), strict=True):
        with col:
            ui.preset_button(E, lt(f"expr.{name}"), values, key=f"{NS}.pe.{name}")
    a, b = st.columns([3, 2])
    with a:
        # the counter under the box must show the parser's own limit
        ui.text(E, "expr", lt("expr.expr"), help=lt("expr.expr_help"), max_chars=MAX_LEN)
    with b:
        ui.text(E, "values", lt("expr.values"), help=lt("expr.values_help"), max_chars=MAX_LEN)
    return ui.read_config(E)


def expression_section() -> None:
    """Parse the user's expression safely, run backward, draw every node's data and grad."""
    st.subheader(lt("expr.title"))
    present.explain(lt("expr.intro"))
    cfg = _expr_inputs()
    try:
        parsed = parse_expression(cfg.expr)
        root = parsed.build(parse_values(cfg.values))
        root.backward()
    except InputError as err:  # a refused expression, or an operation outside its domain
        _show_expr_error(err, cfg.expr.strip())
        return
    nodes, edges = trace(root)
    dot = expression_dot(nodes, edges, data_label=lt("expr.data"), grad_label=lt("expr.grad"))
    st.graphviz_chart(dot, width="content")  # natural size: never shrunk below its font size
    leaves = {n.label: n for n in nodes if not n.op and n.label in parsed.variables}
    st.metric(lt("expr.output"), num(root.data, 6))
    rows = [
        {
            lt("expr.col_var"): v,
            lt("expr.col_value"): leaves[v].data,
            lt("expr.col_grad"): leaves[v].grad,
        }
        for v in parsed.variables
    ]
    st.dataframe(rows, hide_index=True)
    if any(sum(1 for s, _ in edges if s == leaves[v].id) > 1 for v in parsed.variables):
        st.info(lt("expr.reuse_note"))
