"""Streamlit sections of the convolution lesson: presets, the input image and the kernel controls.

The step and pooling views are in `view_outputs`.
"""

from __future__ import annotations

import dataclasses
import zlib

import numpy as np
import pandas as pd
import streamlit as st

from vizlib.core.errors import InputError
from vizlib.lessons.convolution import charts_latex as tex
from vizlib.lessons.convolution import inputs as ci
from vizlib.lessons.convolution.config import ConvolutionConfig
from vizlib.lessons.convolution.conv import KERNELS, PAD_MODES
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.assets import mnist_data
from vizlib.ui.i18n import t

C = ConvolutionConfig
PRESETS: dict[str, dict] = {
    "x_valid": dict(
        source="matrix",
        matrix="1,0,1;0,1,0;1,0,1",
        kernel="x",
        pad_mode="valid",
        stride=1,
        dilation=1,
        bias=0.0,
        pos=0,
    ),
    "x_same": dict(
        source="matrix",
        matrix="1,0,1;0,1,0;1,0,1",
        kernel="x",
        pad_mode="same",
        stride=1,
        dilation=1,
        bias=0.0,
        pos=4,
    ),
    "edge_case": dict(
        source="matrix",
        matrix="1,2,3,4;5,6,7,8;9,10,11,12;13,14,15,16",
        kernel="x",
        pad_mode="explicit",
        pad=1,
        stride=2,
        dilation=1,
        bias=0.0,
        pos=0,
    ),
    "pool_s1": dict(
        source="matrix",
        matrix="1,2,3;4,5,6;7,8,9",
        pool_input="input",
        pool_mode="max",
        pool_size=2,
        pool_stride=1,
        pool_pad=0,
        pool_pos=0,
        pool_edge="floor",
    ),
    "pool_s2": dict(
        source="matrix",
        matrix="1,2,3;4,5,6;7,8,9",
        pool_input="input",
        pool_mode="max",
        pool_size=2,
        pool_stride=2,
        pool_pad=0,
        pool_pos=0,
        pool_edge="floor",
    ),
}


def seed_from_url() -> None:
    """Give every setting its first value from the link before any widget is drawn.

    The page reads its config before the pooling widgets exist; without this, that read would
    write defaults over the link's pooling settings.
    """
    cfg, _ = C.from_query({k: st.query_params.get_all(k) for k in st.query_params.keys()})
    for f in dataclasses.fields(C):
        st.session_state.setdefault(C.key(f.name), getattr(cfg, f.name))


def presets() -> None:
    """The curriculum's worked examples, one click each (left out in presenter mode)."""
    with present.secondary("convolution_presets"):
        st.markdown(f"**{t('common.worked_example')}**")
        cols = st.columns(len(PRESETS))
        for col, (name, values) in zip(cols, PRESETS.items(), strict=True):
            with col:
                ui.preset_button(
                    C,
                    t(f"convolution.preset.{name}"),
                    values,
                    key=f"convolution._preset.{name}",
                    help=t(f"convolution.preset.{name}_help"),
                )


def show_error(err: InputError) -> None:
    """Explain a bad matrix, kernel or upload in the current language."""
    st.error(t(f"convolution.err.{err.key}", **err.detail))


def _table(key: str, field: str, text: str, cells: list, ncols: int, rows_dynamic: bool) -> None:
    """The editable table; its edits are written into the text field `key` before it is drawn."""
    base = [r + [""] * (ncols - len(r)) for r in cells]
    df = pd.DataFrame(base, columns=[str(c) for c in range(ncols)], dtype=object)
    editor_key = f"convolution._editor.{field}.{zlib.crc32(str(text).encode())}"
    edited = st.data_editor(
        df,
        key=editor_key,
        num_rows="dynamic" if rows_dynamic else "fixed",
        hide_index=not rows_dynamic,
        column_config={str(c): st.column_config.TextColumn(str(c + 1)) for c in range(ncols)},
    )
    new_text = ci.cells_to_text(edited.astype(object).where(edited.notna(), None).values.tolist())
    if new_text != ci.cells_to_text(base):
        # the bound text box is drawn below, so it may still take the table's edits in this run
        st.session_state[key] = new_text


