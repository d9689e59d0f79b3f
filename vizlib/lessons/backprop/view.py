"""The backprop page: a tiny-MLP step-through, an expression's autograd graph, deep gradients."""

import streamlit as st

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.backprop import view_deep as deep
from vizlib.lessons.backprop import view_expression as expression
from vizlib.lessons.backprop import view_walk as walk
from vizlib.lessons.backprop.config import DeepConfig, ExprConfig
from vizlib.ui import controls as ui
from vizlib.ui.page import page_header


def show() -> None:
    """The whole backprop page."""
    configure_torch()  # one torch thread per session on the shared server
    page_header("backprop")
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
