"""LaTeX pieces the lessons' formula boxes share: numbers filled into formulas, function symbols."""

from __future__ import annotations

import math

# how an activation is written in a formula
SYMBOL = {
    "sigmoid": r"\sigma",
    "tanh": r"\tanh",
    "relu": r"\mathrm{ReLU}",
    "leaky_relu": r"\mathrm{LeakyReLU}",
    "gelu": r"\mathrm{GELU}",
    "linear": r"\mathrm{id}",
    "softmax": r"\mathrm{softmax}",
}


def tex_num(x: float, digits: int = 4, *, significant: bool = False) -> str:
    """A number for LaTeX: `digits` decimals (or significant digits); scientific if tiny or huge."""
    x = float(x)
    if math.isnan(x):
        return r"\mathrm{NaN}"
    if math.isinf(x):
        return r"-\infty" if x < 0 else r"\infty"
    if abs(x) >= 1e6 or (0 < abs(x) < 10 ** (-digits)):
        mant, exp = f"{x:.{digits - 1}e}".split("e")
        if significant:
            mant = mant.rstrip("0").rstrip(".")
        return rf"{mant} \times 10^{{{int(exp)}}}"
    places = digits
    if significant:
        places = max(digits - 1 - math.floor(math.log10(abs(x))), 0) if x else 0
    s = f"{x:.{places}f}".rstrip("0").rstrip(".") if places else f"{x:.0f}"
    return "0" if s in ("-0", "") else s
