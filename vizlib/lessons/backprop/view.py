"""The backprop page: a tiny-MLP step-through, an expression's autograd graph, deep gradients."""

import streamlit as st

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.backprop import view_deep as deep
from vizlib.lessons.backprop import view_expression as expression
from vizlib.lessons.backprop import view_walk as walk
from vizlib.lessons.backprop.config import DeepConfig, ExprConfig
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.page import page_header

# A deep or wide network drawn at the column's width would run past the first screen: its
# drawing is shrunk to the screen's height less what sits above it (title, step buttons).
_GRAPH_FITS = """<style>
.st-key-backprop-graph [data-testid="stGraphVizChart"]>svg { max-height: calc(100vh - 330px); }
</style>"""


def show() -> None:
    """The whole backprop page."""
    configure_torch()  # one torch thread per session on the shared server
    page_header("backprop")
    if present.is_presenting():  # a projector's first screen: the settings beside the graph
        side, main = st.columns([1, 2], gap="medium")
        with side:
            st.subheader(walk.lt("walk_title"))
            present.explain(walk.lt("walk_intro"))
            cfg = walk.controls()
            st.html(_GRAPH_FITS)
        with main:
            if cfg is not None:
                walk.walk_section(cfg)
    else:
        st.subheader(walk.lt("walk_title"))
        st.caption(walk.lt("walk_intro"))
        cfg = walk.controls()
        if cfg is not None:
            walk.walk_section(cfg)
    st.divider()
    expression.expression_section()
    st.divider()
    deep.deep_section()
    valid = [cfg] if cfg is not None else []  # an invalid network is left out of the link
    ui.share_box(*valid, ui.read_config(ExprConfig), ui.read_config(DeepConfig))
