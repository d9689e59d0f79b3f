"""The convolution page: a kernel slides over an image (stride, padding, dilation), then pooling."""

import streamlit as st

from vizlib.lessons.convolution import view_inputs as inputs
from vizlib.lessons.convolution import view_outputs as outputs
from vizlib.lessons.convolution.config import ConvolutionConfig as C
from vizlib.ui import controls as ui
from vizlib.ui.i18n import t
from vizlib.ui.page import page_header


def show() -> None:
    """The whole convolution page."""
    page_header("convolution")
    ui.url_notice(C)
    inputs.seed_from_url()
    inputs.presets()
    left, right = st.columns(2)
    with left:
        st.subheader(t("convolution.image_title"))
        source = ui.radio(
            C,
            "source",
            t("convolution.source"),
            format_func=lambda s: t(f"convolution.sources.{s}"),
        )
        x = inputs.input_image(source)
    with right:
        st.subheader(t("convolution.kernel_title"))
        w = inputs.kernel_controls()
    cfg = ui.read_config(C)
    feature = outputs.conv_view(cfg, x, w) if x is not None and w is not None else None
    if x is not None:
        outputs.pool_view(x, feature)
    ui.share_box(ui.read_config(C))
