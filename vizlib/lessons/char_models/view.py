"""The character-models page: controls, data, the session's trainer and the live views."""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st
import torch

from vizlib.charts.transformer import next_char_figure
from vizlib.core.char_lm import uniform_loss
from vizlib.core.errors import InputError
from vizlib.core.torch_setup import configure_torch
from vizlib.core.transformer import num_params
from vizlib.lessons.char_models import view_inside, view_more
from vizlib.lessons.char_models.charts import loss_figure
from vizlib.lessons.char_models.config import CharModelsConfig as C
from vizlib.lessons.char_models.data import (
    CorpusData,
    encode_corpus,
    validate_prefix,
    validate_text,
)
from vizlib.lessons.char_models.probe import next_probs, sample
from vizlib.lessons.char_models.trainer import Trainer, bigram_val_loss, make_trainer
from vizlib.ui import controls as ui
from vizlib.ui import live
from vizlib.ui.assets import corpus_text
from vizlib.ui.formula import formula_box, num
from vizlib.ui.i18n import scoped_t
from vizlib.ui.page import page_header
from vizlib.ui.plot import show_figure

NS = C.NS
lt = scoped_t(NS)
MAX_STEPS = 20_000
RUNNING_CHARS = 100  # characters sampled per tick while training (keeps ticks short)
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


@st.cache_resource(show_spinner=False)
def bundled_data(name: str) -> CorpusData:
    """A bundled corpus, encoded and split once per process (read-only, shared by sessions)."""
    return encode_corpus(corpus_text(name), lines=name == "names")


@st.cache_resource(show_spinner=False)
def bundled_bigram(name: str) -> float:
    """The add-one bigram's validation loss on a bundled corpus (a reference line)."""
    return bigram_val_loss(bundled_data(name), 1.0)


def _data_controls() -> None:
    ui.select(C, "corpus", lt("corpus"), format_func=lambda v: lt(f"corpora.{v}"))
    if st.session_state[C.key("corpus")] == "pasted":
        st.text_area(lt("paste"), key=PASTE_KEY, height=120, help=lt("paste_help"))
    ui.number(C, "seed", lt("seed"))


def _model_controls(kind: str) -> None:
    if kind != "bigram":
        ui.slider(C, "seq_len", lt("seq_len"), help=lt("seq_len_help"))
    if kind == "mlp":
        ui.slider(C, "context", lt("context"), help=lt("context_help"))
    if kind not in ("bigram", "transformer"):
        ui.slider(C, "emb", lt("emb"))
    if kind != "bigram":
        ui.slider(C, "hidden", lt("hidden"), help=lt(f"hidden_help.{kind}"))
    if kind in ("rnn", "gru", "lstm", "transformer"):
        ui.slider(C, "layers", lt("layers"))


def controls() -> C:
    """Every widget (drawn before read_config, so URL values survive); the validated config."""
    ui.url_notice(C)
    st.markdown(f"**{lt('presets')}**")
    ui.preset_row(C, PRESETS, with_help=True)
    data_col, model_col, train_col = st.columns(3, border=True)
    with model_col:
        st.markdown(f"**{lt('model_title')}**")
        ui.select(C, "model", lt("model"), format_func=lambda v: lt(f"kinds.{v}"))
        kind = st.session_state[C.key("model")]
        _model_controls(kind)
    with data_col:
        st.markdown(f"**{lt('data_title')}**")
        _data_controls()
    with train_col:
        st.markdown(f"**{lt('train_title')}**")
        if kind == "bigram":
            ui.slider(C, "smoothing", lt("smoothing"), help=lt("smoothing_help"))
        else:
            ui.number(C, "lr", lt("lr"), format="%.5f", step=1e-3)
            ui.slider(C, "batch", lt("batch"))
            ui.slider(C, "dropout", lt("dropout"), help=lt("dropout_help"))
    _sampling_controls()
    return ui.read_config(C)


def _new_sample() -> None:
    key = C.key("sample_seed")
    st.session_state[key] = (int(st.session_state.get(key, 0)) + 1) % 100_000


def _sampling_controls() -> None:
    a, b, c, d = st.columns([2, 2, 2, 1], vertical_alignment="bottom")
    with a:
        ui.text(C, "prefix", lt("prefix"), max_chars=200, help=lt("prefix_help"))
    with b:
        ui.slider(C, "temperature", lt("temperature"), help=lt("temperature_help"))
    with c:
        ui.slider(C, "n_chars", lt("n_chars"))
    with d:
        st.button(lt("new_sample"), key=f"{NS}.resample", on_click=_new_sample, width="stretch")


def corpus_data(cfg: C) -> tuple[CorpusData, str, float] | None:
    """(data, text key, bigram baseline) for the chosen text; None after showing why not."""
    if cfg.corpus != "pasted":
        st.session_state.pop(f"{NS}.pasted_data", None)  # free this session's own copy
        return bundled_data(cfg.corpus), cfg.corpus, bundled_bigram(cfg.corpus)
    raw = st.session_state.get(PASTE_KEY, "")
    try:
        text = validate_text(raw)
    except InputError as err:
        st.error(lt(f"err.{err.key}", **err.detail), icon="✋")
        return None
    key = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    cached = st.session_state.get(f"{NS}.pasted_data")
    if cached is None or cached[0] != key:  # this session's own text: encoded once per change
        data = encode_corpus(text, lines=False)
        cached = (key, data, bigram_val_loss(data, 1.0))
        st.session_state[f"{NS}.pasted_data"] = cached
    return cached[1], key, cached[2]


