"""The backprop lesson's numbers as text: parse "1, 2; 3, 4" into a Net, and write one back.

Bad text raises InputError with a message key and the faulty field, so the page can translate it.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from vizlib.core.errors import InputError
from vizlib.core.parsing import join_matrix, split_cells, split_rows
from vizlib.lessons.backprop.network import Net, init_params

MAX_TEXT = 200
MAX_ABS = 1e4
_NUM = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def _numbers(text: str, field: str) -> list[float]:
    out = []
    for tok in split_cells(text):
        if not _NUM.match(tok):
            raise InputError("number", field=field, token=tok[:20])
        v = float(tok)
        if not math.isfinite(v) or abs(v) > MAX_ABS:
            raise InputError("too_big", field=field, token=tok[:20], limit=f"{MAX_ABS:g}")
        out.append(v)
    return out


def _rows(text: str, field: str) -> list[str]:
    if len(text) > MAX_TEXT:
        raise InputError("too_long", field=field, limit=MAX_TEXT)
    return split_rows(text)  # "1, 2; 3, 4", or [[1, 2], [3, 4]] or [1, 2]


def parse_vector(text: str, n: int, field: str) -> np.ndarray:
    """Read "1, 2" (or "[1, 2]") as a float64 vector of length n."""
    vals = [v for row in _rows(text, field) for v in _numbers(row, field)]
    if len(vals) != n:
        raise InputError("count", field=field, want=n, got=len(vals))
    return np.array(vals, dtype=np.float64)


def parse_matrix(text: str, rows: int, cols: int, field: str) -> np.ndarray:
    """Read "1, 2; 3, 4" (or "[[1, 2], [3, 4]]") as a float64 (rows, cols) matrix."""
    parsed = [_numbers(r, field) for r in _rows(text, field)]
    if len(parsed) != rows or any(len(r) != cols for r in parsed):
        raise InputError("shape", field=field, rows=rows, cols=cols)
    return np.array(parsed, dtype=np.float64)


def format_matrix(m: np.ndarray, digits: int = 6) -> str:
    """Text form of a vector ("1, 2") or matrix ("1, 2; 3, 4") that `parse_*` reads back."""
    return join_matrix(m, cell=lambda v: f"{v:.{digits}g}")


def parse_net(
    x: str,
    y: str,
    ws: list[str],
    bs: list[str],
    sizes: list[int],
    acts: tuple[str, ...],
    loss: str,
) -> Net:
    """Build a Net from its text fields; raise InputError naming the field that is wrong."""
    xv = parse_vector(x, sizes[0], "x")
    yv = parse_vector(y, sizes[-1], "y")
    wm = tuple(parse_matrix(w, sizes[i + 1], sizes[i], f"W{i + 1}") for i, w in enumerate(ws))
    bv = tuple(parse_vector(b, sizes[i + 1], f"b{i + 1}") for i, b in enumerate(bs))
    return Net(xv, yv, wm, bv, tuple(acts), loss)


def _fits(fn, *args) -> bool:
    try:
        fn(*args)
        return True
    except InputError:
        return False


def fit_fields(values: dict[str, Any]) -> dict[str, str]:
    """Replacement text for the number fields that no longer fit the chosen sizes (or loss).

    `values` holds every BackpropConfig field; untouched fields are left out of the result.
    Inputs become 1, 2, …; targets one-hot on the last unit; weights a seeded random init.
    """
    sizes = [values["n_in"], values["size1"], values["size2"], values["size3"]]
    sizes = sizes[: values["n_layers"] + 1]
    out: dict[str, str] = {}
    if not _fits(parse_vector, values["x"], sizes[0], "x"):
        out["x"] = format_matrix(np.arange(1.0, sizes[0] + 1))
    onehot = np.eye(sizes[-1])[-1]
    y_ok = _fits(parse_vector, values["y"], sizes[-1], "y")
    if y_ok and values["loss"] in ("ce", "bce"):
        y = parse_vector(values["y"], sizes[-1], "y")
        if values["loss"] == "ce":
            y_ok = bool(np.all(y >= 0)) and abs(float(y.sum()) - 1.0) <= 1e-9
        else:
            y_ok = bool(np.all((y >= 0) & (y <= 1)))
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
