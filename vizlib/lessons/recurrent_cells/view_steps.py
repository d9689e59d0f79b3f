"""The step-through: Previous/Next/Reset over time steps, every gate's formula with its numbers,
and the states over time as heatmaps with the current step boxed."""

from __future__ import annotations

import numpy as np
import streamlit as st

from vizlib.lessons.recurrent_cells.cells import CellParams, SequenceTrace, run_sequence
from vizlib.lessons.recurrent_cells.charts import state_heatmap_figure
from vizlib.lessons.recurrent_cells.charts_latex import step_latex, vec
from vizlib.lessons.recurrent_cells.config import NS, CellConfig
from vizlib.ui import present
from vizlib.ui.formula import formula_box, pitfall
from vizlib.ui.i18n import scoped_t
from vizlib.ui.plot import projector_type, show_figure

lt = scoped_t(NS)
STEP = CellConfig.key("step")


def _go(to: int) -> None:
    st.session_state[STEP] = to


def _nav(step: int, length: int) -> None:
    # a projector's narrower column: room for "Previous" and its key beside the icon
    c1, c2, c3, c4 = st.columns([1.3, 1, 1, 1.5] if present.is_presenting() else [1, 1, 1, 3])
    with c1:
        st.button(lt("prev"), key=f"{NS}.prev", on_click=_go, args=(max(1, step - 1),),
                  disabled=step <= 1, icon=":material/arrow_back:", width="stretch",
                  shortcut=present.nav_shortcut("back"))  # fmt: skip
    with c2:
        st.button(lt("next"), key=f"{NS}.next", on_click=_go, args=(min(length, step + 1),),
                  disabled=step >= length, icon=":material/arrow_forward:", type="primary",
                  width="stretch", shortcut=present.nav_shortcut("next"))  # fmt: skip
    with c3:
        st.button(lt("first"), key=f"{NS}.first", on_click=_go, args=(1,), disabled=step == 1,
                  icon=":material/first_page:", width="stretch")  # fmt: skip
    with c4:
        st.markdown(lt("step_of", t=step, T=length))


def _heatmaps(p: CellParams, trace: SequenceTrace, step: int) -> None:
    states = [("h", trace.hs)] + ([("c", trace.cs)] if p.kind == "lstm" else [])
    for col, (name, values) in zip(st.columns(len(states)), states):
        with col:
            fig = state_heatmap_figure(values, step, lt(f"heat_{name}"), x_title=lt("time"),
                                       unit_label=lt("unit"))  # fmt: skip
            show_figure(projector_type(fig), key=f"{NS}.heat_{name}")


def _inputs_line(p: CellParams, trace: SequenceTrace, step: int) -> None:
    s = trace.steps[step - 1]
    parts = [rf"x_{{{step}}} = {vec(s.x)}", rf"h_{{{step - 1}}} = {vec(s.h_prev)}"]
    if p.kind == "lstm":
        parts.append(rf"c_{{{step - 1}}} = {vec(s.c_prev)}")
    st.latex(r",\qquad ".join(parts))


def _notes(p: CellParams, trace: SequenceTrace, step: int) -> None:
    if p.kind == "rnn" and p.act == "sigmoid":
        pitfall(lt("pitfall_sigmoid"))
    elif p.kind != "rnn":
        st.caption(lt("gates_note"))
    if not np.isfinite(trace.hs).all():
        st.warning(lt("not_finite"))


def show(cfg: CellConfig, p: CellParams, xs: np.ndarray) -> None:
    """The step-through of the cell over the sequence xs (T, I)."""
    trace = run_sequence(p, xs)
    length = len(xs)
    step = cfg.step
    st.subheader(lt("steps_title"))
    _nav(step, length)
    _heatmaps(p, trace, step)
    _inputs_line(p, trace, step)
    _notes(p, trace, step)
    for name, sym, filled in step_latex(p, trace.steps[step - 1]):
        formula_box(sym, filled, title=lt(f"gate.{p.kind}.{name}"))
