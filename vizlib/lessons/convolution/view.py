"""Lesson: a kernel slides over an image (stride, padding, dilation), then pooling shrinks it."""

import streamlit as st

from vizlib.core.conv_config import ConvolutionConfig
from vizlib.ui import controls as ui
from vizlib.ui import pg_convolution as pg
from vizlib.ui import pg_convolution_views as views
from vizlib.ui.i18n import t
from vizlib.ui.page import page_header

C = ConvolutionConfig

page_header("convolution")
ui.url_notice(C)
pg.seed_from_url()
pg.presets()
left, right = st.columns(2)
with left:
    st.subheader(t("convolution.image_title"))
    source = ui.radio(
        C, "source", t("convolution.source"), format_func=lambda s: t(f"convolution.sources.{s}")
    )
    x = pg.input_image(source)
with right:
    st.subheader(t("convolution.kernel_title"))
    w = pg.kernel_controls()
cfg = ui.read_config(C)
feature = views.conv_view(cfg, x, w) if x is not None and w is not None else None
if x is not None:
    views.pool_view(x, feature)
ui.share_box(ui.read_config(C))
