"""The self-attention page: every stage of softmax(QKᵀ/√d_k)·V, multi-head, positional encoding."""

import contextlib

import streamlit as st

from vizlib.lessons.self_attention import view_heads as heads
from vizlib.lessons.self_attention import view_stages as stages
from vizlib.lessons.self_attention.config import SelfAttentionConfig as Cfg
from vizlib.lessons.self_attention.inputs import attention_inputs
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.page import page_header


def show() -> None:
    """The whole self-attention page."""
    page_header("self_attention")
    ui.url_notice(Cfg)
    stages.keep_state()
    # on a projector: the inputs in a narrow column beside the stages (attention weights first)
    side, main = (
        st.columns([1, 2], gap="medium")
        if present.is_presenting()
        else (contextlib.nullcontext(), contextlib.nullcontext())
    )
    with side:
        stages.input_controls()
    cfg = stages.current_config()
    with main:
        inputs = stages.inputs_or_error(cfg, attention_inputs)
        if inputs is not None:
            stages.stages_section(cfg, inputs)
    heads.multihead_section(inputs)
    heads.positional_section(inputs)
    ui.share_box(ui.read_config(Cfg))
