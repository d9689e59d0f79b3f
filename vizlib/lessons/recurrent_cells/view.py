"""The recurrent-cells page: an editable RNN/LSTM/GRU cell walked one time step at a time,
then gradients through time for the three cells side by side."""

from __future__ import annotations

import contextlib
import dataclasses

import streamlit as st

from vizlib.core.errors import InputError
from vizlib.lessons.recurrent_cells import view_grad, view_steps
from vizlib.lessons.recurrent_cells.cells import GATES
from vizlib.lessons.recurrent_cells.config import (
    MAX_STEPS,
    NS,
    PRESET_CURRICULUM,
    CellConfig,
    GradConfig,
)
from vizlib.lessons.recurrent_cells.params import (
    MAX_CHARS,
    WEIGHT_FIELDS,
    build_params,
    is_seeded,
    parse_sequence,
    resize_sequence,
    seeded_text,
    shapes,
)
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.i18n import scoped_t, t
from vizlib.ui.page import page_header

lt = scoped_t(NS)
K = CellConfig.key


def _keep_state() -> None:
    """Keep settings whose widgets are hidden this run (the activation, c0 for non-LSTM cells)."""
    for cls in (CellConfig, GradConfig):
        for f in dataclasses.fields(cls):
            if cls.key(f.name) in st.session_state:
                st.session_state[cls.key(f.name)] = st.session_state[cls.key(f.name)]


def _shape_now() -> tuple[str, int, int, int]:
    ss = st.session_state
    return ss[K("cell")], ss[K("input_size")], ss[K("hidden_size")], ss[K("seed")]


def _fill_seeded() -> None:
    """An empty weight field shows the seed's draw, so there is always something to edit."""
    ui.seed_all(CellConfig)
    kind, i, h, seed = _shape_now()
    for name in WEIGHT_FIELDS:
        if not str(st.session_state[K(name)]).strip():
            st.session_state[K(name)] = seeded_text(name, kind, i, h, seed)


def _redraw() -> None:
    """Cell type, sizes or seed changed: every weight is drawn afresh from the seed."""
    for name in WEIGHT_FIELDS:
        st.session_state[K(name)] = ""


def _resize() -> None:
    st.session_state[K("seq")] = resize_sequence(
        st.session_state[K("seq")], st.session_state[K("input_size")]
    )
    _redraw()


def _new_seed() -> None:
    st.session_state[K("seed")] = (st.session_state[K("seed")] + 1) % 10_000
    _redraw()


def _top_row() -> None:
    if present.is_presenting():  # the preset is left out: the two buttons share a narrow column
        c1, c2, c3 = st.container(), *st.columns(2)
    else:
        c1, c2, c3 = st.columns([2, 1, 1])
    with c1:
        ui.preset_row(CellConfig, {"curriculum": PRESET_CURRICULUM}, with_help=True)
    with c2:
        st.button(lt("randomise"), key=f"{NS}.randomise", help=lt("randomise_help"),
                  on_click=_new_seed)  # fmt: skip
    with c3:
        ui.reset_button(CellConfig, key=f"{NS}.reset_cell")


def _cell_controls() -> str:
    _top_row()
    if present.is_presenting():  # in a narrow column beside the step-through: two to a row
        a, b = st.columns(2)
        c1, c2, c3, c4, c5 = a, b, a, b, a
    else:
        c1, c2, c3, c4, c5 = st.columns([1.4, 1, 1, 1, 0.8])
    with c1:
        kind = ui.radio(CellConfig, "cell", lt("cell_label"),
                        format_func=lambda v: lt(f"cell.{v}"), on_change=_redraw)  # fmt: skip
    with c2:
        ui.select(CellConfig, "act", lt("act_label"), format_func=lambda v: t(f"act.{v}"),
                  disabled=kind != "rnn", help=lt("act_help"))  # fmt: skip
    with c3:
        ui.slider(CellConfig, "input_size", lt("input_size"), on_change=_resize)
    with c4:
        ui.slider(CellConfig, "hidden_size", lt("hidden_size"), on_change=_redraw)
    with c5:
        ui.number(CellConfig, "seed", lt("seed"), on_change=_redraw)
    ui.text(CellConfig, "seq", lt("seq_label", n=MAX_STEPS), help=lt("seq_help"))
    return kind


