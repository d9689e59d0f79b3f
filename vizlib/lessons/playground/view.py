"""The playground page: presets, controls, data loading, live training.

The views drawn on every training tick live in `view_live`.
"""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from vizlib.core.errors import InputError
from vizlib.lessons.playground.config import MAX_LAYERS, MAX_UNITS, parse_hidden
from vizlib.lessons.playground.config import PlaygroundConfig as C
from vizlib.lessons.playground.datasets import FEATURES, Dataset2D, parse_csv
from vizlib.lessons.playground.trainer import PlaygroundTrainer, make_data
from vizlib.lessons.playground.view_live import render_live, slow_views
from vizlib.ui import controls as ui
from vizlib.ui import live, present
from vizlib.ui.i18n import scoped_t, t
from vizlib.ui.page import page_header

NS = C.NS
lt = scoped_t(NS)
MAX_EPOCHS = 5000  # bounds one run; the default network gets there in under half a minute
# While training, each fragment tick streams FRAMES frames to the browser, training BUDGET_S
# before each and pausing FRAME_GAP_S between them; the browser asks for a tick every INTERVAL_S.
INTERVAL_S, BUDGET_S, FRAMES, FRAME_GAP_S = 0.4, 0.02, 8, 0.02
LAYERS_KEY, UNITS_KEY = f"{NS}.ui.layers", f"{NS}.ui.units{{i}}"
WRITTEN_KEY = f"{NS}.ui.hidden_written"  # the `hidden` string the layer widgets last wrote
ALL_FEATURES = {f: True for f in FEATURES}
NO_FEATURES = {f: False for f in FEATURES}
PRESETS = {
    "depth": {
        "dataset": "spiral",
        "noise": 0,
        "hidden": "8,8,8",
        "activation": "tanh",
        "optimizer": "adam",
        "lr": 0.01,
        "dropout": 0.0,
        "reg": "none",
        **ALL_FEATURES,
    },
    "overfit": {
        "dataset": "circle",
        "noise": 40,
        "train_pct": 10,
        "n_points": 300,
        "hidden": "8,8,8",
        "activation": "relu",
        "optimizer": "adam",
        "lr": 0.01,
        "dropout": 0.0,
        "reg": "none",
        "show_test": True,
        **ALL_FEATURES,
    },
    "lr_high": {
        "dataset": "reg_plane",
        "noise": 0,
        "hidden": "4,2",
        "activation": "tanh",
        "optimizer": "sgd",
        "lr": 3.0,
        "dropout": 0.0,
        "reg": "none",
        **NO_FEATURES,
        "x1": True,
        "x2": True,
    },
    "vanishing": {
        "dataset": "circle",
        "noise": 0,
        "hidden": "8,8,8,8,8,8",
        "activation": "sigmoid",
        "optimizer": "sgd",
        "lr": 0.1,
        "dropout": 0.0,
        "reg": "none",
        **NO_FEATURES,
        "x1": True,
        "x2": True,
    },
}


def _choice(group: str):
    return lambda v: lt(f"{group}.{v}")


def _set_layer_widgets(sizes: tuple[int, ...]) -> None:
    st.session_state[LAYERS_KEY] = len(sizes)
    for i in range(MAX_LAYERS):
        st.session_state[UNITS_KEY.format(i=i)] = sizes[i] if i < len(sizes) else 4


def _apply_preset(values: dict[str, Any]) -> None:
    for name, value in values.items():
        st.session_state[C.key(name)] = value
    _set_layer_widgets(parse_hidden(values["hidden"]))


def _regenerate() -> None:
    key = C.key("seed")
    st.session_state[key] = (int(st.session_state.get(key, 0)) + 1) % 100_000


def presets() -> None:
    """One button per teaching preset (left out in presenter mode, so the map fits the screen)."""
    with present.secondary(f"presets_{NS}"):
        _preset_buttons()


def _preset_buttons() -> None:
    st.markdown(f"**{lt('presets_title')}**")
    for col, name in zip(st.columns(len(PRESETS)), PRESETS, strict=True):
        col.button(
            lt(f"preset.{name}"),
            key=f"{NS}.p.{name}",
            help=lt(f"preset_help.{name}"),
            on_click=_apply_preset,
            args=(PRESETS[name],),
            width="stretch",
        )


def _hidden_controls() -> None:
    """Layer count and neurons per layer; they write the config's `hidden` string."""
    key = C.key("hidden")
    if key not in st.session_state:  # first run: from the URL when valid
        cfg, _ = C.from_query({key: st.query_params.get_all(key)} if key in st.query_params else {})
        st.session_state[key] = cfg.hidden
        _set_layer_widgets(cfg.hidden_sizes())
    elif st.session_state[key] != st.session_state.get(WRITTEN_KEY, st.session_state[key]):
        _set_layer_widgets(parse_hidden(st.session_state[key]))  # set from outside: a walkthrough
    sizes = parse_hidden(st.session_state[key])
    for i in range(MAX_LAYERS):
        st.session_state.setdefault(UNITS_KEY.format(i=i), sizes[i] if i < len(sizes) else 4)
    st.session_state.setdefault(LAYERS_KEY, len(sizes))
    n = st.slider(lt("layers"), 0, MAX_LAYERS, key=LAYERS_KEY)
    ui.label_field(C, "hidden", lt("layers"))
    cols = st.columns(2)
    units = [
        cols[i % 2].number_input(lt("units", i=i + 1), 1, MAX_UNITS, key=UNITS_KEY.format(i=i))
        for i in range(n)
    ]
    st.session_state[key] = st.session_state[WRITTEN_KEY] = ",".join(str(int(u)) for u in units)


