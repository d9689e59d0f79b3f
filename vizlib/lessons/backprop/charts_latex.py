"""LaTeX for the backprop step-through: each step's formula, symbolic and with numbers filled in.

Builders return (symbolic, filled) pairs of LaTeX strings for the page's formula box.
"""

from __future__ import annotations

import numpy as np

from vizlib.charts.tex import SYMBOL, tex_num
from vizlib.lessons.backprop.network import Net, Step, Trace, output_act


def num(x: float, digits: int = 4) -> str:
    """A number for LaTeX: `digits` significant digits, scientific when tiny or huge."""
    return tex_num(x, digits, significant=True)


def _p(x: float) -> str:
    """A number wrapped in parentheses when negative (for products)."""
    s = num(x)
    return f"({s})" if s.startswith("-") else s


def forward_latex(net: Net, trace: Trace, li: int, j: int) -> tuple[str, str]:
    """z and a of neuron j (0-based) of layer `li`."""
    f = SYMBOL[output_act(net, li)]
    prev = "x" if li == 1 else f"a^{{({li - 1})}}"
    sym = (
        rf"z^{{({li})}}_{{{j + 1}}} = \sum_i W^{{({li})}}_{{{j + 1} i}}\, {prev}_i + "
        rf"b^{{({li})}}_{{{j + 1}}} \\ "
        rf"a^{{({li})}}_{{{j + 1}}} = {f}(z^{{({li})}}_{{{j + 1}}})"
    )
    terms = " + ".join(
        rf"{_p(net.weights[li - 1][j, i])} \cdot {_p(trace.a[li - 1][i])}"
        for i in range(net.sizes[li - 1])
    )
    z, a = trace.z[li][j], trace.a[li][j]
    arg = r"\mathbf{z}" if f == SYMBOL["softmax"] else num(z)
    filled = (
        rf"z^{{({li})}}_{{{j + 1}}} = {terms} + {_p(net.biases[li - 1][j])} = {num(z)} "
        rf"\\ a^{{({li})}}_{{{j + 1}}} = {f}({arg}) = {num(a)}"
    )
    if f == SYMBOL["softmax"]:
        sym = sym.replace(
            rf"{f}(z^{{({li})}}_{{{j + 1}}})", rf"e^{{z_{{{j + 1}}}}} / \textstyle\sum_k e^{{z_k}}"
        )
    return _gather(sym), _gather(filled)


def _gather(*lines: str) -> str:
    """Lines centred one under another (a line may itself contain a break)."""
    return r"\begin{gathered}" + r" \\ ".join(lines) + r"\end{gathered}"


def loss_latex(net: Net, trace: Trace) -> tuple[str, str]:
    """The loss with its convention (½Σ, mean, cross-entropy or binary cross-entropy)."""
    L = len(net.weights)
    out, y = trace.a[L], net.y
    if net.loss == "ce":
        sym = r"L = -\sum_j y_j \log a_j"
        terms = " + ".join(rf"{_p(y[j])} \log {num(out[j])}" for j in range(len(y)))
        return sym, rf"L = -\left[{terms}\right] = {num(trace.loss)}"
    if net.loss == "bce":
        sym = r"L = -\tfrac{1}{n} \sum_j \big[y_j \log a_j + (1 - y_j) \log(1 - a_j)\big]"
        terms = " + ".join(
            rf"{_p(y[j])} \log {num(out[j])} + {_p(1 - y[j])} \log {num(1 - out[j])}"
            for j in range(len(y))
        )
        return sym, rf"L = -\tfrac{{1}}{{{len(y)}}}\left[{terms}\right] = {num(trace.loss)}"
    terms = " + ".join(rf"({num(out[j])} - {_p(y[j])})^2" for j in range(len(y)))
    if net.loss == "half_sse":
        return (
            r"L = \tfrac{1}{2} \sum_j (a_j - y_j)^2",
            rf"L = \tfrac{{1}}{{2}}\left[{terms}\right] = {num(trace.loss)}",
        )
    n = len(y)
    return (
        r"L = \tfrac{1}{n} \sum_j (a_j - y_j)^2",
        rf"L = \tfrac{{1}}{{{n}}}\left[{terms}\right] = {num(trace.loss)}",
    )


