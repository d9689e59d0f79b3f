"""LaTeX for the convolution lesson's formula boxes: the symbolic form and the filled-in numbers.

Pure string building from values computed by the lesson (nothing is calculated here).
"""

from __future__ import annotations

import numpy as np

from vizlib.charts.tex import tex_num as shared_tex_num

MAX_TERMS = 9  # beyond this many products the filled-in sum is abbreviated

SIZE_SYMBOLIC = r"o = \left\lfloor \frac{n + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1"
SIZE_SYMBOLIC_ASYM = (
    r"o = \left\lfloor \frac{n + p_{\mathrm{lo}} + p_{\mathrm{hi}} - d\,(k-1) - 1}{s}"
    r" \right\rfloor + 1"
)
CONV_SYMBOLIC = r"y_{ij} = \sum_{a,b} x_{\,i s - p + a d,\; j s - p + b d}\; w_{ab} + b"
MAX_SYMBOLIC = r"y_{ij} = \max_{a,b}\; x_{\,i s - p + a,\; j s - p + b}"
AVG_SYMBOLIC = r"y_{ij} = \frac{1}{k^2} \sum_{a,b} x_{\,i s - p + a,\; j s - p + b}"


def tex_num(x: float, digits: int = 4) -> str:
    """A number for LaTeX: `digits` significant digits (integers plainly), -inf as -\\infty."""
    return shared_tex_num(x, digits, significant=True)


def matrix_latex(values: np.ndarray) -> str:
    """A small matrix as a LaTeX pmatrix."""
    rows = (" & ".join(tex_num(v) for v in row) for row in np.asarray(values, dtype=float))
    return r"\begin{pmatrix}" + r" \\ ".join(rows) + r"\end{pmatrix}"


def _paren(x: float) -> str:
    s = tex_num(x)
    return f"({s})" if s.startswith("-") else s


def size_filled(
    axis: str, n: int, k: int, s: int, pads: tuple[int, int], d: int, steps: tuple[int, int, int]
) -> str:
    """One axis of the output-size formula with its numbers: … = ⌊numer/s⌋ + 1 = o."""
    lo, hi = pads
    pad = rf"2 \cdot {lo}" if lo == hi else rf"{lo} + {hi}"
    numer, quot, out = steps
    return (
        rf"o_{{\mathrm{{{axis}}}}} = \left\lfloor \frac{{{n} + {pad} - {d}\,({k}-1) - 1}}{{{s}}}"
        rf" \right\rfloor + 1 = \left\lfloor \frac{{{numer}}}{{{s}}} \right\rfloor + 1"
        rf" = {quot} + 1 = {out}"
    )


def conv_filled(
    pos: tuple[int, int], window: np.ndarray, kernel: np.ndarray, bias: float, value: float
) -> str:
    """y_ij = Σ w·x (every product written out when few) + b = value."""
    terms = [
        f"{_paren(w)} \\cdot {_paren(x)}"
        for w, x in zip(kernel.ravel(), window.ravel(), strict=True)
    ]
    if len(terms) > MAX_TERMS:
        terms = [*terms[:3], r"\cdots", *terms[-2:]]
    return (
        rf"y_{{{pos[0]},{pos[1]}}} = " + " + ".join(terms) + f" + {_paren(bias)} = {tex_num(value)}"
    )


def pool_filled(pos: tuple[int, int], window: np.ndarray, mode: str, value: float) -> str:
    """y_ij = max(…) or (1/k²)(… + …) with the window's numbers, = value."""
    vals = [tex_num(v) for v in window.ravel()]
    if len(vals) > MAX_TERMS * 2:
        vals = [*vals[:4], r"\cdots", *vals[-2:]]
    head = rf"y_{{{pos[0]},{pos[1]}}} = "
    if mode == "max":
        return head + r"\max(" + ", ".join(vals) + rf") = {tex_num(value)}"
    return head + rf"\frac{{1}}{{{window.size}}}(" + " + ".join(vals) + rf") = {tex_num(value)}"
