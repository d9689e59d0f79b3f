"""The Tiny Transformer page: controls, the session's trainer, live curves and attention maps."""

from __future__ import annotations

from typing import Any

import streamlit as st

from vizlib.core.errors import InputError
from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.tiny_transformer import tasks
from vizlib.lessons.tiny_transformer.config import TinyTransformerConfig as C
from vizlib.lessons.tiny_transformer.trainer import build_trainer, example_digits
from vizlib.lessons.tiny_transformer.view_live import render
from vizlib.ui import controls as ui
from vizlib.ui import live, present
from vizlib.ui.formula import formula_box, pitfall
from vizlib.ui.i18n import scoped_t, t
from vizlib.ui.lm_controls import lr_control, model_and_training_controls
from vizlib.ui.page import page_header

NS = C.NS
lt = scoped_t(NS)
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


def presets() -> None:
    """One-click teaching presets."""
    st.markdown(f"**{t('common.worked_example')}**")
    ui.preset_row(C, PRESETS, with_help=True)


def controls() -> C:
    """Every widget (drawn before read_config, so URL values survive); the validated config.

    The task and the learning rate sit beside the live panel; the model's size and the other
    training settings are folded into an expander.
    """
    with st.container(border=True):
        st.markdown(f"**{lt('task_title')}**")
        ui.select(C, "task", lt("task"), format_func=lambda v: lt(f"tasks.{v}"))
        a, b = st.columns(2)
        with a:
            ui.slider(C, "n_digits", lt("n_digits"))
        with b:
            lr_control(C)
        _example_controls()
    with st.expander(lt("more_settings")):
        net_col, train_col = st.columns(2)
        model_and_training_controls(C, net_col, train_col, with_lr=False)
        ui.number(C, "seed", lt("seed"), help=lt("seed_help"))
    return ui.read_config(C)


def explain(cfg: C) -> None:
    """The task format, the attention formula with this model's numbers, and a pitfall."""
    tokens = tasks.example_tokens(cfg.task, example_digits(cfg))
    present.explain(lt(f"task_explain.{cfg.task}", example=" ".join(tokens)), title=lt("fold.task"))
    if cfg.width() != cfg.d_model:
        st.info(lt("width_rounded", d=cfg.d_model, w=cfg.width(), h=cfg.n_head))
    hs = cfg.width() // cfg.n_head
    formula_box(
        r"\mathrm{Attention}(Q,K,V)=\mathrm{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}+M\right)V",
        rf"d_k=\frac{{d_\text{{model}}}}{{h}}=\frac{{{cfg.width()}}}{{{cfg.n_head}}}={hs},"
        rf"\quad \sqrt{{d_k}}={hs**0.5:.4g},\quad T={tasks.block_size(cfg.task, cfg.n_digits)}",
        title=lt("formula_title"),
    )
    pitfall(lt("pitfall"))


def _typed_digits(cfg: C) -> list[int] | None:
    """The user's typed input if valid; an error message for bad input; None if nothing typed."""
    if cfg.typed == "":
        return None
    try:
        return tasks.parse_digits(cfg.typed, cfg.n_digits)
    except InputError as err:
        st.error(lt(f"input.{err.key}", **err.detail))
        return None


def _example_controls() -> None:
    a, b = st.columns([1, 2])
    with a:
        ui.number(C, "example", lt("example"), help=lt("example_help"))
    with b:
        n = int(st.session_state[C.key("n_digits")])
        ui.text(C, "typed", lt("typed", n=n), max_chars=60, placeholder=lt("typed_placeholder"))


def chosen_digits(cfg: C) -> list[int]:
    """The typed input when valid (an error message when not), else the seeded example."""
    typed = _typed_digits(cfg)
    return typed if typed is not None else example_digits(cfg)


def train_and_show(cfg: C, digits: list[int], panel: Any) -> None:
    """The session's trainer (reset when the task or architecture change) and the live panel."""
    trainer = live.session_trainer(NS, cfg.signature(), lambda: build_trainer(cfg))
    trainer.set_hparams(cfg.hparams())
    trainer.batch_size = cfg.batch_size
    with panel:
        live.live_panel(
            NS,
            lambda trainer: render(trainer, cfg, digits),
            max_steps=MAX_STEPS,
            budget_s=0.2,
            interval_s=0.3,
            hint=lt("diverged_hint"),
        )


def show() -> None:
    """The whole Tiny Transformer page: settings beside the live panel, the explanation below."""
    configure_torch()
    page_header("tiny_transformer")
    ui.url_notice(C)
    presets()
    settings, panel = st.columns([5, 6], gap="medium")
    with settings:
        cfg = controls()
        digits = chosen_digits(cfg)
    train_and_show(cfg, digits, panel)
    explain(cfg)
    ui.share_box(cfg)
