"""The character-level GPT page: controls, prompt, the session's trainer, live views."""

from __future__ import annotations

from typing import Any

import streamlit as st
import torch

from vizlib.charts.transformer import (
    attention_grid_chart,
    next_char_chart,
    training_curves_charts,
)
from vizlib.core.char_lm import (
    CharTrainer,
    CharVocab,
    next_char_probs,
    prompt_attention,
    sample,
    uniform_loss,
    validate_prompt,
)
from vizlib.core.errors import InputError
from vizlib.core.torch_setup import configure_torch
from vizlib.core.transformer import num_params
from vizlib.lessons.char_gpt.config import CharGPTConfig as C
from vizlib.lessons.char_gpt.trainer import build_trainer
from vizlib.ui import controls as ui
from vizlib.ui import live, present
from vizlib.ui.assets import corpus_text
from vizlib.ui.formula import formula_box, num, pitfall
from vizlib.ui.i18n import scoped_t, t
from vizlib.ui.lm_controls import lr_control, model_and_training_controls
from vizlib.ui.page import page_header
from vizlib.ui.plot import show_live_chart

NS = C.NS
lt = scoped_t(NS)
MAX_STEPS = 5000
RUNNING_SAMPLE = 60  # characters sampled per tick while training (keeps ticks short)
MEMO = f"{NS}.views_memo"  # session key: the last model views and what they were computed for
PRESETS: dict[str, dict[str, Any]] = {
    "names": {"corpus": "names", "block_size": 16, "prompt": "ma", "temperature": 0.8},
    "shakespeare": {
        "corpus": "shakespeare",
        "block_size": 64,
        "prompt": r"MACBETH:\n",
        "temperature": 0.7,
    },
}


def _new_sample() -> None:
    key = C.key("sample_seed")
    st.session_state[key] = (int(st.session_state.get(key, 0)) + 1) % 100_000


def controls() -> C:
    """Every widget (drawn before read_config, so URL values survive); the validated config.

    The text, the learning rate and the prompt sit beside the live panel; the model's size and
    the other training settings are folded into an expander.
    """
    with st.container(border=True):
        st.markdown(f"**{lt('data_title')}**")
        a, b = st.columns(2)
        with a:
            ui.select(C, "corpus", lt("corpus"), format_func=lambda v: lt(f"corpora.{v}"))
            lr_control(C)
        with b:
            ui.slider(C, "block_size", lt("block_size"), help=lt("block_help"))
        st.markdown(f"**{lt('sample_controls')}**")
        _sampling_controls(int(st.session_state[C.key("block_size")]))
    with st.expander(lt("more_settings")):
        net_col, train_col = st.columns(2)
        model_and_training_controls(C, net_col, train_col, with_lr=False)
        ui.number(C, "seed", lt("seed"))
    return ui.read_config(C)


def _sampling_controls(block_size: int) -> None:
    ui.text(C, "prompt", lt("prompt", n=block_size), max_chars=200, help=lt("prompt_help"))
    a, b = st.columns([3, 2], vertical_alignment="bottom")
    with a:
        ui.slider(C, "temperature", lt("temperature"), help=lt("temperature_help"))
    with b:
        st.button(lt("new_sample"), key=f"{NS}.resample", on_click=_new_sample, width="stretch")
    ui.slider(C, "n_chars", lt("n_chars"))


def prompt_ids(cfg: C, vocab: CharVocab) -> list[int] | None:
    """The validated prompt as ids; None (and an error message) when it cannot be used."""
    prompt = cfg.prompt.replace("\\n", "\n")  # a typed "\n" means a new line
    try:
        return validate_prompt(prompt, vocab, cfg.block_size)
    except InputError as err:
        st.error(lt(f"input.{err.key}", **err.detail))
        return None


def explain(cfg: C, trainer: CharTrainer) -> None:
    """What the data and the model are, and the untrained baseline loss."""
    v = trainer.vocab.size
    body = lt(
        "explain",
        chars=len(corpus_text(cfg.corpus)),
        v=v,
        params=num_params(trainer.model),
        base=f"{uniform_loss(v):.3f}",
    )
    present.explain(body, title=lt("fold.explain"))
    st.caption(lt(f"source.{cfg.corpus}"))


def _temperature_box(cfg: C, probs, vocab: CharVocab) -> None:
    top = int(probs.argmax())
    formula_box(
        r"p_i=\frac{e^{z_i/T}}{\sum_j e^{z_j/T}}",
        rf"T={num(cfg.temperature)},\quad p(\text{{{_tex(vocab.chars[top])}}})={num(probs[top])}",
        title=lt("formula_title"),
    )


def _tex(ch: str) -> str:
    return {"\n": "↵", " ": "␣"}.get(ch, ch).replace("\\", "").replace("$", "") or "?"


def _curve_chart(trainer: CharTrainer):
    """The loss curves as a live chart: empty axes before training."""
    h = trainer.history
    names = {"loss": lt("curve.loss"), "eval_loss": lt("curve.eval_loss")}
    (chart,) = training_curves_charts(
        h.loss, h.eval_steps, h.metrics, names, (lt("curve.title"), ""), lt("curve.step")
    )
    return chart