def _height(shape: tuple[int, ...], kind: str) -> int:
    """Enough lines for the seeded text: a matrix row per line (blank line between gate blocks),
    a vector wrapped about three numbers to a line."""
    gates = len(GATES[kind])
    lines = shape[0] + gates - 1 if len(shape) == 2 else -(-shape[0] // 3)
    return max(68, min(24 * lines + 28, 330))


def _weight_controls(kind: str) -> None:
    _, i, h, _ = _shape_now()
    want = shapes(kind, i, h)
    blocks = lt(f"blocks.{kind}")
    with st.expander(lt("weights_title"), expanded=not present.is_presenting()):
        st.caption(lt("weights_help", blocks=blocks))
        names = [n for n in WEIGHT_FIELDS if kind == "lstm" or n != "c0"]
        for col, name in zip(st.columns(len(names)), names):
            shape = "×".join(str(n) for n in want[name])
            with col:
                st.text_area(lt(f"field.{name}", shape=shape), key=K(name), max_chars=MAX_CHARS,
                             height=_height(want[name], kind))  # fmt: skip


def _cell_config() -> CellConfig:
    """The settings from the widgets; weights equal to the seed's draw go into the link as ""."""
    ss = st.session_state
    values = {f.name: ss[K(f.name)] for f in dataclasses.fields(CellConfig)}
    kind, i, h, seed = _shape_now()
    for name in WEIGHT_FIELDS:
        if is_seeded(values[name], name, kind, i, h, seed) or (name == "c0" and kind != "lstm"):
            values[name] = ""
    try:
        cfg = CellConfig(**values)
    except (ValueError, TypeError) as err:
        st.error(t("common.config_invalid", reason=str(err)))
        cfg = CellConfig()
    ui.sync_url(cfg)
    return cfg


def show_input_error(err: InputError) -> None:
    """The translated reason a typed field was rejected."""
    detail = dict(err.detail)
    if "field" in detail:
        detail["field"] = lt(f"fname.{detail['field']}")
    st.error(lt(f"err.{err.key}", **detail), icon="✋")


def _steps(cfg: CellConfig) -> CellConfig:
    """The step-through of the typed cell, or why it cannot run; the config (its step clamped)."""
    try:
        params = build_params(cfg.cell, cfg.act, cfg.input_size, cfg.hidden_size, cfg.seed,
                              cfg.texts())  # fmt: skip
        xs = parse_sequence(cfg.seq, cfg.input_size, MAX_STEPS)
    except InputError as err:
        show_input_error(err)
    else:
        if cfg.step > len(xs):  # the sequence got shorter than the step in the link: last step
            st.session_state[K("step")] = len(xs)
            cfg = dataclasses.replace(cfg, step=len(xs))
            ui.sync_url(cfg)
        view_steps.show(cfg, params, xs)
    return cfg


def show() -> None:
    """Draw the whole page."""
    page_header(NS)
    ui.url_notice(CellConfig)
    ui.url_notice(GradConfig)
    _keep_state()
    _fill_seeded()
    # on a projector: the settings in a narrow column beside the step-through and its heat map
    side, steps = (
        st.columns([1, 2], gap="medium")
        if present.is_presenting()
        else (contextlib.nullcontext(), contextlib.nullcontext())
    )
    with side:
        kind = _cell_controls()
        _weight_controls(kind)
        cfg = _cell_config()
    with steps:
        cfg = _steps(cfg)
    st.divider()
    grad = view_grad.show()
    ui.share_box(cfg, grad)
