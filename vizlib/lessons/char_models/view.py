"""The character-models page: controls, data, the session's trainer and the live views."""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st
import torch

from vizlib.charts.live import bar_chart
from vizlib.core.char_lm import uniform_loss
from vizlib.core.errors import InputError
from vizlib.core.torch_setup import configure_torch
from vizlib.core.transformer import num_params
from vizlib.lessons.char_models import view_inside, view_more
from vizlib.lessons.char_models import view_settings as settings
from vizlib.lessons.char_models.charts import loss_chart, show_char
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
from vizlib.ui import live, present
from vizlib.ui.assets import corpus_text
from vizlib.ui.formula import formula_box, num
from vizlib.ui.i18n import scoped_t
from vizlib.ui.page import page_header
from vizlib.ui.plot import show_live_chart

NS = C.NS
lt = scoped_t(NS)
MAX_STEPS = 20_000
TOP_K = 15  # next-character bars shown
RUNNING_CHARS = 100  # characters sampled per tick while training (keeps ticks short)


@st.cache_resource(show_spinner=False)
def bundled_data(name: str) -> CorpusData:
    """A bundled corpus, encoded and split once per process (read-only, shared by sessions)."""
    return encode_corpus(corpus_text(name), lines=name == "names")


@st.cache_resource(show_spinner=False)
def bundled_bigram(name: str) -> float:
    """The add-one bigram's validation loss on a bundled corpus (a reference line)."""
    return bigram_val_loss(bundled_data(name), 1.0)


def corpus_data(cfg: C) -> tuple[CorpusData, str, float] | None:
    """(data, text key, bigram baseline) for the chosen text; None after showing why not."""
    if cfg.corpus != "pasted":
        st.session_state.pop(f"{NS}.pasted_data", None)  # free this session's own copy
        return bundled_data(cfg.corpus), cfg.corpus, bundled_bigram(cfg.corpus)
    raw = st.session_state.get(settings.PASTE_KEY, "")
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
    data_line = lt(
        "explain",
        chars=f"{n:,}",
        train=f"{len(data.train):,}",
        val=f"{len(data.val):,}",
        v=data.vocab.size,
        params=f"{params:,}",
    )
    model_line = lt(f"kind_explain.{cfg.model}") + " " + lt(f"source.{cfg.corpus}")
    # one block, so presenter mode folds both; the second line keeps a caption's small grey type
    present.explain(f"{data_line}\n\n:small[:gray[{model_line}]]")


def start_ids(data: CorpusData) -> list[int]:
    """What a sample starts from: a line break (a fresh name / line) when the text has one."""
    return data.vocab.encode("\n") if "\n" in data.vocab.chars else [int(data.val[0])]


def _loss_chart(trainer: Trainer, v: int, bigram: float) -> None:
    h = trainer.history
    labels = {k: lt(f"curve.{k}") for k in ("train", "val", "x", "y")}
    base = {lt("curve.uniform"): uniform_loss(v), lt("curve.bigram"): bigram}
    steps = range(1, len(h.loss) + 1)
    # on a projector: the legend beside the plot, so the chart fits the first screen
    projector = present.is_presenting()
    chart = loss_chart(steps, h.loss, h.val_steps, h.val, base, labels, projector=projector)
    show_live_chart(chart, key=f"{NS}.loss")
    # always one caption: an element appearing later would shift, and so re-create, every view
    # below it (a re-created chart is blank for a moment)
    if h.val:
        st.caption(lt("val_now", val=f"{h.val[-1]:.3f}", step=h.val_steps[-1]))
    else:
        st.caption(lt("val_none"))


def _sample_text(cfg: C, trainer: Trainer, data: CorpusData) -> str:
    n = min(cfg.n_chars, RUNNING_CHARS) if live.is_running(NS) else cfg.n_chars
    gen = torch.Generator().manual_seed(cfg.sample_seed)
    ids = sample(trainer.model, start_ids(data), n, cfg.seq_len, cfg.temperature, gen)
    text = data.vocab.decode(ids)
    return ", ".join(s for s in text.split("\n") if s) if cfg.corpus == "names" else text


def _prefix_probs(cfg: C, trainer: Trainer, data: CorpusData) -> np.ndarray | InputError:
    """P(next char | line break + prefix), or the error that the prefix cannot be read."""
    try:
        ids = validate_prefix(cfg.prefix, data.vocab, 200)
    except InputError as err:
        return err
    return next_probs(trainer.model, start_ids(data) + ids, cfg.seq_len, cfg.temperature)


def _next_char(cfg: C, data: CorpusData, probs: np.ndarray | InputError) -> None:
    if isinstance(probs, InputError):
        st.error(lt(f"err.{probs.key}", **probs.detail), icon="✋")
        return
    # no columns here: a chart inside a re-sent column block was seen faded between ticks
    st.markdown(f"**{lt('next_title', prefix=cfg.prefix)}**")
    order = np.argsort(-probs, kind="stable")[:TOP_K]
    chars = [show_char(data.vocab.chars[i]) for i in order]
    chart = bar_chart(chars, probs[order], x_title=lt("next_x"), y_title=lt("next_y"))
    show_live_chart(chart, key=f"{NS}.next")


def _next_formula(cfg: C, data: CorpusData, probs: np.ndarray | InputError) -> None:
    if isinstance(probs, InputError):
        return
    top = int(probs.argmax())
    ch = view_inside.tex_char(data.vocab.chars[top])
    formula_box(
        r"p_i=\frac{e^{z_i/T}}{\sum_j e^{z_j/T}}",
        rf"T={num(cfg.temperature)},\quad p(\text{{{ch}}})={num(float(probs[top]))}",
        title=lt("formula_title"),
    )


def render(trainer: Trainer, cfg: C, data: CorpusData, bigram: float) -> None:
    """The live views: loss with baselines, samples, the next-character distribution.

    The model is queried before the first element is sent, so that the views are re-sent in one
    quick burst and none sits faded while the model samples.
    """
    text = _sample_text(cfg, trainer, data)
    probs = _prefix_probs(cfg, trainer, data)
    _loss_chart(trainer, data.vocab.size, bigram)
    _next_char(cfg, data, probs)  # right after the loss: a chart sent late in a tick can fade
    st.markdown(f"**{lt('samples_title', t=num(cfg.temperature, 2))}**")
    st.code(text, language=None, wrap_lines=True)
    _next_formula(cfg, data, probs)


def show() -> None:
    """The whole page: presets, settings beside the live panel, the deeper views below."""
    configure_torch()
    page_header(NS)
    settings.presets()
    left, panel = st.columns([5, 6], gap="medium")
    with left:
        cfg = settings.controls()
        got = corpus_data(cfg)  # bad pasted text: the message is shown, nothing trains
    if got is None:
        ui.share_box(cfg)
        return
    data, text_key, bigram = got
    with left:  # a reset notice goes under the settings, not above the chart
        trainer = session_trainer(cfg, data, text_key)
    with panel:
        live.live_panel(
            NS,
            lambda tr: render(tr, cfg, data, bigram),
            max_steps=trainer.max_steps or MAX_STEPS,
            budget_s=0.3,
            interval_s=0.5,
            hint=lt("diverged_hint"),
        )
    explain(cfg, data, trainer)
    view_inside.show_inside(cfg, trainer, data)
    view_more.show_compare(cfg, bundled_data("names"))
    ui.share_box(cfg)