def sample_length(trainer: CharTrainer, cfg: C) -> int:
    """Characters to sample: the setting when paused after training; while training, or for an
    untrained model (noise: 200 characters of it were ~145 ms of every architecture change), at
    most RUNNING_SAMPLE."""
    full = not live.is_running(NS) and trainer.step > 0
    return cfg.n_chars if full else min(cfg.n_chars, RUNNING_SAMPLE)


def _model_views(trainer: CharTrainer, cfg: C, ids: list[int]) -> tuple:
    """(next-char probabilities, sampled ids, prompt attention) for this model state.

    Remembered in the session for the trainer, its step and the settings they depend on: a rerun
    that changes none of them (a click elsewhere, a paused panel) does no torch work. An untrained
    model's views depend only on the settings, so they are shared by every session (computed once
    per process: sampling 200 characters was ~145 ms of each architecture change).
    """
    n = sample_length(trainer, cfg)
    key = (trainer.step, tuple(ids), cfg.temperature, n, cfg.sample_seed)
    memo = st.session_state.get(MEMO)
    if memo is not None and memo[0] is trainer and memo[1] == key:
        return memo[2]
    if trainer.step == 0:
        views = _untrained_views(cfg.signature(), *key[1:], _model=trainer.model)
    else:
        views = _views(trainer.model, *key[1:])
    st.session_state[MEMO] = (trainer, key, views)  # the trainer is compared by identity
    return views


def _views(model, ids: tuple, temperature: float, n: int, sample_seed: int) -> tuple:
    probs = next_char_probs(model, list(ids), temperature)
    out = sample(model, list(ids), n, temperature, torch.Generator().manual_seed(sample_seed))
    return probs, out, prompt_attention(model, list(ids))


@st.cache_resource(show_spinner=False, max_entries=64)
def _untrained_views(
    signature: tuple, ids: tuple, temperature: float, n: int, sample_seed: int, _model
) -> tuple:
    """The views of a fresh model, read-only: its weights are fixed by `signature` (the seed is in
    it), so any session's untrained model with these settings gives the same views."""
    return _views(_model, ids, temperature, n, sample_seed)


def render(trainer: CharTrainer, cfg: C, ids: list[int] | None) -> None:
    """Loss curves; then, for a valid prompt: next-character bars, a sample, attention.

    Everything is computed and built before the first element is sent, so the views are re-sent
    in one quick burst and none sits faded while the model is queried.
    """
    curves = _curve_chart(trainer)
    if ids is not None:
        vocab = trainer.vocab
        probs, out, att = _model_views(trainer, cfg, ids)
        bars = next_char_chart(probs, vocab.chars, lt("next_x"), lt("next_y"))
        labels = [lt(k) for k in ("attn_cell", "attn_key", "attn_query", "attn_weight")]
        attn = attention_grid_chart(att, list(vocab.decode(ids)), *labels)
    show_live_chart(curves, key=f"{NS}.curves")
    hint = st.empty()  # always one element here: a hint that came and went with the first step
    if not trainer.history.loss:  # moved every later view, so each chart was re-created
        hint.caption(lt("press_start"))
    if ids is None:
        return
    st.markdown(f"**{lt('next_title')}**")
    show_live_chart(bars, key=f"{NS}.next")
    _temperature_box(cfg, probs, vocab)
    st.markdown(f"**{lt('sample_title')}**")
    st.code(vocab.decode(ids) + vocab.decode(out), language=None)
    note = st.empty()  # one slot, shown or not: the charts below keep their place
    if trainer.step == 0 and len(out) < cfg.n_chars:
        note.caption(lt("sample_untrained", n=len(out), total=cfg.n_chars))
    st.markdown(f"**{lt('attn_title')}**")
    st.caption(lt("attn_help"))
    show_live_chart(attn, key=f"{NS}.attn")


def session_trainer(cfg: C) -> CharTrainer:
    """This session's trainer; rebuilt when the text, context or architecture change."""
    text = corpus_text(cfg.corpus)
    trainer = live.session_trainer(NS, cfg.signature(), lambda: build_trainer(cfg, text))
    trainer.set_hparams(cfg.hparams())
    trainer.batch_size = cfg.batch_size
    return trainer


def train_and_show(cfg: C, trainer: CharTrainer, ids: list[int] | None) -> None:
    """The live panel (Start/Pause/Step/Reset, speed, progress and the live views)."""
    live.live_panel(
        NS,
        lambda trainer: render(trainer, cfg, ids),
        max_steps=MAX_STEPS,
        budget_s=0.3,
        interval_s=0.4,
        hint=lt("diverged_hint"),
    )


def show() -> None:
    """The whole character-level GPT page: settings beside the live panel, notes below."""
    configure_torch()
    page_header("char_gpt")
    ui.url_notice(C)
    st.markdown(f"**{t('common.worked_example')}**")
    ui.preset_row(C, PRESETS, with_help=True)
    settings, panel = st.columns([5, 6], gap="medium")
    with settings:
        cfg = controls()
        trainer = session_trainer(cfg)
        ids = prompt_ids(cfg, trainer.vocab)
    with panel:
        train_and_show(cfg, trainer, ids)
    explain(cfg, trainer)
    pitfall(lt("pitfall"))
    ui.share_box(cfg)
