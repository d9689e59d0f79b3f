"""The Tiny Transformer's live views, redrawn every training tick: curves, the example's answer
and the attention maps, all Vega-Lite charts (they update in place and never blink)."""

from __future__ import annotations

import streamlit as st

from vizlib.charts.transformer import (
    attention_grid_chart,
    output_vs_target_chart,
    training_curves_charts,
)
from vizlib.lessons.tiny_transformer.config import TinyTransformerConfig as C
from vizlib.lessons.tiny_transformer.trainer import SeqTrainer, greedy_answer
from vizlib.ui.i18n import scoped_t
from vizlib.ui.plot import show_live_chart

NS = C.NS
lt = scoped_t(NS)


def _curve_charts(trainer: SeqTrainer) -> list:
    """Loss (log) and accuracies; empty axes before training."""
    h = trainer.history
    names = {k: lt(f"curve.{k}") for k in ("loss", "eval_loss", "token_acc", "seq_acc")}
    metrics = h.metrics if h.eval_steps else {k: [] for k in h.metrics}
    return training_curves_charts(
        h.loss,
        h.eval_steps,
        metrics,
        names,
        (lt("curve.loss_title"), lt("curve.acc_title")),
        lt("curve.step"),
    )


def _metrics(trainer: SeqTrainer) -> None:
    h = trainer.history
    if not h.eval_steps:
        return
    m = {k: v[-1] for k, v in h.metrics.items()}
    c = st.columns(3)
    c[0].metric(lt("m_loss"), f"{m['eval_loss']:.4f}")
    c[1].metric(lt("m_token"), f"{100 * m['token_acc']:.1f}%")
    c[2].metric(lt("m_seq"), f"{100 * m['seq_acc']:.1f}%")


def render(trainer: SeqTrainer, cfg: C, digits: list[int]) -> None:
    """The live views: curves, output vs target and attention maps for the chosen example.

    Everything is computed and built before the first element is sent, so the views are re-sent
    in one quick burst and none sits faded while the model is queried.
    """
    curves = _curve_charts(trainer)
    pred = greedy_answer(trainer.model, cfg.task, digits)
    right = sum(int(o == g) for o, g in zip(pred.output, pred.target, strict=True))
    ovt = output_vs_target_chart(pred.target, pred.output, (lt("row_target"), lt("row_output")))
    attn = attention_grid_chart(pred.attention, pred.tokens, lt("attn_cell"), lt("attn_key"),
                                lt("attn_query"), lt("attn_weight"))  # fmt: skip
    for col, chart, key in zip(st.columns(len(curves)), curves, ("curves", "acc")):
        with col:
            show_live_chart(chart, key=f"{NS}.{key}")
    # A fixed number of elements before the later charts, trained or not: a hint or metrics
    # block that came and went moved those charts, so each was re-created on the first steps.
    hint = st.empty()
    if not trainer.history.loss:
        hint.caption(lt("press_start"))
    with st.container():
        _metrics(trainer)
    st.markdown(lt("example_result", right=right, n=len(digits)))
    show_live_chart(ovt, key=f"{NS}.ovt")
    st.markdown(f"**{lt('attn_title')}**")
    st.caption(lt("attn_help"))
    show_live_chart(attn, key=f"{NS}.attn")