def session_trainer(cfg: C, data: CorpusData, text_key: str) -> Trainer:
    """This session's trainer; rebuilt when the text, the architecture or the seed change."""
    spec = cfg.model_spec(data.vocab.size)

    def factory() -> Trainer:
        return make_trainer(
            spec,
            data,
            cfg.seed,
            lr=cfg.lr,
            batch=cfg.batch,
            smoothing=cfg.smoothing,
            dropout=cfg.dropout,
        )

    trainer = live.session_trainer(NS, cfg.signature(text_key), factory)
    trainer.set_live(cfg.lr, cfg.batch, cfg.smoothing, cfg.dropout)
    return trainer


def explain(cfg: C, data: CorpusData, trainer: Trainer) -> None:
    """What the data and the model are."""
    n = len(data.train) + len(data.val)
    params = 0 if cfg.model == "bigram" else num_params(trainer.model)
    st.markdown(
        lt(
            "explain",
            chars=f"{n:,}",
            train=f"{len(data.train):,}",
            val=f"{len(data.val):,}",
            v=data.vocab.size,
            params=f"{params:,}",
        )
    )
    st.caption(lt(f"kind_explain.{cfg.model}") + " " + lt(f"source.{cfg.corpus}"))


def start_ids(data: CorpusData) -> list[int]:
    """What a sample starts from: a line break (a fresh name / line) when the text has one."""
    return data.vocab.encode("\n") if "\n" in data.vocab.chars else [int(data.val[0])]


def _loss_chart(trainer: Trainer, v: int, bigram: float) -> None:
    h = trainer.history
    labels = {k: lt(f"curve.{k}") for k in ("train", "val", "x", "y")}
    base = {lt("curve.uniform"): uniform_loss(v), lt("curve.bigram"): bigram}
    steps = range(1, len(h.loss) + 1)
    fig = loss_figure(steps, h.loss, h.val_steps, h.val, base, labels)
    show_figure(fig, key=f"{NS}.loss")
    if h.val:
        st.caption(lt("val_now", val=f"{h.val[-1]:.3f}", step=h.val_steps[-1]))


def _samples(cfg: C, trainer: Trainer, data: CorpusData) -> None:
    n = min(cfg.n_chars, RUNNING_CHARS) if live.is_running(NS) else cfg.n_chars
    gen = torch.Generator().manual_seed(cfg.sample_seed)
    ids = sample(trainer.model, start_ids(data), n, cfg.seq_len, cfg.temperature, gen)
    text = data.vocab.decode(ids)
    if cfg.corpus == "names":
        text = ", ".join(s for s in text.split("\n") if s)
    st.markdown(f"**{lt('samples_title', t=num(cfg.temperature, 2))}**")
    st.code(text, language=None, wrap_lines=True)


def _next_char(cfg: C, trainer: Trainer, data: CorpusData) -> None:
    try:
        ids = validate_prefix(cfg.prefix, data.vocab, 200)
    except InputError as err:
        st.error(lt(f"err.{err.key}", **err.detail), icon="✋")
        return
    probs = next_probs(trainer.model, start_ids(data) + ids, cfg.seq_len, cfg.temperature)
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{lt('next_title', prefix=cfg.prefix)}**")
        fig = next_char_figure(probs, data.vocab.chars, lt("next_x"), lt("next_y"))
        show_figure(fig, key=f"{NS}.next")
    with right:
        top = int(probs.argmax())
        ch = view_inside.tex_char(data.vocab.chars[top])
        formula_box(
            r"p_i=\frac{e^{z_i/T}}{\sum_j e^{z_j/T}}",
            rf"T={num(cfg.temperature)},\quad p(\text{{{ch}}})={num(float(probs[top]))}",
            title=lt("formula_title"),
        )


def render(trainer: Trainer, cfg: C, data: CorpusData, bigram: float) -> None:
    """The live views: loss with baselines, samples, the next-character distribution."""
    left, right = st.columns([3, 2])
    with left:
        _loss_chart(trainer, data.vocab.size, bigram)
    with right:
        _samples(cfg, trainer, data)
    _next_char(cfg, trainer, data)


def show() -> None:
    """The whole page."""
    configure_torch()
    page_header(NS)
    cfg = controls()
    got = corpus_data(cfg)
    if got is None:
        ui.share_box(cfg)
        return
    data, text_key, bigram = got
    trainer = session_trainer(cfg, data, text_key)
    explain(cfg, data, trainer)
    live.live_panel(
        NS,
        lambda tr: render(tr, cfg, data, bigram),
        max_steps=trainer.max_steps or MAX_STEPS,
        budget_s=0.3,
        interval_s=0.5,
        hint=lt("diverged_hint"),
    )
    view_inside.show_inside(cfg, trainer, data)
    view_more.show_compare(cfg, bundled_data("names"))
    ui.share_box(cfg)
