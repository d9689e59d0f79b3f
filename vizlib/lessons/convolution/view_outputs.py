"""Streamlit views of the convolution lesson: output size, the conv step view, and pooling."""

from __future__ import annotations

import numpy as np
import streamlit as st

from vizlib.lessons.convolution import charts_latex as tex
from vizlib.lessons.convolution import conv
from vizlib.lessons.convolution.charts import grid_figure, step_figure
from vizlib.lessons.convolution.config import ConvolutionConfig
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.formula import formula_box, pitfall
from vizlib.ui.i18n import t
from vizlib.ui.plot import projector_type, show_figure

C = ConvolutionConfig


def size_formula(g: conv.Geometry) -> None:
    """The output-size formula, then each axis with its numbers filled in."""
    symmetric = all(lo == hi for lo, hi in g.pad)
    lines = []
    for axis, n, k, pads in zip("HW", g.in_shape, g.k_shape, g.pad, strict=True):
        steps = conv.output_size_steps(n, k, g.stride, pads[0], pads[1], g.dilation)
        lines.append(tex.size_filled(axis, n, k, g.stride, pads, g.dilation, steps))
    filled = r"\begin{gathered}" + r" \\ ".join(lines) + r"\end{gathered}"
    symbolic = tex.SIZE_SYMBOLIC if symmetric else tex.SIZE_SYMBOLIC_ASYM
    if present.is_presenting():  # folded on a projector, with its legend
        with st.expander(t("convolution.size_title"), icon=":material/function:"):
            formula_box(symbolic, filled)
            st.caption(t("convolution.size_legend"))
        return
    formula_box(symbolic, filled, title=t("convolution.size_title"))
    st.caption(t("convolution.size_legend"))


def show_grid(fig, *, key: str, side: int = 0) -> None:
    """Draw a grid figure; in presenter mode with large text, also in the cells of a grid up to
    7 cells across (a half-width grid `side` cells across has no room for more)."""
    fig = projector_type(fig)
    if present.is_presenting():
        fig.update_annotations(yanchor="bottom", y=1.0)  # the step's larger titles sit above
        if side > 7:
            fig.update_traces(textfont_size=12)
    show_figure(fig, key=key)


def _move(key: str, delta: int, n: int) -> None:
    """Step the position slider `key` by `delta`, within 0..n-1 (a button's callback)."""
    st.session_state[key] = min(max(int(st.session_state.get(key, 0)) + delta, 0), n - 1)


def _nav_button(key: str, direction: str, n: int, arrows: bool) -> None:
    """The back/next button beside a position slider; with the arrow keys when `arrows`."""
    last = int(st.session_state[key]) == (0 if direction == "back" else n - 1)
    st.button(
        t(f"convolution.nav.{direction}"),
        key=f"convolution._nav.{key}.{direction}",
        icon=":material/chevron_left:" if direction == "back" else ":material/chevron_right:",
        on_click=_move,
        args=(key, -1 if direction == "back" else 1, n),
        disabled=last,
        shortcut=present.nav_shortcut(direction) if arrows else None,
        width="stretch",
    )


def position_slider(field: str, g: conv.Geometry, arrows: bool = False) -> int:
    """A slider over the output cells (row-major, range set by the output), with back/next
    buttons (on ← / → when `arrows`); the flat index."""
    if g.positions <= 1:
        st.caption(t("convolution.one_position"))
        return 0
    key = C.key(field)
    if key not in st.session_state:  # first draw: seed from the link, as the shared controls do
        st.session_state[key] = getattr(C.from_query(st.query_params.to_dict())[0], field)
    st.session_state[key] = min(int(st.session_state[key]), g.positions - 1)
    presenting = present.is_presenting()  # a narrower column, and larger type: wider buttons
    widths = [3, 5, 3] if presenting else [1, 4, 1]
    back, slider, forward = st.columns(widths, vertical_alignment="bottom")
    if presenting:  # the keys are listed under Keys; their hints would crowd the labels out
        st.html('<style>[class*="st-key-convolution-_nav"] kbd { display: none; }</style>')
    with slider:
        idx = st.slider(t("convolution.position", n=g.positions), 0, g.positions - 1, key=key)
    with back:
        _nav_button(key, "back", g.positions, arrows)
    with forward:
        _nav_button(key, "next", g.positions, arrows)
    return int(idx)


