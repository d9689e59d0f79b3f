"""The self-attention page's last sections: multi-head attention and positional encoding."""

from __future__ import annotations

import streamlit as st

from vizlib.lessons.self_attention.attention import (
    multihead_attention,
    multihead_weights,
    permutation,
    permutation_comparison,
    position_similarity,
    sinusoidal_pe,
)
from vizlib.lessons.self_attention.charts import diff_bar_figure, heads_figure, matrix_figure
from vizlib.lessons.self_attention.config import SelfAttentionConfig as Cfg
from vizlib.lessons.self_attention.inputs import AttentionInputs
from vizlib.lessons.self_attention.view_stages import NS, current_config, dims, lt
from vizlib.ui import controls as ui
from vizlib.ui.plot import show_figure


def multihead_section(inputs: AttentionInputs | None) -> None:
    """1–8 heads side by side, their concatenation and the output projection."""
    st.header(lt("mh_header"))
    if inputs is None or inputs.x is None:
        st.info(lt("needs_sentence"))
        return
    c1, c2 = st.columns(2)
    with c1:
        ui.slider(Cfg, "heads", lt("heads"))
    with c2:
        ui.slider(Cfg, "d_head", lt("d_head"))
    cfg = current_config()
    x, labels = inputs.x, inputs.labels
    w = multihead_weights(x.shape[1], cfg.heads, cfg.d_head, cfg.seed)
    mh = multihead_attention(x, w, temperature=cfg.temperature, causal=cfg.causal)
    st.caption(lt("mh_caption", seed=cfg.seed))
    titles = [lt("head_title", h=h + 1) for h in range(cfg.heads)]
    show_figure(
        heads_figure([h.weights for h in mh.heads], labels, labels, titles), key=f"{NS}.chart.heads"
    )
    c1, c2 = st.columns(2)
    with c1:
        title = lt("concat", h=cfg.heads, d=cfg.d_head, n=mh.concat.shape[1])
        show_figure(
            matrix_figure(mh.concat, labels, dims(mh.concat.shape[1]), title),
            key=f"{NS}.chart.concat",
        )
    with c2:
        title = lt("mh_output", n=mh.concat.shape[1], d=x.shape[1])
        show_figure(
            matrix_figure(mh.output, labels, dims(mh.output.shape[1]), title),
            key=f"{NS}.chart.mh_out",
        )


def positional_section(inputs: AttentionInputs | None) -> None:
    """The sinusoidal PE, position similarity, and the permuted-sentence comparison."""
    st.header(lt("pe_header"))
    st.markdown(lt("pe_intro"))
    st.latex(
        r"PE_{(pos,\,2i)} = \sin\!\left(\frac{pos}{10000^{2i/d}}\right),\quad "
        r"PE_{(pos,\,2i+1)} = \cos\!\left(\frac{pos}{10000^{2i/d}}\right)"
    )
    c1, c2 = st.columns(2)
    with c1:
        ui.slider(Cfg, "pe_positions", lt("pe_positions"))
    with c2:
        ui.slider(Cfg, "pe_dim", lt("pe_dim"))
    cfg = current_config()
    pe = sinusoidal_pe(cfg.pe_positions, cfg.pe_dim)
    pos = [str(p) for p in range(cfg.pe_positions)]
    c1, c2 = st.columns(2)
    with c1:
        fig = matrix_figure(
            pe, pos, [str(i) for i in range(cfg.pe_dim)], lt("pe_title"), height=420
        )
        show_figure(fig, key=f"{NS}.chart.pe")
    with c2:
        sim = position_similarity(pe)
        show_figure(
            matrix_figure(sim, pos, pos, lt("sim_title"), height=420), key=f"{NS}.chart.sim"
        )
    st.caption(lt("pe_caption"))
    _permutation_part(inputs)


def _permutation_part(inputs: AttentionInputs | None) -> None:
    st.subheader(lt("perm_header"))
    if inputs is None or inputs.x is None or inputs.w is None:
        st.info(lt("needs_sentence"))
        return
    c1, c2 = st.columns(2)
    with c1:
        ui.toggle(Cfg, "pe_on", lt("pe_on"))
    with c2:
        ui.radio(Cfg, "permute", lt("permute"), format_func=lambda v: lt(f"permute_opt.{v}"))
    cfg = current_config()
    labels = inputs.labels
    perm = permutation(len(labels), cfg.permute, cfg.seed)
    cmp = permutation_comparison(inputs.x, perm, *inputs.w, use_pe=cfg.pe_on)
    st.markdown(lt("perm_sentences", a=" ".join(labels), b=" ".join(labels[i] for i in perm)))
    d = dims(cmp.original.shape[1])
    c1, c2, c3 = st.columns(3)
    with c1:
        show_figure(
            matrix_figure(cmp.original, labels, d, lt("perm_original")), key=f"{NS}.chart.perm_a"
        )
    with c2:
        fig = matrix_figure(cmp.permuted_aligned, labels, d, lt("perm_permuted"))
        show_figure(fig, key=f"{NS}.chart.perm_b")
    with c3:
        fig = diff_bar_figure(cmp.diff, labels, lt("perm_diff_title"), lt("perm_diff_axis"))
        show_figure(fig, key=f"{NS}.chart.perm_diff")
    st.caption(lt("perm_caption"))
    biggest = f"{float(cmp.diff.max()):.3g}"
    if cfg.pe_on:
        st.success(lt("perm_differ", d=biggest))
    else:
        st.warning(lt("perm_same", d=biggest))
