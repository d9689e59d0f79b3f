"""Streamlit sections of the Tiny Transformer page: controls, the session trainer, live views."""

from __future__ import annotations

from typing import Any

import streamlit as st
from vizlib.core.seq_trainer import SeqTrainer, example_digits, greedy_answer, trainer_for
from vizlib.core.seq_trainer import TinyTransformerConfig as C

from vizlib.charts.transformer import (
    attention_grid_figure,
    output_vs_target_figure,
    training_curves_figure,
)
from vizlib.core import seq_tasks
from vizlib.ui import controls as ui
from vizlib.ui import live
from vizlib.ui.formula import formula_box, pitfall
from vizlib.ui.i18n import t

NS = "tiny_transformer"
MAX_STEPS = 3000
PRESETS: dict[str, dict[str, Any]] = {
    "reverse": {
        "task": "reverse",
        "n_digits": 8,
        "n_layer": 2,
        "n_head": 2,
        "d_model": 64,
        "lr": 3e-3,
        "dropout": 0.0,
        "typed": "",
    },
    "induction": {
        "task": "repeat",
        "n_digits": 8,
        "n_layer": 2,
        "n_head": 1,
        "d_model": 64,
        "lr": 3e-3,
        "dropout": 0.0,
        "typed": "",
    },
    "sort": {
        "task": "sort",
        "n_digits": 6,
        "n_layer": 2,
        "n_head": 2,
        "d_model": 64,
        "lr": 1e-3,
        "dropout": 0.0,
        "typed": "",
    },
}


def tr(key: str, **fmt: Any) -> str:
    """t() for this page's own keys."""
    return t(f"{NS}.{key}", **fmt)


def model_and_training_controls(cfg_cls: type, net_col: Any, train_col: Any) -> None:
    """The model-size and training widgets both Transformer pages share (labels per page)."""

    def lab(key: str) -> str:
        return t(f"{cfg_cls.NS}.{key}")

    with net_col:
        st.markdown(f"**{lab('model_title')}**")
        ui.slider(cfg_cls, "n_layer", lab("n_layer"))
        ui.slider(cfg_cls, "n_head", lab("n_head"))
        ui.select(cfg_cls, "d_model", lab("d_model"))
    with train_col:
        st.markdown(f"**{lab('train_title')}**")
        ui.number(cfg_cls, "lr", lab("lr"), format="%.5f", step=1e-4, help=lab("live_help"))
        ui.number(cfg_cls, "batch_size", lab("batch_size"), step=8)
        ui.slider(cfg_cls, "dropout", lab("dropout"))
        ui.number(cfg_cls, "weight_decay", lab("weight_decay"), format="%.3f", step=0.01)


def presets() -> None:
    """One-click teaching presets."""
    st.markdown(f"**{t('common.worked_example')}**")
    ui.preset_row(C, PRESETS, with_help=True)


def controls() -> C:
    """Every widget (drawn before read_config, so URL values survive); the validated config."""
    ui.url_notice(C)
    presets()
    task_col, net_col, train_col = st.columns(3, border=True)
    with task_col:
        st.markdown(f"**{tr('task_title')}**")
        ui.select(C, "task", tr("task"), format_func=lambda v: tr(f"tasks.{v}"))
        ui.slider(C, "n_digits", tr("n_digits"))
        ui.number(C, "seed", tr("seed"), help=tr("seed_help"))
    model_and_training_controls(C, net_col, train_col)
    _example_controls()
    return ui.read_config(C)