def conv_view(cfg: ConvolutionConfig, x: np.ndarray, w: np.ndarray) -> np.ndarray | None:
    """Output size, feature map and the step view at one position; returns the feature map."""
    g = conv.geometry(x.shape, w.shape, cfg.stride, cfg.pad_mode, cfg.pad, cfg.dilation)
    presenting = present.is_presenting()
    if not presenting:  # on a projector the step view comes first, the size formula under it
        size_formula(g)
    if cfg.pad_mode == "same" and cfg.stride > 1:
        st.info(t("convolution.same_stride", pads=str(g.pad)))
    elif cfg.pad_mode == "same" and any(lo != hi for lo, hi in g.pad):
        st.info(t("convolution.same_asym", pads=str(g.pad)))
    if not g.valid:
        st.error(t("convolution.err.no_output"))
        return None
    out = conv.conv2d(x, w, cfg.bias, cfg.stride, cfg.pad_mode, cfg.pad, cfg.dilation)
    if not presenting:  # on a projector the slider and the grids come straight under the title
        st.subheader(t("convolution.step_title"))
    idx = position_slider("pos", g, arrows=True)  # the lesson's main step-through
    step = conv.conv_step(x, w, idx, cfg.bias, cfg.stride, cfg.pad_mode, cfg.pad, cfg.dilation)
    i, j = step.out_pos
    where = t("convolution.position_cell", i=i, j=j)
    if not presenting:
        st.caption(where)
    left, right = st.columns(2)
    with left:
        fig = grid_figure(
            x,
            title=t("convolution.input_title", h=x.shape[0], w=x.shape[1]),
            pad=g.pad,
            window=(step.rows, step.cols),
        )
        padded = (n + lo + hi for n, (lo, hi) in zip(x.shape, g.pad, strict=True))
        show_grid(fig, key="convolution._in", side=max(padded))
    with right:
        title = t("convolution.output_title", h=out.shape[0], w=out.shape[1])
        fig = grid_figure(out, title=title, window=([i], [j]), diverging=True)
        show_grid(fig, key="convolution._out", side=max(out.shape))
    if presenting:
        st.caption(where)
    titles = (t("convolution.window"), t("convolution.kernel_grid"), t("convolution.products"))
    show_grid(
        step_figure(step.window, w, step.products, titles=titles, inside=step.inside),
        key="convolution._step",  # full width: room for large numbers in its cells
    )
    if presenting:
        size_formula(g)
    formula_box(
        tex.CONV_SYMBOLIC,
        tex.conv_filled(step.out_pos, step.window, w, cfg.bias, step.value),
        title=t("convolution.sum_title"),
        folded=presenting,
    )
    pitfall(t("convolution.pitfall_flip"))
    return out


def pool_controls() -> tuple[str, str, int, int, int, str]:
    """Pooling input, mode, size, stride, padding and edge-rule widgets."""
    a, b = st.columns(2)
    with a:
        src = ui.radio(
            C,
            "pool_input",
            t("convolution.pool_input"),
            format_func=lambda s: t(f"convolution.pool_inputs.{s}"),
        )
        mode = ui.radio(
            C,
            "pool_mode",
            t("convolution.pool_mode"),
            format_func=lambda m: t(f"convolution.pool_modes.{m}"),
        )
        edge = ui.radio(
            C,
            "pool_edge",
            t("convolution.pool_edge"),
            format_func=lambda e: t(f"convolution.pool_edges.{e}"),
            horizontal=True,
        )
    with b:
        size = ui.slider(C, "pool_size", t("convolution.pool_size"))
        stride = ui.slider(C, "pool_stride", t("convolution.pool_stride"))
        pad = ui.slider(C, "pool_pad", t("convolution.pool_pad"))
    return src, mode, size, stride, pad, edge


def edge_note(shape: tuple[int, int], g: conv.Geometry, pad: int, edge: str) -> None:
    """Say how this edge rule treats the rows and columns left over at the far edge."""
    size, stride = g.k_shape[0], g.stride
    if edge == "floor":
        drop = [conv.dropped_edge(n, size, stride, pad) for n in shape]
        more = t(
            f"convolution.{'pool_edge_drop' if any(drop) else 'pool_edge_none'}",
            r=drop[0],
            c=drop[1],
        )
    else:
        extra = [hi - pad for _, hi in g.pad]
        more = t(f"convolution.pool_{edge}_extra", r=extra[0], c=extra[1])
    rule = {"floor": "pool_floor", "ceil": "pool_ceil", "pad": "pool_far_pad"}[edge]
    st.info(t(f"convolution.{rule}") + " " + more)


def pool_view(x: np.ndarray, feature: np.ndarray | None) -> None:
    """Max or average pooling with its edge rule, and the step view at one position."""
    st.header(t("convolution.pool_header"))
    src, mode, size, stride, pad, edge = pool_controls()
    p_in = feature if src == "feature" else x
    if p_in is None:
        st.warning(t("convolution.err.no_feature"))
        return
    if 2 * pad > size:
        st.error(t("convolution.err.pool_pad", pad=pad, size=size))
        return
    g = conv.pool_geometry(p_in.shape, size, stride, pad, edge)
    if not g.valid:
        st.error(t("convolution.err.no_output"))
        return
    pooled = conv.pool2d(p_in, size, stride, pad, mode, edge)
    edge_note(p_in.shape, g, pad, edge)
    if pad or edge == "pad":
        st.caption(t(f"convolution.pool_pad_note_{mode}"))
    idx = position_slider("pool_pos", g)
    step = conv.pool_step(p_in, size, stride, idx, pad, mode, edge)
    i, j = step.out_pos
    left, right = st.columns(2)
    fill = -np.inf if mode == "max" else 0.0
    with left:
        title = t("convolution.pool_in_title", h=p_in.shape[0], w=p_in.shape[1])
        show_figure(
            grid_figure(
                p_in,
                title=title,
                pad=g.pad if edge != "ceil" else ((pad, pad), (pad, pad)),  # ceil: no cells added
                pad_value=fill,
                window=(step.rows, step.cols),
                diverging=src == "feature",
            ),
            key="convolution._pool_in",
        )
    with right:
        title = t("convolution.pool_out_title", h=pooled.shape[0], w=pooled.shape[1])
        show_figure(
            grid_figure(pooled, title=title, window=([i], [j]), diverging=src == "feature"),
            key="convolution._pool_out",
        )
    symbolic = tex.MAX_SYMBOLIC if mode == "max" else tex.AVG_SYMBOLIC
    formula_box(
        symbolic,
        tex.pool_filled(step.out_pos, step.window, mode, step.value),
        title=t("convolution.pool_formula_title"),
        folded=present.is_presenting(),
    )
