"""Backpropagation lesson: tiny-MLP step-through, an expression's autograd graph, deep gradients."""

import streamlit as st

from vizlib.core.backprop_config import ExprConfig
from vizlib.core.deep_gradients import DeepConfig
from vizlib.core.torch_setup import configure_torch
from vizlib.ui import controls as ui
from vizlib.ui import pg_backprop as pg
from vizlib.ui import pg_backprop_more as more
from vizlib.ui.page import page_header

configure_torch()  # one torch thread per session on the shared server
page_header("backprop")
st.subheader(pg.tr("walk_title"))
st.caption(pg.tr("walk_intro"))
cfg = pg.controls()
if cfg is not None:
    pg.walk_section(cfg)
st.divider()
more.expression_section()
st.divider()
more.deep_section()
valid = [cfg] if cfg is not None else []  # an invalid network is left out of the link
more.share([*valid, ui.read_config(ExprConfig), ui.read_config(DeepConfig)])
