"""The overfitting lab's page: mode and presets, the most-used settings beside the live panel (lab
or A/B race) or the capacity sweep, the deeper views and the notes below."""

from __future__ import annotations

import streamlit as st

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.overfitting import view_lab, view_race
from vizlib.lessons.overfitting.config import OverfittingConfig
from vizlib.lessons.overfitting.data import val_size
from vizlib.lessons.overfitting.models import CNN_ARCH
from vizlib.lessons.overfitting.trainer import decay_factor
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.assets import mnist_data
from vizlib.ui.formula import formula_box, num, pitfall
from vizlib.ui.i18n import scoped_t
from vizlib.ui.page import page_header

C = OverfittingConfig
NS = C.NS
lt = scoped_t(NS)
OFF = {"dropout": 0.0, "weight_decay": 0.0, "shift": 0, "rotate": 0, "batchnorm": False}
PRESETS = {
    "memorise": {"n_train": 100, "model": "mlp", "width": 512, "depth": 1, **OFF},
    "remedies": {"n_train": 100, "model": "mlp", "width": 512, "depth": 1, **OFF}
    | {"dropout": 0.5, "shift": 2, "rotate": 15, "weight_decay": 0.1},
    "more_data": {"n_train": 5000, "model": "mlp", "width": 512, "depth": 1, **OFF},
    "cnn": {"n_train": 100, "model": "cnn", **OFF},
}


def _data_controls() -> None:
    st.markdown(f"**{lt('data_title')}**")
    ui.number(C, "n_train", lt("n_train"), step=50, help=lt("n_train_help"))
    ui.radio(C, "model", lt("model"), format_func=lambda m: lt(f"models.{m}"))
    if st.session_state.get(C.key("model")) == "mlp":
        ui.slider(C, "width", lt("width"))
        ui.slider(C, "depth", lt("depth"))
    else:
        st.caption(lt("cnn_note", shape=cnn_shape()))
    ui.toggle(C, "batchnorm", lt("batchnorm"), help=lt("batchnorm_help"))


def cnn_shape() -> str:
    """The shared small CNN's layers, e.g. conv 8@3×3 → pool → conv 16@3×3 → pool → 64 → 10."""
    a = CNN_ARCH
    convs = [f"conv {c}@{a.kernel}×{a.kernel} → pool" for c in a.channels()]
    return " → ".join([*convs, f"dense {a.dense}", "10"])


def _remedy_controls() -> None:
    st.markdown(f"**{lt('remedies_title')}**")
    ui.slider(C, "shift", lt("shift"), help=lt("shift_help"))
    ui.slider(C, "rotate", lt("rotate"), help=lt("rotate_help"))
    ui.slider(C, "dropout", lt("dropout"), help=lt("dropout_help"))
    ui.number(C, "weight_decay", lt("weight_decay"), step=0.01, format="%.4f")


def _train_controls() -> None:
    """The less-used settings, folded away so that the live panel fits on the first screen."""
    with st.expander(lt("train_title")):
        a, b = st.columns(2)
        with a:
            ui.radio(C, "optimizer", lt("optimizer"), format_func=lambda o: lt(f"optimizers.{o}"))
            ui.number(C, "lr", lt("lr"), step=0.0005, format="%.5f")
            ui.number(C, "seed", lt("seed"), help=lt("seed_help"))
        with b:
            ui.slider(C, "batch", lt("batch"))
            ui.slider(C, "patience", lt("patience"), help=lt("patience_help"))


def settings(mode: str) -> None:
    """Data and capacity beside the remedies, the training settings folded below them."""
    data_col, remedy_col = st.columns(2, border=True)
    with data_col:
        _data_controls()
    with remedy_col:
        _remedy_controls()
    if mode == "race":
        ui.radio(C, "race_remedy", lt("race_remedy"), format_func=lambda r: lt(f"remedy.{r}"))
    _train_controls()


def notes(cfg: OverfittingConfig) -> None:
    """Why validation is never the test set; Adam's weight_decay vs AdamW; dropout's scale."""
    with st.expander(lt("notes_title")):
        n_val = val_size(cfg.n_train)
        st.markdown(lt("why_val", n_val=n_val, n_train=cfg.n_train))
        shrink = decay_factor(cfg.lr, cfg.weight_decay)
        formula_box(
            r"\text{AdamW: } w \leftarrow (1-\alpha\lambda)\,w - \alpha\,\hat m/(\sqrt{\hat v}+"
            r"\epsilon)\qquad \text{Adam: } g \leftarrow \nabla L + \lambda w",
            rf"1-\alpha\lambda = 1 - {num(cfg.lr)}\times{num(cfg.weight_decay)} = {num(shrink, 8)}",
            lt("decay_title"),
        )
        st.markdown(lt("decay_note"))
        p = cfg.dropout
        formula_box(
            r"\tilde h = \frac{m \odot h}{1-p},\quad m_i \sim \mathrm{Bernoulli}(1-p)",
            rf"p = {num(p)},\quad \frac{{1}}{{1-p}} = {num(1 / (1 - p))}",
            lt("dropout_title"),
        )
        pitfall(lt("pitfall"))


def show() -> None:
    """The whole page: settings beside the live panel, on one screen at 1440×900."""
    configure_torch()
    page_header(NS)
    ui.url_notice(C)
    data = mnist_data()
    if data is None:
        st.error(lt("err.data_missing"))
        return
    mode_col, preset_col = st.columns([2, 3], vertical_alignment="bottom")
    with mode_col:
        mode = ui.radio(C, "mode", lt("mode"), format_func=lambda m: lt(f"modes.{m}"))
    # buttons as wide as their labels; left out in presenter mode
    with preset_col, present.secondary(f"presets_{NS}"), st.container(horizontal=True):
        for name, values in PRESETS.items():
            ui.preset_button(
                C,
                lt(f"preset.{name}"),
                values,
                key=f"{NS}.p.{name}",
                help=lt(f"preset_help.{name}"),
            )
    left, panel = st.columns([5, 6], gap="medium")
    with left:
        settings(mode)
    cfg = ui.read_config(C)
    if cfg.mode == "lab":
        view_lab.lab(cfg, data, panel)
    elif cfg.mode == "race":
        view_race.race(cfg, data, panel)
    else:
        with panel:
            view_race.sweep(cfg, data)
    with st.expander(lt("about_title")):
        st.markdown(lt("intro"))
    notes(cfg)
    ui.share_box(cfg)
