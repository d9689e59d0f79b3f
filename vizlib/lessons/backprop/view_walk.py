"""The backprop page, section 1: the tiny-MLP step-through (controls, graph, formula, update)."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np
import streamlit as st

from vizlib.core.activations import ACTIVATIONS
from vizlib.core.errors import InputError
from vizlib.lessons.backprop.charts_graph import network_dot, weights_table
from vizlib.lessons.backprop.charts_latex import num, step_latex
from vizlib.lessons.backprop.config import LOSS_CHOICES, PRESET_222
from vizlib.lessons.backprop.config import BackpropConfig as C
from vizlib.lessons.backprop.net_text import MAX_TEXT, fit_fields, format_matrix
from vizlib.lessons.backprop.network import Net, agrees, apply_update, trace_net, trace_steps
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.formula import formula_box, pitfall
from vizlib.ui.i18n import scoped_t, t

NS = C.NS
lt = scoped_t(NS)
STEP_KEY = f"{NS}.step"
APPLIED_KEY = f"{NS}.applied"
FULL_KEY = f"{NS}.full_rerun"
PRESETS = {
    "preset_222": PRESET_222,
    "preset_single": {
        "n_in": 1,
        "n_layers": 1,
        "size1": 1,
        "act1": "sigmoid",
        "loss": "half_sse",
        "x": "1.5",
        "y": "0",
        "w1": "0.8",
        "b1": "0.2",
        "lr": 0.5,
    },
    "preset_relu": {
        "n_in": 3,
        "n_layers": 2,
        "size1": 3,
        "size2": 1,
        "act1": "relu",
        "act2": "linear",
        "loss": "half_sse",
        "x": "1, -2, 0.5",
        "y": "1",
        "w1": "0.5, -0.3, 0.8; -0.6, 0.1, 0.4; 0.2, 0.7, -0.5",
        "b1": "0.1, 0, -0.1",
        "w2": "0.7, -0.4, 0.9",
        "b2": "0",
        "lr": 0.1,
    },
}


def _current_values() -> dict[str, Any]:
    values = dataclasses.asdict(C())
    for name in values:
        if C.key(name) in st.session_state:
            values[name] = st.session_state[C.key(name)]
    return values


def _refit() -> None:
    """on_change of a shape widget: rewrite the number fields that no longer fit, reset the walk."""
    for name, text in fit_fields(_current_values()).items():
        st.session_state[C.key(name)] = text
    st.session_state[STEP_KEY] = 0


def _randomize() -> None:
    """Fill every weight and bias of the current shape with a fresh seeded random draw."""
    values = _current_values()
    for i in range(1, values["n_layers"] + 1):
        values[f"w{i}"] = values[f"b{i}"] = ""  # empty text never fits: all get replaced
    for name, text in fit_fields(values).items():
        if name not in ("x", "y"):
            st.session_state[C.key(name)] = text
    st.session_state[STEP_KEY] = 0


def _preset(values: dict[str, Any]) -> None:
    for name, value in values.items():
        st.session_state[C.key(name)] = value
    st.session_state[STEP_KEY] = 0
    st.session_state.pop(APPLIED_KEY, None)


def _presets() -> None:
    cols = st.columns([3, 1, 1])
    for col, (name, values) in zip(cols, PRESETS.items(), strict=True):
        col.button(lt(name), key=f"{NS}.p.{name}", on_click=_preset, args=(values,))


def _arch_controls() -> list[int]:
    """Shape widgets; returns the layer sizes, input first."""
    c = st.columns(3)
    with c[0]:
        n_in = ui.slider(C, "n_in", lt("n_in"), on_change=_refit)
    with c[1]:
        n_layers = ui.slider(C, "n_layers", lt("n_layers"), on_change=_refit)
    with c[2]:
        ui.select(
            C, "loss", lt("loss"), format_func=lambda v: lt(f"loss_name.{v}"), on_change=_refit
        )
    sizes = [n_in]
    cols = st.columns(n_layers)
    for i, col in enumerate(cols, start=1):
        with col:
            sizes.append(ui.slider(C, f"size{i}", lt("size", l=i), on_change=_refit))
            ui.select(C, f"act{i}", lt("act", l=i), format_func=lambda a: t(f"act.{a}"))
    return sizes


def _number_controls(sizes: list[int]) -> None:
    st.caption(lt("numbers_help"))
    c = st.columns(2)
    with c[0]:
        ui.text(C, "x", lt("x"), max_chars=MAX_TEXT)
    with c[1]:
        ui.text(C, "y", lt("y"), max_chars=MAX_TEXT)
    for i in range(1, len(sizes)):
        a, b = st.columns([2, 1])
        with a:
            ui.text(C, f"w{i}", lt("w", l=i, rows=sizes[i], cols=sizes[i - 1]), max_chars=MAX_TEXT)
        with b:
            ui.text(C, f"b{i}", lt("b", l=i), max_chars=MAX_TEXT)
    c = st.columns([2, 1, 1], vertical_alignment="bottom")
    with c[0]:
        ui.slider(C, "lr", lt("lr"), step=0.01)
    with c[1]:
        ui.number(C, "seed", lt("seed"), help=lt("seed_help"))
    with c[2]:
        st.button(lt("randomize"), key=f"{NS}.randomize", on_click=_randomize)


def controls() -> C | None:
    """Presets, shape and number widgets; the config, or None (with a message) if it's invalid."""
    ui.url_notice(C)
    _presets()
    with st.expander(lt("arch"), expanded=True):
        sizes = _arch_controls()
    with st.expander(lt("numbers"), expanded=True):
        _number_controls(sizes)
    ui.flush_url_notice(C)
    values = {
        n: v for n, v in _current_values().items() if n in {f.name for f in dataclasses.fields(C)}
    }
    try:
        return C(**values)
    except InputError as err:
        st.error(lt(f"err.{err.key}", **err.detail))
    except (ValueError, TypeError) as err:
        st.error(lt("err.other", reason=str(err)))
    return None


