"""The character-models page's settings: presets, the most-used controls, the rest folded away."""

from __future__ import annotations

from typing import Any

import streamlit as st

from vizlib.lessons.char_models.config import CharModelsConfig as C
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.i18n import scoped_t

NS = C.NS
lt = scoped_t(NS)
PASTE_KEY = f"{NS}.pasted"
PRESETS: dict[str, dict[str, Any]] = {
    "lstm": {
        "corpus": "names",
        "model": "lstm",
        "seq_len": 32,
        "emb": 32,
        "hidden": 128,
        "layers": 1,
        "lr": 3e-3,
        "batch": 64,
        "dropout": 0.3,
        "temperature": 0.8,
        "prefix": "ma",
    },
    "bigram": {"corpus": "names", "model": "bigram", "smoothing": 1.0, "prefix": "ma"},
    "mlp": {
        "corpus": "names",
        "model": "mlp",
        "context": 5,
        "emb": 32,
        "hidden": 128,
        "lr": 3e-3,
        "batch": 64,
        "dropout": 0.3,
        "prefix": "ma",
    },
    "macbeth": {
        "corpus": "shakespeare",
        "model": "lstm",
        "seq_len": 64,
        "emb": 32,
        "hidden": 256,
        "layers": 1,
        "lr": 3e-3,
        "batch": 32,
        "dropout": 0.3,
        "prefix": "MACBETH:\\n",
    },
}


def presets() -> None:
    """The URL notice and one button per worked example."""
    ui.url_notice(C)
    with present.secondary("char_models_presets"):  # the title too, in presenter mode
        st.markdown(f"**{lt('presets')}**")
        ui.preset_row(C, PRESETS, with_help=True)


def _new_sample() -> None:
    key = C.key("sample_seed")
    st.session_state[key] = (int(st.session_state.get(key, 0)) + 1) % 100_000


def _main_controls(kind: str) -> None:
    """Size and rate of the chosen model: what a teacher changes most."""
    a, b = st.columns(2)
    with a:
        if kind == "bigram":
            ui.slider(C, "smoothing", lt("smoothing"), help=lt("smoothing_help"))
        else:
            ui.slider(C, "hidden", lt("hidden"), help=lt(f"hidden_help.{kind}"))
    with b:
        if kind in ("rnn", "gru", "lstm", "transformer"):
            ui.slider(C, "layers", lt("layers"))
        elif kind == "mlp":
            ui.slider(C, "context", lt("context"), help=lt("context_help"))
    if kind != "bigram":
        ui.number(C, "lr", lt("lr"), format="%.5f", step=1e-3)


def _sampling_controls() -> None:
    a, b = st.columns(2)
    with a:
        ui.text(C, "prefix", lt("prefix"), max_chars=200, help=lt("prefix_help"))
    with b:
        ui.slider(C, "temperature", lt("temperature"), help=lt("temperature_help"))


def _more_settings(kind: str) -> None:
    """The less-used settings, folded away so that the live panel fits on the first screen."""
    with st.expander(lt("more_settings")):
        a, b = st.columns(2)
        with a:
            ui.number(C, "seed", lt("seed"))
            if kind != "bigram":
                ui.slider(C, "seq_len", lt("seq_len"), help=lt("seq_len_help"))
            if kind not in ("bigram", "transformer"):
                ui.slider(C, "emb", lt("emb"))
        with b:
            if kind != "bigram":
                ui.slider(C, "batch", lt("batch"))
                ui.slider(C, "dropout", lt("dropout"), help=lt("dropout_help"))
            ui.slider(C, "n_chars", lt("n_chars"))
            st.button(lt("new_sample"), key=f"{NS}.resample", on_click=_new_sample)


def controls() -> C:
    """Every widget (drawn before read_config, so URL values survive); the validated config."""
    a, b = st.columns(2)
    with a:
        ui.select(C, "corpus", lt("corpus"), format_func=lambda v: lt(f"corpora.{v}"))
    with b:
        ui.select(C, "model", lt("model"), format_func=lambda v: lt(f"kinds.{v}"))
    if st.session_state[C.key("corpus")] == "pasted":
        st.text_area(lt("paste"), key=PASTE_KEY, height=120, help=lt("paste_help"))
    kind = st.session_state[C.key("model")]
    _main_controls(kind)
    _sampling_controls()
    _more_settings(kind)
    return ui.read_config(C)
