"""The CNN page: a CNN trained live on real MNIST digits; its filters, feature maps and mistakes."""

import streamlit as st

from vizlib.core.cnn_arch import CnnArch
from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.cnn_mnist import view_live as live_view
from vizlib.lessons.cnn_mnist import view_own_digit as own_digit
from vizlib.lessons.cnn_mnist import view_settings as settings
from vizlib.lessons.cnn_mnist.config import MAX_STEPS, CnnMnistConfig
from vizlib.lessons.cnn_mnist.trainer import CnnTrainer
from vizlib.ui import assets, live
from vizlib.ui import controls as ui
from vizlib.ui.assets import mnist_data
from vizlib.ui.i18n import t
from vizlib.ui.page import page_header

C = CnnMnistConfig


@st.cache_resource(show_spinner=False, max_entries=16)
def _untrained(arch: CnnArch, seed: int) -> CnnTrainer:
    """The untrained model for (architecture, seed), scored once on the test digits; read-only
    and shared: every session trains its own `fresh_copy()` of it."""
    template = CnnTrainer(assets.mnist_data(), arch, seed, stats=assets.mnist_pixel_stats())
    template.evaluate()
    return template


def show() -> None:
    """The whole CNN page: settings beside the live panel, the deeper views below."""
    page_header("cnn_mnist")
    configure_torch()
    ui.url_notice(C)
    data = mnist_data()
    if data is None:
        st.error(t("cnn_mnist.data_missing"))
        st.stop()
    settings.presets()
    left, panel = st.columns([5, 6], gap="medium")
    with left:
        ok = settings.controls()  # too large a network: the message is shown, nothing trains
    if not ok:
        st.stop()
    with left:
        view = ui.radio(
            C, "view", t("cnn_mnist.view"), format_func=lambda v: t(f"cnn_mnist.views.{v}")
        )
        if view == "maps":
            ui.slider(C, "digit", t("cnn_mnist.digit_pick", last=len(data.y_test) - 1))
    cfg = ui.read_config(C)

    arch, seed = cfg.arch(), cfg.seed
    trainer = live.session_trainer(C.NS, (arch, seed), lambda: _untrained(arch, seed).fresh_copy())
    trainer.set_hparams(cfg.optimizer, cfg.lr, cfg.batch, cfg.dropout)
    with panel:
        live.live_panel(
            C.NS,
            live_view.render,
            max_steps=MAX_STEPS,
            budget_s=0.25,
            interval_s=0.5,
            hint=t("cnn_mnist.diverged_hint"),
        )
    live.side_views(C.NS, lambda: live_view.render_more(trainer, cfg, data))
    with st.expander(t("cnn_mnist.about_title")):
        st.markdown(t("cnn_mnist.intro"))
        settings.cost_note()
    st.divider()
    own_digit.own_digit(trainer)
    ui.share_box(cfg)
