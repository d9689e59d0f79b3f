"""Read short user-typed vectors ("1, 2.5, -3") and matrices ("1, 2; 3, 4"), and write them back.

Errors are InputErrors with a message key a page can translate.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np

from vizlib.core.errors import InputError


def parse_vector(
    text: str, *, min_len: int = 1, max_len: int = 10, limit: float = 1e6
) -> np.ndarray:
    """Comma- or space-separated finite numbers, |v| <= limit, min_len..max_len of them."""
    if len(text) > 400:
        raise InputError("too_long", n=400)
    parts = [p for p in text.replace(",", " ").replace("，", " ").split() if p]
    if len(parts) < min_len:
        raise InputError("too_few", n=min_len)
    if len(parts) > max_len:
        raise InputError("too_many", n=max_len)
    out = []
    for p in parts:
        try:
            v = float(p)
        except ValueError:
            raise InputError("not_number", token=p[:20]) from None
        if not math.isfinite(v) or abs(v) > limit:
            raise InputError("out_of_range", token=p[:20], limit=f"{limit:g}")
        out.append(v)
    return np.array(out)


def split_rows(text: str) -> list[str]:
    """The rows of matrix text: "1, 2; 3, 4", one row per line, or "[[1, 2], [3, 4]]" ("[1, 2]"
    is one row). Empty rows are dropped."""
    if "[" in text:
        inner = re.findall(r"\[([^\[\]]*)\]", text)
        text = ";".join(inner) if inner else text.replace("[", "").replace("]", "")
    return [r.strip() for r in re.split(r"[;\n]", text) if r.strip()]


def split_cells(row: str) -> list[str]:
    """The cells of one row, separated by commas and/or white space (empty cells dropped)."""
    return [c for c in re.split(r"[,\s]+", row.strip()) if c]


def join_matrix(
    m: np.ndarray, cell: Callable[[float], str] = "{:g}".format, rows: str = "; ", cells: str = ", "
) -> str:
    """Matrix text that `split_rows`/`split_cells` read back: a vector is one row."""
    return rows.join(cells.join(cell(float(v)) for v in row) for row in np.atleast_2d(m))
