"""The convolution page: a kernel slides over an image (stride, padding, dilation), then pooling."""

from contextlib import nullcontext

import streamlit as st

from vizlib.lessons.convolution import view_inputs as inputs
from vizlib.lessons.convolution import view_outputs as outputs
from vizlib.lessons.convolution.config import ConvolutionConfig as C
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.i18n import t
from vizlib.ui.page import page_header


def _inputs(image_col, kernel_col):
    """The image and the kernel sections, drawn in the given columns; (image, kernel)."""
    with image_col:
        st.subheader(t("convolution.image_title"))
        source = ui.radio(
            C,
            "source",
            t("convolution.source"),
            format_func=lambda s: t(f"convolution.sources.{s}"),
        )
        x = inputs.input_image(source)
    with kernel_col:
        st.subheader(t("convolution.kernel_title"))
        w = inputs.kernel_controls()
    return x, w


def show() -> None:
    """The whole convolution page."""
    page_header("convolution")
    ui.url_notice(C)
    inputs.seed_from_url()
    inputs.presets()
    if present.is_presenting():  # a projector's first screen: the inputs beside the step view
        side, main = st.columns([1, 2], gap="medium")
        x, w = _inputs(side, side)
    else:
        main = nullcontext()
        x, w = _inputs(*st.columns(2))
    cfg = ui.read_config(C)
    with main:
        feature = outputs.conv_view(cfg, x, w) if x is not None and w is not None else None
    if x is not None:
        outputs.pool_view(x, feature)
    ui.share_box(ui.read_config(C))