def backward_latex(net: Net, trace: Trace, li: int, j: int) -> tuple[str, str]:
    """δ of neuron j of layer `li`, then its weight and bias gradients."""
    L, jj = len(net.weights), j + 1
    d, fp = trace.delta[li][j], trace.fprime[li][j]
    f = SYMBOL[output_act(net, li)]
    if li == L and net.loss == "ce":
        sym = rf"\delta^{{({li})}}_{{{jj}}} = a_{{{jj}}} - y_{{{jj}}}"
        filled = rf"\delta^{{({li})}}_{{{jj}}} = {num(trace.a[li][j])} - {_p(net.y[j])} = {num(d)}"
    elif li == L and net.loss == "bce":
        n, a, aj, yj = len(net.y), trace.a[li][j], f"a_{{{jj}}}", f"y_{{{jj}}}"
        dj = rf"\delta^{{({li})}}_{{{jj}}}"
        sym = (
            rf"{dj} = \frac{{\partial L}}{{\partial {aj}}}\, \sigma'(z_{{{jj}}}) = "
            rf"\frac{{{aj} - {yj}}}{{n\, {aj}(1 - {aj})}}\, {aj}(1 - {aj}) = "
            rf"\tfrac{{1}}{{n}}({aj} - {yj})"
        )
        filled = rf"{dj} = \tfrac{{1}}{{{n}}}({num(a)} - {_p(net.y[j])}) = {num(d)}"
    elif li == L:
        scale = {"half_sse": "", "mse": rf"\tfrac{{2}}{{{len(net.y)}}}"}[net.loss]
        sym = (
            rf"\delta^{{({li})}}_{{{jj}}} = \frac{{\partial L}}{{\partial a_{{{jj}}}}}\, "
            rf"{f}'(z_{{{jj}}}) = {scale}(a_{{{jj}}} - y_{{{jj}}})\, {f}'(z_{{{jj}}})"
        )
        filled = (
            rf"\delta^{{({li})}}_{{{jj}}} = {scale}({num(trace.a[li][j])} - {_p(net.y[j])}) "
            rf"\cdot {_p(fp)} = {num(d)}"
        )
    else:
        sym = (
            rf"\delta^{{({li})}}_{{{jj}}} = \Big(\sum_k W^{{({li + 1})}}_{{k {jj}}}\, "
            rf"\delta^{{({li + 1})}}_k\Big)\, {f}'(z^{{({li})}}_{{{jj}}})"
        )
        terms = " + ".join(
            rf"{_p(net.weights[li][k, j])} \cdot {_p(trace.delta[li + 1][k])}"
            for k in range(net.sizes[li + 1])
        )
        filled = rf"\delta^{{({li})}}_{{{jj}}} = ({terms}) \cdot {_p(fp)} = {num(d)}"
    prev = "x" if li == 1 else f"a^{{({li - 1})}}"
    sym += (
        rf" \\ \frac{{\partial L}}{{\partial W^{{({li})}}_{{{jj} i}}}} = "
        rf"\delta^{{({li})}}_{{{jj}}}\, {prev}_i, \quad "
        rf"\frac{{\partial L}}{{\partial b^{{({li})}}_{{{jj}}}}} = \delta^{{({li})}}_{{{jj}}}"
    )
    grads = ", ".join(num(g) for g in trace.dw[li][j])
    filled += (
        rf" \\ \frac{{\partial L}}{{\partial W^{{({li})}}_{{{jj} \cdot}}}} = "
        rf"{num(d)} \cdot [{', '.join(num(v) for v in trace.a[li - 1])}] = [{grads}], "
        rf"\quad \frac{{\partial L}}{{\partial b^{{({li})}}_{{{jj}}}}} = {num(d)}"
    )
    return _gather(sym), _gather(filled)


def _bmatrix(m: np.ndarray) -> str:
    m = np.atleast_2d(m) if m.ndim == 2 else m.reshape(-1, 1)
    rows = [" & ".join(num(v) for v in row) for row in m]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def update_latex(net: Net, trace: Trace, new: Net, lr: float) -> tuple[str, str]:
    """θ ← θ − η ∂L/∂θ for every weight matrix (biases are listed in the table)."""
    sym = (
        r"W^{(l)} \leftarrow W^{(l)} - \eta\, \frac{\partial L}{\partial W^{(l)}}, \quad "
        r"b^{(l)} \leftarrow b^{(l)} - \eta\, \delta^{(l)}"
    )
    parts = [
        rf"W^{{({li})}} = {_bmatrix(net.weights[li - 1])} - {num(lr)} "
        rf"{_bmatrix(trace.dw[li])} = {_bmatrix(new.weights[li - 1])}"
        for li in range(1, len(net.weights) + 1)
    ]
    return sym, _gather(*parts)


def step_latex(net: Net, trace: Trace, step: Step, new: Net, lr: float) -> tuple[str, str]:
    """The (symbolic, filled) formulas for any step."""
    if step.phase == "forward":
        return forward_latex(net, trace, step.layer, step.unit)
    if step.phase == "loss":
        return loss_latex(net, trace)
    if step.phase == "backward":
        return backward_latex(net, trace, step.layer, step.unit)
    return update_latex(net, trace, new, lr)