def _data_controls() -> None:
    ui.select(C, "dataset", lt("dataset"), format_func=_choice("ds"))
    ui.slider(C, "noise", lt("noise"), format="%d%%")
    ui.slider(C, "train_pct", lt("train_pct"), format="%d%%")
    ui.slider(C, "n_points", lt("n_points"))
    ui.number(C, "seed", lt("seed"))
    st.button(
        lt("regenerate"),
        key=f"{NS}.regen",
        on_click=_regenerate,
        icon=":material/refresh:",
        width="stretch",
    )


def _feature_controls() -> None:
    st.markdown(f"**{lt('features')}**")
    cols = st.columns(4)
    for i, name in enumerate(FEATURES):
        with cols[i % 4]:
            ui.toggle(C, name, lt(f"feat.{name}"))


def _training_controls() -> None:
    ui.select(C, "optimizer", lt("optimizer"), format_func=_choice("opt"))
    ui.number(C, "lr", lt("lr"), format="%.5f", step=0.01)
    if st.session_state.get(C.key("optimizer")) == "momentum":
        ui.slider(C, "momentum", lt("momentum"))
    ui.number(C, "batch", lt("batch"), help=lt("batch_help"))


def _more_settings() -> None:
    """The less-used settings, folded away so that the live panel fits on the first screen."""
    with st.expander(lt("more_settings")):
        a, b = st.columns(2)
        with a:
            ui.select(C, "init", lt("init"), format_func=_choice("init_name"))
            ui.radio(C, "reg", lt("reg"), format_func=_choice("reg_name"))
            ui.number(C, "reg_rate", lt("reg_rate"), format="%.4f", step=0.001)
            ui.slider(C, "dropout", lt("dropout"), help=lt("dropout_help"))
        with b:
            ui.toggle(C, "show_test", lt("show_test"))
            ui.toggle(C, "discretize", lt("discretize"))
        _feature_controls()


def controls() -> C:
    """The most-used settings in two bordered columns, the rest folded away; the config."""
    ui.url_notice(C)
    data_col, net_col = st.columns(2, border=True)
    with data_col:
        st.markdown(f"**{lt('data')}**")
        _data_controls()
    with net_col:
        st.markdown(f"**{lt('network')}**")
        _hidden_controls()
        ui.select(C, "activation", lt("activation"), format_func=lambda a: t(f"act.{a}"))
        _training_controls()
    _more_settings()
    return ui.read_config(C)


def load_data(cfg: C) -> tuple[Dataset2D | None, str]:
    """The data set and a fingerprint of it; for a CSV, the validated upload (None until valid)."""
    if cfg.dataset != "csv":
        return make_data(cfg), ""
    st.caption(lt("csv.help"))
    up = st.file_uploader(
        lt("csv.upload"), type=["csv", "txt"], key=f"{NS}.csv_file", max_upload_size=2
    )
    if up is None:
        st.info(lt("csv.waiting"))
        return None, ""
    raw = up.getvalue()
    try:
        data = parse_csv(raw, cfg.train_pct / 100, cfg.seed)
    except InputError as err:
        st.error(lt(f"csv.{err.key}", max_rows=5000, **err.detail))
        return None, ""
    st.success(lt("csv.loaded", n=len(data.x), task=lt(f"task_name.{data.task}")))
    return data, hashlib.sha1(raw).hexdigest()


def train_and_show(cfg: C, data: Dataset2D, fingerprint: str, panel: Any) -> None:
    """The session's trainer (reset when data or architecture change) and the live views."""
    trainer = live.session_trainer(
        NS, (cfg.signature(), fingerprint), lambda: PlaygroundTrainer(cfg, data)
    )
    trainer.set_hparams(cfg)
    with panel:
        live.live_panel(
            NS,
            lambda trainer, frames: render_live(trainer, cfg, frames),
            max_steps=MAX_EPOCHS,
            budget_s=BUDGET_S,
            interval_s=INTERVAL_S,
            hint=lt("diverged_hint"),
            frames=FRAMES,
            frame_gap_s=FRAME_GAP_S,
        )
    st.info(lt(f"task.{data.task}") + " " + lt("step_is_epoch"), icon="ℹ️")
    live.side_views(NS, lambda: slow_views(trainer, cfg))
    if cfg.dataset == "csv":
        st.caption(lt("csv.url_note"))
    ui.share_box(cfg)


def show() -> None:
    """The whole playground page: settings beside the live panel (TF Playground's one screen)."""
    page_header("playground")
    presets()
    settings, panel = st.columns([5, 6], gap="medium")
    with settings:
        cfg = controls()
        data, fingerprint = load_data(cfg)
    if data is not None:
        train_and_show(cfg, data, fingerprint, panel)
