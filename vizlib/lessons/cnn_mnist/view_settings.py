"""Streamlit sections of the CNN-on-MNIST lesson: bundled data, presets and the settings.

The live views are in `view_live`, "your own digit" in `view_own_digit`.
"""

from __future__ import annotations

import streamlit as st

from vizlib.core.cnn import CLASSIC, MAX_MACS, MAX_PARAMS, CnnArch
from vizlib.lessons.cnn_mnist.config import CnnMnistConfig
from vizlib.ui import controls as ui
from vizlib.ui.i18n import t

C = CnnMnistConfig
NS = C.NS
DEFAULT_ARCH = {k: C.spec(k).default for k in ("blocks", "filters", "kernel", "pool", "dense")}
PRESETS = {
    "default": {**DEFAULT_ARCH, "dropout": 0.0, "optimizer": "adam", "lr": 0.003, "batch": 64},
    "classic": {**CLASSIC, "dropout": 0.0, "optimizer": "adam", "lr": 0.001, "batch": 64},
}


def presets() -> None:
    """One-click settings: the fast default network and the curriculum's classic network."""
    ui.preset_row(C, PRESETS, with_help=True)


def cost_note() -> None:
    """How much slower the classic network is than the default one, in multiply-adds."""
    classic = CnnArch(**CLASSIC).cost()[1]
    default = CnnArch(**DEFAULT_ARCH).cost()[1]
    st.caption(
        t(
            "cnn_mnist.classic_note",
            ratio=f"{classic / default:.1f}",
            classic=f"{classic / 1e6:.2f}",
            default=f"{default / 1e6:.2f}",
        )
    )


def _arch_controls() -> CnnArch:
    st.markdown(f"**{t('cnn_mnist.arch_title')}**")
    c1, c2 = st.columns(2)
    with c1:
        blocks = ui.slider(C, "blocks", t("cnn_mnist.blocks"), help=t("cnn_mnist.blocks_help"))
        filters = ui.slider(C, "filters", t("cnn_mnist.filters"), help=t("cnn_mnist.filters_help"))
    with c2:
        dense = ui.slider(C, "dense", t("cnn_mnist.dense"))
        kernel = ui.radio(C, "kernel", t("cnn_mnist.kernel"), format_func=lambda k: f"{k}×{k}")
        pool = ui.toggle(C, "pool", t("cnn_mnist.pool"), help=t("cnn_mnist.pool_help"))
    return CnnArch(blocks, filters, kernel, pool, dense)


def _train_controls() -> None:
    st.markdown(f"**{t('cnn_mnist.train_title')}**")
    c1, c2 = st.columns(2)
    with c1:
        ui.select(
            C,
            "optimizer",
            t("cnn_mnist.optimizer"),
            format_func=lambda o: t(f"cnn_mnist.optimizers.{o}"),
        )
        ui.slider(C, "batch", t("cnn_mnist.batch"))
        ui.number(C, "seed", t("cnn_mnist.seed"), help=t("cnn_mnist.seed_help"))
    with c2:
        ui.number(
            C, "lr", t("cnn_mnist.lr"), format="%.5f", step=0.0005, help=t("cnn_mnist.lr_help")
        )
        ui.slider(C, "dropout", t("cnn_mnist.dropout"), help=t("cnn_mnist.dropout_help"))


def controls() -> bool:
    """Architecture and training widgets; False (with a message) if the network is too large."""
    with st.container(border=True):
        arch = _arch_controls()
        _train_controls()
        params, macs = arch.cost()
        st.caption(
            t(
                "cnn_mnist.summary",
                shape=shape_text(arch),
                params=f"{params:,}",
                macs=f"{macs / 1e6:.2f}",
            )
            + " "
            + t("cnn_mnist.live_note")
        )
    if params > MAX_PARAMS or macs > MAX_MACS:
        st.error(
            t(
                "cnn_mnist.too_large",
                params=f"{params:,}",
                max_params=f"{MAX_PARAMS:,}",
                macs=f"{macs / 1e6:.1f}",
                max_macs=f"{MAX_MACS / 1e6:.0f}",
            )
        )
        return False
    return True


def shape_text(arch: CnnArch) -> str:
    """The data shape through the network, e.g. 1×28×28 → conv 8@3×3 → 8×28×28 → pool → …"""
    parts, n = ["1×28×28"], 28
    for c, after in zip(arch.channels(), arch.sizes(), strict=True):
        parts.append(f"conv {c}@{arch.kernel}×{arch.kernel} → {c}×{n}×{n}")
        if arch.pool:
            parts.append(f"pool 2×2 → {c}×{after}×{after}")
        n = after
    parts += [f"dense {arch.dense}", "10 (softmax)"]
    return " → ".join(parts)
