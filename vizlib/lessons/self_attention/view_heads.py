"""Streamlit sections of the self-attention page: multi-head attention and positional encoding."""

from __future__ import annotations

import streamlit as st

from vizlib.charts.attention import diff_bar_figure, heads_figure, matrix_figure
from vizlib.core.attention import (
    multihead_attention,
    multihead_weights,
    permutation,
    permutation_comparison,
    position_similarity,
    sinusoidal_pe,
)
from vizlib.core.attention_input import AttentionInputs
from vizlib.core.attention_input import SelfAttentionConfig as Cfg
from vizlib.ui import controls as ui
from vizlib.ui.pg_self_attention import chart, current_config, dims, tr


def multihead_section(inputs: AttentionInputs | None) -> None:
    """1–8 heads side by side, their concatenation and the output projection."""
    st.header(tr("mh_header"))
    if inputs is None or inputs.x is None:
        st.info(tr("needs_sentence"))
        return
    c1, c2 = st.columns(2)
    with c1:
        ui.slider(Cfg, "heads", tr("heads"))
    with c2:
        ui.slider(Cfg, "d_head", tr("d_head"))
    cfg = current_config()
    x, labels = inputs.x, inputs.labels
    w = multihead_weights(x.shape[1], cfg.heads, cfg.d_head, cfg.seed)
    mh = multihead_attention(x, w, temperature=cfg.temperature, causal=cfg.causal)
    st.caption(tr("mh_caption", seed=cfg.seed))
    titles = [tr("head_title", h=h + 1) for h in range(cfg.heads)]
    chart(heads_figure([h.weights for h in mh.heads], labels, labels, titles))
    c1, c2 = st.columns(2)
    with c1:
        title = tr("concat", h=cfg.heads, d=cfg.d_head, n=mh.concat.shape[1])
        chart(matrix_figure(mh.concat, labels, dims(mh.concat.shape[1]), title))
    with c2:
        title = tr("mh_output", n=mh.concat.shape[1], d=x.shape[1])
        chart(matrix_figure(mh.output, labels, dims(mh.output.shape[1]), title))


def positional_section(inputs: AttentionInputs | None) -> None:
    """The sinusoidal PE, position similarity, and the permuted-sentence comparison."""
    st.header(tr("pe_header"))
    st.markdown(tr("pe_intro"))
    st.latex(
        r"PE_{(pos,\,2i)} = \sin\!\left(\frac{pos}{10000^{2i/d}}\right),\quad "
        r"PE_{(pos,\,2i+1)} = \cos\!\left(\frac{pos}{10000^{2i/d}}\right)"
    )
    c1, c2 = st.columns(2)
    with c1:
        ui.slider(Cfg, "pe_positions", tr("pe_positions"))
    with c2:
        ui.slider(Cfg, "pe_dim", tr("pe_dim"))
    cfg = current_config()
    pe = sinusoidal_pe(cfg.pe_positions, cfg.pe_dim)
    pos = [str(p) for p in range(cfg.pe_positions)]
    c1, c2 = st.columns(2)
    with c1:
        chart(matrix_figure(pe, pos, [str(i) for i in range(cfg.pe_dim)], tr("pe_title"),
                            height=420))  # fmt: skip
    with c2:
        sim = position_similarity(pe)
        chart(matrix_figure(sim, pos, pos, tr("sim_title"), height=420))
    st.caption(tr("pe_caption"))
    _permutation_part(inputs)


def _permutation_part(inputs: AttentionInputs | None) -> None:
    st.subheader(tr("perm_header"))
    if inputs is None or inputs.x is None or inputs.w is None:
        st.info(tr("needs_sentence"))
        return
    c1, c2 = st.columns(2)
    with c1:
        ui.toggle(Cfg, "pe_on", tr("pe_on"))
    with c2:
        ui.radio(Cfg, "permute", tr("permute"), format_func=lambda v: tr(f"permute_opt.{v}"))
    cfg = current_config()
    labels = inputs.labels
    perm = permutation(len(labels), cfg.permute, cfg.seed)
    cmp = permutation_comparison(inputs.x, perm, *inputs.w, use_pe=cfg.pe_on)
    st.markdown(tr("perm_sentences", a=" ".join(labels), b=" ".join(labels[i] for i in perm)))
    d = dims(cmp.original.shape[1])
    c1, c2, c3 = st.columns(3)
    with c1:
        chart(matrix_figure(cmp.original, labels, d, tr("perm_original")))
    with c2:
        chart(matrix_figure(cmp.permuted_aligned, labels, d, tr("perm_permuted")))
    with c3:
        chart(diff_bar_figure(cmp.diff, labels, tr("perm_diff_title"), tr("perm_diff_axis")))
    st.caption(tr("perm_caption"))
    biggest = f"{float(cmp.diff.max()):.3g}"
    if cfg.pe_on:
        st.success(tr("perm_differ", d=biggest))
    else:
        st.warning(tr("perm_same", d=biggest))