def matrix_editor(field: str, label: str, *, rows_dynamic: bool = True) -> str:
    """A table and a text box editing the same matrix text field (bound to the URL)."""
    key = C.key(field)
    text = st.session_state.get(key, st.query_params.get(key, C.spec(field).default))
    cells = ci.split_cells(text)
    ncols = max(len(r) for r in cells)
    if len(cells) <= ci.MAX_SIDE and 1 <= ncols <= ci.MAX_SIDE:  # no table for oversized text
        _table(key, field, text, cells, ncols, rows_dynamic)
    return ui.text(C, field, label, help=t("convolution.matrix_help"), max_chars=2000)


def input_image(source: str) -> np.ndarray | None:
    """The image to convolve for the chosen source; None (with a message) when unusable."""
    if source == "matrix":
        text = matrix_editor("matrix", t("convolution.matrix_text"))
        try:
            return ci.parse_matrix(text)
        except InputError as err:
            show_error(err)
            return None
    if source == "mnist":
        data = mnist_data()
        digits = None if data is None else data.x_test
        if digits is None:
            st.warning(t("convolution.mnist_missing"))
            return None
        idx = ui.slider(C, "mnist_index", t("convolution.mnist_index"))
        st.caption(t("convolution.mnist_caption"))
        return digits[min(idx, len(digits) - 1)].astype(float) / 255.0
    if source == "draw":
        return _drawn()
    return _upload()


def _drawn() -> np.ndarray | None:
    """A digit drawn on a canvas, preprocessed like MNIST (crop, 20 px, centred in 28×28)."""
    from streamlit_drawable_canvas import st_canvas

    from vizlib.core.digit_image import preprocess

    st.caption(t("convolution.draw_help"))
    result = st_canvas(
        stroke_width=20,
        stroke_color="#FFFFFF",
        background_color="#000000",
        height=196,
        width=196,
        drawing_mode="freedraw",
        return_image_data=True,
        key="convolution._canvas",
    )
    if result.image_data is None:
        st.info(t("convolution.draw_prompt"))
        return None
    try:
        return preprocess(result.image_data).final
    except InputError:  # blank or unreadable: nothing drawn yet
        st.info(t("convolution.draw_prompt"))
        return None


def _upload() -> np.ndarray | None:
    """An uploaded image, decoded once per file and kept in this session only."""
    up = st.file_uploader(
        t("convolution.upload"), key="convolution._upload", help=t("convolution.upload_help")
    )
    if up is None:
        st.info(t("convolution.upload_prompt"))
        return None
    memo = st.session_state.get("convolution._decoded")
    if not memo or memo[0] != up.file_id:
        try:
            memo = (up.file_id, ci.decode_image(up.getvalue()), None)
        except InputError as err:
            memo = (up.file_id, None, err)
        st.session_state["convolution._decoded"] = memo
    if memo[2] is not None:
        show_error(memo[2])
    else:
        st.caption(t("convolution.upload_caption", side=ci.IMAGE_SIDE))
    return memo[1]


def kernel_controls() -> np.ndarray | None:
    """Kernel choice (named or custom 3×3 / 5×5), bias, stride, padding and dilation."""
    name = ui.select(
        C, "kernel", t("convolution.kernel"), format_func=lambda k: t(f"convolution.kernels.{k}")
    )
    w = KERNELS.get(name)
    if w is None:
        side = 3 if name == "custom3" else 5
        text = matrix_editor(name, t("convolution.kernel_text", side=side), rows_dynamic=False)
        try:
            w = ci.parse_matrix(text)
            if w.shape != (side, side):
                raise InputError("kernel_shape", side=side, shape=f"{w.shape[0]}×{w.shape[1]}")
        except InputError as err:
            show_error(err)
            w = None
    else:
        st.latex("w = " + tex.matrix_latex(w))
    ui.number(C, "bias", t("convolution.bias"))
    a, b = st.columns(2)
    with a:
        ui.slider(C, "stride", t("convolution.stride"))
        ui.slider(C, "dilation", t("convolution.dilation"), help=t("convolution.dilation_help"))
    with b:
        mode = ui.radio(
            C,
            "pad_mode",
            t("convolution.pad_mode"),
            format_func=lambda m: t(f"convolution.pad_modes.{m}"),
        )
        ui.slider(C, "pad", t("convolution.pad"), disabled=mode != PAD_MODES[2])
    return w
