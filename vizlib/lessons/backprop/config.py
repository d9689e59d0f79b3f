"""The backprop page's config (architecture, numbers as text, lr, seed) and its text parsing.

Errors are `NetError`s carrying a message key and fields, so the page can translate them.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, ClassVar

import numpy as np

from vizlib.core.activations import ACTIVATIONS
from vizlib.core.config import QueryConfig, param

MAX_TEXT = 200
MAX_ABS = 1e4
_NUM = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


class NetError(ValueError):
    """A bad network description; `key` names the message, `fmt` fills it in."""

    def __init__(self, key: str, **fmt: Any) -> None:
        super().__init__(f"{key}: {fmt}")
        self.key = key
        self.fmt = fmt


def _numbers(text: str, field: str) -> list[float]:
    out = []
    for tok in re.split(r"[,\s]+", text.strip()):
        if not tok:
            continue
        if not _NUM.match(tok):
            raise NetError("number", field=field, token=tok[:20])
        v = float(tok)
        if not math.isfinite(v) or abs(v) > MAX_ABS:
            raise NetError("too_big", field=field, token=tok[:20], limit=f"{MAX_ABS:g}")
        out.append(v)
    return out


def _rows(text: str, field: str) -> list[str]:
    if len(text) > MAX_TEXT:
        raise NetError("too_long", field=field, limit=MAX_TEXT)
    if "[" in text:  # [[1, 2], [3, 4]] or [1, 2]
        inner = re.findall(r"\[([^\[\]]*)\]", text)
        return inner if inner else [text.replace("[", "").replace("]", "")]
    return [r for r in re.split(r"[;\n]", text) if r.strip()]


def parse_vector(text: str, n: int, field: str) -> np.ndarray:
    """Read "1, 2" (or "[1, 2]") as a float64 vector of length n."""
    vals = [v for row in _rows(text, field) for v in _numbers(row, field)]
    if len(vals) != n:
        raise NetError("count", field=field, want=n, got=len(vals))
    return np.array(vals, dtype=np.float64)


def parse_matrix(text: str, rows: int, cols: int, field: str) -> np.ndarray:
    """Read "1, 2; 3, 4" (or "[[1, 2], [3, 4]]") as a float64 (rows, cols) matrix."""
    parsed = [_numbers(r, field) for r in _rows(text, field)]
    if len(parsed) != rows or any(len(r) != cols for r in parsed):
        raise NetError("shape", field=field, rows=rows, cols=cols)
    return np.array(parsed, dtype=np.float64)


LOSS_CHOICES = ("half_sse", "mse", "ce")


@dataclasses.dataclass(frozen=True)
class BackpropConfig(QueryConfig):
    """Everything the step-through needs; defaults are the curriculum's 2-2-2 example."""

    NS: ClassVar[str] = "backprop"

    n_in: int = param(2, lo=1, hi=3)
    n_layers: int = param(2, lo=1, hi=3)
    size1: int = param(2, lo=1, hi=3)
    size2: int = param(2, lo=1, hi=3)
    size3: int = param(2, lo=1, hi=3)
    act1: str = param("sigmoid", choices=ACTIVATIONS)
    act2: str = param("sigmoid", choices=ACTIVATIONS)
    act3: str = param("sigmoid", choices=ACTIVATIONS)
    loss: str = param("half_sse", choices=LOSS_CHOICES)
    x: str = param("1, 2")
    y: str = param("0, 1")
    w1: str = param("1, 2; 3, 4")
    b1: str = param("0, 0")
    w2: str = param("1, 2; 3, 4")
    b2: str = param("0, 0")
    w3: str = param("1, 0; 0, 1")
    b3: str = param("0, 0")
    lr: float = param(0.1, lo=0.0, hi=10.0)
    seed: int = param(0, lo=0, hi=999_999)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.net()  # raises NetError (a ValueError) when the numbers don't fit the shapes

    @property
    def sizes(self) -> list[int]:
        """Units per layer, input first."""
        return [self.n_in, self.size1, self.size2, self.size3][: self.n_layers + 1]

    def net(self):
        """The Net these fields describe (raises NetError naming the faulty field)."""
        from vizlib.core.backprop import parse_net

        n = self.n_layers
        ws = [self.w1, self.w2, self.w3][:n]
        bs = [self.b1, self.b2, self.b3][:n]
        acts = (self.act1, self.act2, self.act3)[:n]
        return parse_net(self.x, self.y, ws, bs, self.sizes, acts, self.loss)


PRESET_222: dict[str, Any] = {
    "n_in": 2,
    "n_layers": 2,
    "size1": 2,
    "size2": 2,
    "act1": "sigmoid",
    "act2": "sigmoid",
    "loss": "half_sse",
    "x": "1, 2",
    "y": "0, 1",
    "w1": "1, 2; 3, 4",
    "b1": "0, 0",
    "w2": "1, 2; 3, 4",
    "b2": "0, 0",
    "lr": 0.1,
}


def _fits(fn, *args) -> bool:
    try:
        fn(*args)
        return True
    except NetError:
        return False


def fit_fields(values: dict[str, Any]) -> dict[str, str]:
    """Replacement text for the number fields that no longer fit the chosen sizes (or loss).

    `values` holds every BackpropConfig field; untouched fields are left out of the result.
    Inputs become 1, 2, …; targets one-hot on the last unit; weights a seeded random init.
    """
    from vizlib.core.backprop import format_matrix, init_params

    sizes = [values["n_in"], values["size1"], values["size2"], values["size3"]]
    sizes = sizes[: values["n_layers"] + 1]
    out: dict[str, str] = {}
    if not _fits(parse_vector, values["x"], sizes[0], "x"):
        out["x"] = format_matrix(np.arange(1.0, sizes[0] + 1))
    onehot = np.eye(sizes[-1])[-1]
    y_ok = _fits(parse_vector, values["y"], sizes[-1], "y")
    if y_ok and values["loss"] == "ce":
        y = parse_vector(values["y"], sizes[-1], "y")
        y_ok = bool(np.all(y >= 0)) and abs(float(y.sum()) - 1.0) <= 1e-9
    if not y_ok:
        out["y"] = format_matrix(onehot)
    ws, bs = init_params(sizes, values["seed"])
    for i in range(len(sizes) - 1):
        wk, bk = f"w{i + 1}", f"b{i + 1}"
        if not _fits(parse_matrix, values[wk], sizes[i + 1], sizes[i], wk):
            out[wk] = format_matrix(ws[i])
        if not _fits(parse_vector, values[bk], sizes[i + 1], bk):
            out[bk] = format_matrix(bs[i])
    return out


@dataclasses.dataclass(frozen=True)
class ExprConfig(QueryConfig):
    """The scalar-graph section: an expression and its variables' values (as text)."""

    NS: ClassVar[str] = "backprop"

    expr: str = param("tanh(a*b + c)")
    values: str = param("a=2, b=-1, c=0.5")