def explain(cfg: C) -> None:
    """The task format, the attention formula with this model's numbers, and a pitfall."""
    tokens = seq_tasks.example_tokens(cfg.task, example_digits(cfg))
    st.markdown(tr(f"task_explain.{cfg.task}", example=" ".join(tokens)))
    if cfg.width() != cfg.d_model:
        st.info(tr("width_rounded", d=cfg.d_model, w=cfg.width(), h=cfg.n_head))
    hs = cfg.width() // cfg.n_head
    formula_box(
        r"\mathrm{Attention}(Q,K,V)=\mathrm{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}+M\right)V",
        rf"d_k=\frac{{d_\text{{model}}}}{{h}}=\frac{{{cfg.width()}}}{{{cfg.n_head}}}={hs},"
        rf"\quad \sqrt{{d_k}}={hs**0.5:.4g},\quad T={seq_tasks.block_size(cfg.task, cfg.n_digits)}",
        title=tr("formula_title"),
    )
    pitfall(tr("pitfall"))


def _typed_digits(cfg: C) -> list[int] | None:
    """The user's typed input if valid; an error message for bad input; None if nothing typed."""
    if cfg.typed == "":
        return None
    try:
        return seq_tasks.parse_digits(cfg.typed, cfg.n_digits)
    except seq_tasks.InputError as err:
        st.error(tr(f"input.{err.code}", **err.info))
        return None


def _example_controls() -> None:
    a, b = st.columns([1, 2])
    with a:
        ui.number(C, "example", tr("example"), help=tr("example_help"))
    with b:
        n = int(st.session_state[C.key("n_digits")])
        ui.text(C, "typed", tr("typed", n=n), max_chars=60, placeholder=tr("typed_placeholder"))


def chosen_digits(cfg: C) -> list[int]:
    """The typed input when valid (an error message when not), else the seeded example."""
    typed = _typed_digits(cfg)
    return typed if typed is not None else example_digits(cfg)


def _curves(trainer: SeqTrainer) -> None:
    h = trainer.history
    if not h.loss:
        st.info(tr("press_start"))
        return
    if h.eval_steps:
        m = {k: v[-1] for k, v in h.metrics.items()}
        c = st.columns(3)
        c[0].metric(tr("m_loss"), f"{m['eval_loss']:.4f}")
        c[1].metric(tr("m_token"), f"{100 * m['token_acc']:.1f}%")
        c[2].metric(tr("m_seq"), f"{100 * m['seq_acc']:.1f}%")
    names = {k: tr(f"curve.{k}") for k in ("loss", "eval_loss", "token_acc", "seq_acc")}
    fig = training_curves_figure(
        h.loss,
        h.eval_steps,
        h.metrics,
        names,
        (tr("curve.loss_title"), tr("curve.acc_title")),
        tr("curve.step"),
    )
    st.plotly_chart(fig, key=f"{NS}.curves")


def render(trainer: SeqTrainer, cfg: C, digits: list[int]) -> None:
    """The live views: curves, output vs target and attention maps for the chosen example."""
    _curves(trainer)
    pred = greedy_answer(trainer.model, cfg.task, digits)
    right = sum(int(o == g) for o, g in zip(pred.output, pred.target, strict=True))
    st.markdown(tr("example_result", right=right, n=len(digits)))
    rows = (tr("row_target"), tr("row_output"))
    st.plotly_chart(output_vs_target_figure(pred.target, pred.output, rows), key=f"{NS}.ovt")
    st.markdown(f"**{tr('attn_title')}**")
    st.caption(tr("attn_help"))
    fig = attention_grid_figure(
        pred.attention, pred.tokens, tr("attn_cell"), tr("attn_key"), tr("attn_query")
    )
    st.plotly_chart(fig, key=f"{NS}.attn")


def train_and_show(cfg: C, digits: list[int]) -> None:
    """The session's trainer (reset when the task or architecture change) and the live panel."""
    trainer = live.session_trainer(NS, cfg.signature(), lambda: trainer_for(cfg))
    trainer.set_hparams(cfg.hparams())
    trainer.batch_size = cfg.batch_size
    live.live_panel(
        NS,
        lambda tr_: render(tr_, cfg, digits),
        max_steps=MAX_STEPS,
        budget_s=0.2,
        interval_s=0.3,
        hint=tr("diverged_hint"),
    )
    ui.share_box(cfg)
