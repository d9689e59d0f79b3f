"""The self-attention page's stages: inputs, every stage, the formula with numbers.

Multi-head and positional-encoding sections live in `view_heads`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np
import streamlit as st

from vizlib.core.errors import InputError
from vizlib.lessons.self_attention.attention import AttentionTrace, attention_trace
from vizlib.lessons.self_attention.charts import matrix_figure
from vizlib.lessons.self_attention.config import MAX_COLS, MAX_ROWS
from vizlib.lessons.self_attention.config import SelfAttentionConfig as Cfg
from vizlib.lessons.self_attention.inputs import (
    MAX_CHARS,
    MAX_TOKENS,
    AttentionInputs,
    embed_tokens,
    format_matrix,
    tokenize,
)
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.formula import formula_box, num, pitfall
from vizlib.ui.i18n import scoped_t
from vizlib.ui.plot import show_figure

NS = Cfg.NS
lt = scoped_t(NS)
MATRIX_CHARS = 20 * MAX_ROWS * MAX_COLS
PRESET_ONE = {"source": "matrices", "q_text": "1, 2, 3", "k_text": "4, 5, 6", "v_text": "7, 8, 9"}
PRESET_THREE = {"source": "matrices", "q_text": "1; 2; 3", "k_text": "4; 5; 6", "v_text": "7; 8; 9"}


def current_config() -> Cfg:
    """The settings so far, without touching the URL (`read_config` would drop URL values of
    widgets further down the page): session state, else the URL, else the defaults."""
    base, _ = Cfg.from_query({k: st.query_params.get_all(k) for k in st.query_params.keys()})
    values = {f.name: st.session_state[Cfg.key(f.name)] for f in dataclasses.fields(Cfg)
              if Cfg.key(f.name) in st.session_state}  # fmt: skip
    try:
        return dataclasses.replace(base, **values)
    except (ValueError, TypeError):
        return base


def keep_state() -> None:
    """Keep settings whose widgets are hidden this run (e.g. the sentence while typing Q, K, V)."""
    for f in dataclasses.fields(Cfg):
        key = Cfg.key(f.name)
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def dims(n: int) -> list[str]:
    """Column labels 1..n for vector components."""
    return [str(i + 1) for i in range(n)]


def _choice(group: str):
    return lambda v: lt(f"{group}.{v}")


def _presets() -> None:
    with present.secondary(f"{NS}_presets"):  # the worked examples' row, Reset with them
        c1, c2, c3 = st.columns(3)
        with c1:
            ui.preset_button(Cfg, lt("preset_one"), PRESET_ONE, key=f"{NS}.p1",
                             help=lt("preset_help"))  # fmt: skip
        with c2:
            ui.preset_button(Cfg, lt("preset_three"), PRESET_THREE, key=f"{NS}.p3",
                             help=lt("preset_help"))  # fmt: skip
        with c3:
            ui.reset_button(Cfg, key=f"{NS}.reset")


def _sentence_controls() -> None:
    label = lt("sentence", max=MAX_TOKENS)
    ui.text(Cfg, "sentence", label, help=lt("sentence_help", chars=MAX_CHARS))
    c1, c2, c3 = st.columns(3)
    with c1:
        emb = ui.radio(Cfg, "emb", lt("emb_label"), format_func=_choice("emb"))
    with c2:
        ui.slider(Cfg, "d_model", lt("d_model"), disabled=emb == "custom")
    with c3:
        ui.number(Cfg, "seed", lt("seed"))
    if emb == "custom":
        ui.text(Cfg, "emb_text", lt("emb_text"), help=lt("matrix_help"), max_chars=MATRIX_CHARS)
    else:
        _copy_embeddings_button()
    c1, c2 = st.columns(2)
    with c1:
        weights = ui.radio(Cfg, "weights", lt("weights_label"), format_func=_choice("weights"))
    with c2:
        ui.slider(Cfg, "d_k", lt("d_k"), disabled=weights == "identity")


def _copy_embeddings_button() -> None:
    """Offer the current random embeddings as the starting point for typing them by hand."""
    cfg = current_config()
    try:
        x = embed_tokens(tokenize(cfg.sentence), cfg.d_model, cfg.seed)
    except InputError:
        return  # the sentence error is reported once, below
    values = {"emb": "custom", "emb_text": format_matrix(x, 1)}
    ui.preset_button(Cfg, lt("emb_copy"), values, key=f"{NS}.copy_emb")


def input_controls() -> None:
    """Source (sentence or typed Q/K/V), the worked-example presets, temperature and mask."""
    _presets()
    source = ui.radio(Cfg, "source", lt("source_label"), format_func=_choice("source"))
    if source == "sentence":
        _sentence_controls()
    else:
        for name in ("q_text", "k_text", "v_text"):
            ui.text(Cfg, name, lt(name), help=lt("matrix_help"), max_chars=MATRIX_CHARS)
    c1, c2 = st.columns(2)
    with c1:
        ui.slider(Cfg, "temperature", lt("temperature"), help=lt("temperature_help"))
    with c2:
        ui.toggle(Cfg, "causal", lt("causal"))


def inputs_or_error(cfg: Cfg, build: Any) -> AttentionInputs | None:
    """Run `build(cfg)`; on bad typed input show what is wrong (in the user's language)."""
    try:
        return build(cfg)
    except InputError as err:
        params = dict(err.detail)
        where = params.pop("field", None)
        prefix = lt(f"field.{where}") + " " if where else ""
        st.error(prefix + lt(f"err.{err.key}", **params), icon="✋")
        return None


def _row(values: Sequence[float], digits: int = 3) -> str:
    cells = [r"-\infty" if np.isneginf(v) else num(float(v), digits) for v in values]
    return r"\left[" + r",\ ".join(cells) + r"\right]"


def filled_formula(trace: AttentionTrace, i: int) -> str:
    """The attention formula for query row i with the trace's numbers (LaTeX)."""
    n = i + 1
    w, v = trace.weights[i], trace.v
    mask = " + M" if trace.causal else ""
    terms = [rf"{num(float(w[j]), 3)}\,{_row(v[j])}" for j in range(len(w)) if trace.allowed[i, j]]
    expand = " + ".join(terms) if len(terms) * v.shape[1] <= 12 else r"\textstyle\sum_j w_j v_j"
    lines = [
        rf"s &= q_{{{n}}} K^\top = {_row(trace.scores[i])}",
        rf"\frac{{s}}{{\sqrt{{{trace.d_k}}}\cdot {num(trace.temperature, 3)}}}{mask} "
        rf"&= {_row(trace.masked[i])}",
        rf"w &= \mathrm{{softmax}}(\cdot) = {_row(w)},\quad \textstyle\sum_j w_j = "
        rf"{num(float(trace.row_sums[i]), 6)}",
        rf"\mathrm{{out}}_{{{n}}} &= {expand} = {_row(trace.output[i])}",
    ]
    return r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"


SYMBOLIC = (
    r"\mathrm{Attention}(Q,K,V) = \mathrm{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}\cdot\tau}"
    r" + M\right) V"
)


def _stage_pairs(trace: AttentionTrace, labels: list[str]) -> list[tuple[Any, Any]]:
    """The five stages as figure pairs (two per row)."""
    tau = num(trace.temperature, 3)
    masked_title = lt("masked" if trace.causal else "tempered", tau=tau)
    sums = [lt("row_sum", s=f"{s:.3f}") for s in trace.row_sums]
    fig = matrix_figure
    return [
        (fig(trace.scores, labels, labels, lt("scores")),
         fig(trace.scaled, labels, labels, lt("scaled", sqrt=num(np.sqrt(trace.d_k), 3)))),
        (fig(trace.masked, labels, labels, masked_title),
         fig(trace.weights, labels, labels, lt("weights_title"), unit=True, row_notes=sums)),
    ]  # fmt: skip


def _stage_pair(i: int, pair: tuple[Any, Any]) -> None:
    for col, side, fig in zip(st.columns(2), ("left", "right"), pair, strict=True):
        with col:
            show_figure(fig, key=f"{NS}.chart.stage{i}.{side}")


def stages_section(cfg: Cfg, inputs: AttentionInputs) -> AttentionTrace:
    """Q, K, V, then every stage as an annotated heatmap, the formula, and the pitfall."""
    trace = attention_trace(inputs.q, inputs.k, inputs.v, temperature=cfg.temperature,
                            causal=cfg.causal)  # fmt: skip
    labels = inputs.labels
    pairs = _stage_pairs(trace, labels)
    # on a projector the attention weights come first, on the first screen; the rest follows
    first = 1 if present.is_presenting() else None
    st.header(lt("stages"))
    if first is not None:
        _stage_pair(first, pairs[first])
    st.caption(lt("rows_caption"))
    if inputs.x is not None and inputs.w is not None:
        _embeddings_and_weights(inputs)
    names = ("q", "k", "v") if inputs.x is not None else ("q_plain", "k_plain", "v_plain")
    for col, name, m in zip(st.columns(3), names, (trace.q, trace.k, trace.v), strict=True):
        with col:
            show_figure(
                matrix_figure(m, labels, dims(m.shape[1]), lt(name)), key=f"{NS}.chart.{name}"
            )
    for i, pair in enumerate(pairs):
        if i != first:
            _stage_pair(i, pair)
    c1, c2 = st.columns(2)
    with c1:
        fig = matrix_figure(trace.output, labels, dims(trace.v.shape[1]), lt("output"))
        show_figure(fig, key=f"{NS}.chart.output")
    with c2:
        st.caption(lt("weights_caption"))
        st.caption(lt("output_caption"))
    _formula(trace, labels)
    pitfall(lt("pitfall"))
    return trace


def _embeddings_and_weights(inputs: AttentionInputs) -> None:
    """The embeddings X and the projections W_q, W_k, W_v that make Q, K and V."""
    x, labels = inputs.x, inputs.labels
    with st.expander(lt("xw_header"), expanded=not present.is_presenting()):
        cols = st.columns([1.2, 1, 1, 1])
        with cols[0]:
            show_figure(
                matrix_figure(x, labels, dims(x.shape[1]), lt("x_title")), key=f"{NS}.chart.x"
            )
        for col, name, w in zip(cols[1:], ("wq", "wk", "wv"), inputs.w, strict=True):
            with col:
                fig = matrix_figure(w, dims(w.shape[0]), dims(w.shape[1]), lt(f"{name}_title"))
                show_figure(fig, key=f"{NS}.chart.{name}")


def _formula(trace: AttentionTrace, labels: list[str]) -> None:
    options = list(range(1, len(labels) + 1))
    key = Cfg.key("focus")
    if key not in st.session_state:  # first draw: from the URL, like the shared controls
        st.session_state[key] = Cfg.from_query({key: st.query_params.get_all(key)})[0].focus
    if st.session_state[key] not in options:
        st.session_state[key] = 1  # the sentence is shorter than the chosen token
    focus = st.selectbox(lt("focus"), options, key=key,
                         format_func=lambda n: f"{n}: {labels[n - 1]}")  # fmt: skip
    formula_box(SYMBOLIC, filled_formula(trace, focus - 1),
                title=lt("formula_title", token=labels[focus - 1]))  # fmt: skip