def _move(to: int) -> None:
    st.session_state[STEP_KEY] = to


def step_nav(n: int) -> int:
    """First / Back / Next / To-the-end buttons; returns how many steps are done (0..n)."""
    k = min(max(int(st.session_state.get(STEP_KEY, 0)), 0), n)
    c = st.columns(4)
    c[0].button(lt("first"), key=f"{NS}.first", on_click=_move, args=(0,), disabled=k == 0)
    c[1].button(
        lt("back"),
        key=f"{NS}.back",
        on_click=_move,
        args=(k - 1,),
        disabled=k == 0,
        shortcut=present.nav_shortcut("back"),
    )
    c[2].button(
        lt("next"),
        key=f"{NS}.next",
        on_click=_move,
        args=(k + 1,),
        type="primary",
        disabled=k >= n,
        shortcut=present.nav_shortcut("next"),
    )
    c[3].button(lt("to_end"), key=f"{NS}.end", on_click=_move, args=(n,), disabled=k >= n)
    return k


def _what(step) -> str:
    if step is None:
        return lt("what.start")
    return lt(f"what.{step.phase}", unit=step.unit + 1, l=step.layer)


def _finite(net: Net, trace) -> bool:
    arrays = [*trace.a[1:], *trace.delta[1:], np.array([trace.loss])]
    return all(np.all(np.isfinite(a)) for a in arrays)


@st.fragment
def walk_section(cfg: C) -> None:
    """The step-through: step buttons, the graph, the formula of this step, update, badge.

    A fragment, so Next/Back rerun only this section; Apply update reruns the whole page.
    """
    if st.session_state.pop(FULL_KEY, False):
        st.rerun()  # the update rewrote widgets outside this fragment
    net = cfg.net()
    trace = trace_net(net)
    if not _finite(net, trace):
        st.error(lt("diverged"))
        return
    steps = trace_steps(net)
    k = step_nav(len(steps))
    cur = steps[k - 1] if k else None
    st.markdown(f"**{lt('step_of', k=k, n=len(steps), what=_what(cur))}**")
    if APPLIED_KEY in st.session_state and k == 0:
        old, new = st.session_state[APPLIED_KEY]
        st.success(lt("applied", old=old, new=new))
    st.graphviz_chart(
        network_dot(net, trace, steps, k, loss_label=lt("loss_node")), width="stretch"
    )
    st.caption(lt("graph_caption"))
    new_net = apply_update(net, trace, cfg.lr)
    if cur is not None:
        sym, filled = step_latex(net, trace, cur, new_net, cfg.lr)
        formula_box(sym, filled, title=lt(f"phase.{cur.phase}"))
    st.caption(lt(f"loss_conv.{cfg.loss}"))
    if cfg.loss in ("ce", "bce"):
        st.caption(lt(f"{cfg.loss}_note"))
    if cur is not None and cur.phase == "update":
        update_panel(net, trace, new_net)
    badge(net, trace)
    if "sigmoid" in (cfg.act1, cfg.act2, cfg.act3)[: cfg.n_layers]:
        pitfall(lt("pitfall"))


def update_panel(net: Net, trace, new_net: Net) -> None:
    """Old → new for every parameter, the new loss, and the Apply button."""
    new_loss = trace_net(new_net).loss
    m = st.columns(2)
    m[0].metric(lt("old_loss"), num(trace.loss, 6))
    m[1].metric(
        lt("new_loss"), num(new_loss, 6), delta=num(new_loss - trace.loss, 6), delta_color="inverse"
    )
    rows = weights_table(net.weights, new_net.weights, "W")
    rows += weights_table(net.biases, new_net.biases, "b")
    names = {
        "param": lt("col_param"),
        "old": lt("col_old"),
        "new": lt("col_new"),
        "change": lt("col_change"),
    }
    st.markdown(f"**{lt('update_table')}**")
    st.dataframe([{names[k]: v for k, v in r.items()} for r in rows], hide_index=True)
    st.button(
        lt("apply"),
        key=f"{NS}.apply",
        help=lt("apply_help"),
        type="primary",
        on_click=_apply_update,
        args=(new_net, trace.loss, new_loss),
    )


def _apply_update(new_net: Net, old_loss: float, new_loss: float) -> None:
    for i, (w, b) in enumerate(zip(new_net.weights, new_net.biases, strict=True), start=1):
        st.session_state[C.key(f"w{i}")] = format_matrix(w, 10)
        st.session_state[C.key(f"b{i}")] = format_matrix(b, 10)
    st.session_state[STEP_KEY] = 0
    st.session_state[APPLIED_KEY] = (num(old_loss, 6), num(new_loss, 6))
    st.session_state[FULL_KEY] = True


def badge(net: Net, trace) -> None:
    """Recompute everything with torch.autograd and show the largest absolute difference."""
    diff, ok = agrees(net, trace)
    text = f"{diff:.1e}" if math.isfinite(diff) else "NaN"
    if ok:
        st.success(lt("badge_ok", diff=text), icon=":material/verified:")
    else:
        st.error(lt("badge_bad", diff=text), icon=":material/error:")


__all__ = ["ACTIVATIONS", "LOSS_CHOICES", "controls", "walk_section"]
