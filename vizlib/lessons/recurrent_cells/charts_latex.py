"""LaTeX for each gate and state of one time step: the symbolic formula and the same with numbers.

Pure string building from a StepTrace (no streamlit), so tests can read every number shown.
"""

from __future__ import annotations

import numpy as np

from vizlib.lessons.recurrent_cells.cells import GATES, CellParams, StepTrace

ACT_TEX = {"tanh": r"\tanh", "sigmoid": r"\sigma", "relu": r"\mathrm{ReLU}"}
GATE_ACT = {"i": "sigmoid", "f": "sigmoid", "g": "tanh", "o": "sigmoid", "r": "sigmoid",
            "z": "sigmoid", "n": "tanh"}  # fmt: skip
ORDER = {"rnn": ("a", "h"), "lstm": ("f", "i", "g", "o", "c", "h"), "gru": ("r", "z", "n", "h")}


def num(x: float, digits: int = 4) -> str:
    """A number for a formula: fixed precision, no trailing zeros, huge/tiny in powers of 10."""
    if not np.isfinite(x):
        return r"\mathrm{NaN}" if np.isnan(x) else (r"\infty" if x > 0 else r"-\infty")
    if abs(x) >= 1e6 or (0 < abs(x) < 10 ** (-digits)):
        mant, exp = f"{x:.{digits - 1}e}".split("e")
        return rf"{mant} \times 10^{{{int(exp)}}}"
    s = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def vec(v: np.ndarray) -> str:
    """A column vector."""
    return r"\begin{bmatrix}" + r" \\ ".join(num(float(x)) for x in v) + r"\end{bmatrix}"


def mat(m: np.ndarray) -> str:
    """A matrix."""
    rows = (" & ".join(num(float(x)) for x in row) for row in np.atleast_2d(m))
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def _three_lines(lhs: str, f: str, x_part: str, h_part: str, result: str) -> str:
    """lhs = f(x part, then + h part on the next line) = result on a third: 4×4 matrices side by
    side would run off the page. `f` "" means no function around the sum (the RNN's a_t)."""
    if f:
        first, second = rf"{f}\left({x_part} \right.", rf"\left. + {h_part}\right)"
    else:
        first, second = x_part, rf"+ {h_part}"
    return (rf"\begin{{aligned}} {lhs} &= {first} \\ &\qquad {second} \\ &= {result}"
            r" \end{aligned}")  # fmt: skip


def _affine(p: CellParams, gate: str, s: StepTrace) -> tuple[str, str, str]:
    """W_i· x_t + b_i· + W_h· h_{t-1} + b_h·: symbolic, and the filled x and h parts."""
    w_i, w_h, b_i, b_h = p.block(gate)
    sub = "h" if p.kind == "rnn" else gate  # RNN: W_ih, W_hh; gates: W_if, W_hf, ...
    sym = rf"W_{{i{sub}}} x_t + b_{{i{sub}}} + W_{{h{sub}}} h_{{t-1}} + b_{{h{sub}}}"
    x_part = rf"{mat(w_i)}{vec(s.x)} + {vec(b_i)}"
    h_part = rf"{mat(w_h)}{vec(s.h_prev)} + {vec(b_h)}"
    if gate == "n":  # torch's GRU: r multiplies (W_hn h + b_hn), its bias included
        sym = r"W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn})"
        h_part = rf"{vec(s.gates['r'])} \odot \left({h_part}\right)"
    return sym, x_part, h_part


def _gate(p: CellParams, gate: str, s: StepTrace) -> tuple[str, str]:
    f = ACT_TEX[GATE_ACT[gate]]
    sym, x_part, h_part = _affine(p, gate, s)
    value = rf"{f}\left({vec(s.pre[gate])}\right) = {vec(s.gates[gate])}"
    filled = _three_lines(rf"{gate}_t", f, x_part, h_part, value)
    return rf"{gate}_t = {f}\left({sym}\right)", filled


def _state(p: CellParams, name: str, s: StepTrace) -> tuple[str, str]:
    g = s.gates
    if p.kind == "rnn" and name == "a":
        sym, x_part, h_part = _affine(p, "a", s)
        return rf"a_t = {sym}", _three_lines("a_t", "", x_part, h_part, vec(s.pre["a"]))
    if p.kind == "rnn":
        f = ACT_TEX[p.act]
        return rf"h_t = {f}(a_t)", rf"h_t = {f}\left({vec(s.pre['a'])}\right) = {vec(s.h)}"
    if p.kind == "lstm" and name == "c":
        filled = rf"{vec(g['f'])} \odot {vec(s.c_prev)} + {vec(g['i'])} \odot {vec(g['g'])}"
        sym = r"c_t = f_t \odot c_{t-1} + i_t \odot g_t"
        return sym, rf"c_t = {filled} = {vec(s.c)}"
    if p.kind == "lstm":
        filled = rf"{vec(g['o'])} \odot \tanh\left({vec(s.c)}\right) = {vec(s.h)}"
        return r"h_t = o_t \odot \tanh(c_t)", rf"h_t = {filled}"
    filled = rf"\left(1 - {vec(g['z'])}\right) \odot {vec(g['n'])} + {vec(g['z'])} \odot "
    filled += rf"{vec(s.h_prev)} = {vec(s.h)}"
    return r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}", rf"h_t = {filled}"


def step_latex(p: CellParams, s: StepTrace) -> list[tuple[str, str, str]]:
    """(name, symbolic, filled) for every gate and state of the step, in the order to read them."""
    out = []
    for name in ORDER[p.kind]:
        is_gate = name in GATES[p.kind] and p.kind != "rnn"
        sym, filled = _gate(p, name, s) if is_gate else _state(p, name, s)
        out.append((name, sym, filled))
    return out
