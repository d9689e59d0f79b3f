"""The model-size and training widgets the TinyGPT lessons share (labels: each lesson's keys)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from vizlib.ui import controls as ui
from vizlib.ui.i18n import t


def lr_control(cfg_cls: type) -> float:
    """The live learning rate (the most-used training setting, shown beside the panel)."""
    lab = f"{cfg_cls.NS}."
    return ui.number(
        cfg_cls, "lr", t(lab + "lr"), format="%.5f", step=1e-4, help=t(lab + "live_help")
    )


def model_and_training_controls(
    cfg_cls: type, net_col: Any, train_col: Any, *, with_lr: bool = True
) -> None:
    """The model-size and training widgets both Transformer pages share (labels per page);
    `with_lr=False` when the page draws `lr_control` elsewhere."""

    def lab(key: str) -> str:
        return t(f"{cfg_cls.NS}.{key}")

    with net_col:
        st.markdown(f"**{lab('model_title')}**")
        ui.slider(cfg_cls, "n_layer", lab("n_layer"))
        ui.slider(cfg_cls, "n_head", lab("n_head"))
        ui.select(cfg_cls, "d_model", lab("d_model"))
    with train_col:
        st.markdown(f"**{lab('train_title')}**")
        if with_lr:
            lr_control(cfg_cls)
        ui.number(cfg_cls, "batch_size", lab("batch_size"), step=8)
        ui.slider(cfg_cls, "dropout", lab("dropout"))
        ui.number(cfg_cls, "weight_decay", lab("weight_decay"), format="%.3f", step=0.01)
