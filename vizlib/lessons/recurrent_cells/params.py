"""Typed weights and inputs for the step-through: text matrices, seeded draws, shape checks.

A weight field left empty is drawn from the seed, so a link holds only what the user changed.
Every failure raises `InputError` with a key the page translates.
"""

from __future__ import annotations

import math
import re

import numpy as np

from vizlib.core.errors import InputError
from vizlib.lessons.recurrent_cells.cells import GATES, CellParams

WEIGHT_FIELDS = ("w_ih", "w_hh", "b_ih", "b_hh", "h0", "c0")
MAX_ABS = 100.0
MAX_CHARS = 1200
DECIMALS = 2


def _cell(raw: str, name: str, row: int) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise InputError("not_number", field=name, token=raw[:20], row=row) from None
    if not math.isfinite(value) or abs(value) > MAX_ABS:
        raise InputError("out_of_range", field=name, token=raw[:20], limit=f"{MAX_ABS:g}")
    return value


def parse_matrix(text: str, name: str) -> np.ndarray:
    """Parse rows split by ";" or newlines, numbers by commas or spaces, into a float matrix."""
    if len(text) > MAX_CHARS:
        raise InputError("too_long", field=name, n=MAX_CHARS)
    flat = text.replace("，", ",").replace("；", ";")
    flat = re.sub(r"\]\s*,", ";", flat).replace("[", " ").replace("]", " ")  # [[1,2],[3,4]]
    lines = [ln.strip() for ln in re.split(r"[;\n]", flat) if ln.strip()]
    if not lines:
        raise InputError("empty", field=name)
    rows = []
    for i, line in enumerate(lines, start=1):
        rows.append([_cell(c, name, i) for c in re.split(r"[,\s]+", line) if c])
    if len({len(r) for r in rows}) != 1:
        raise InputError("ragged", field=name)
    return np.array(rows, dtype=np.float64)


def format_matrix(m: np.ndarray, block: int = 0) -> str:
    """The inverse of `parse_matrix`: one row per line (a blank line every `block` rows)."""
    rows = np.atleast_2d(np.round(m, 6)) + 0.0  # + 0.0 turns -0.0 into 0.0
    lines = [", ".join(f"{v:g}" for v in row) for row in rows]
    if block and len(lines) > block:
        lines = ["\n".join(lines[i : i + block]) for i in range(0, len(lines), block)]
        return "\n\n".join(lines)
    return "\n".join(lines)


def format_vector(v: np.ndarray) -> str:
    """A vector as one line "1, 0.5, -2"."""
    return ", ".join(f"{x:g}" for x in np.round(v, 6) + 0.0)


def shapes(kind: str, input_size: int, hidden: int) -> dict[str, tuple[int, ...]]:
    """The shape each weight field must have."""
    g = len(GATES[kind]) * hidden
    return {
        "w_ih": (g, input_size),
        "w_hh": (g, hidden),
        "b_ih": (g,),
        "b_hh": (g,),
        "h0": (hidden,),
        "c0": (hidden,),
    }


def seeded_value(name: str, kind: str, input_size: int, hidden: int, seed: int) -> np.ndarray:
    """The seed's draw for one field: torch's U(-1/√H, 1/√H), rounded; zero initial state."""
    shape = shapes(kind, input_size, hidden)[name]
    if name in ("h0", "c0"):
        return np.zeros(shape)
    # one stream per field, so editing one field never changes another's draw
    rng = np.random.default_rng([seed, WEIGHT_FIELDS.index(name), len(GATES[kind])])
    bound = 1.0 / math.sqrt(hidden)
    return np.round(rng.uniform(-bound, bound, size=shape), DECIMALS) + 0.0


def seeded_text(name: str, kind: str, input_size: int, hidden: int, seed: int) -> str:
    """The seed's draw for one field, as the text a field shows."""
    value = seeded_value(name, kind, input_size, hidden, seed)
    return format_vector(value) if value.ndim == 1 else format_matrix(value, block=hidden)


def _shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(str(n) for n in shape)


def parse_field(text: str, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """A typed field in the given shape (a vector may be typed as a row or a column)."""
    m = parse_matrix(text, name)
    if len(shape) == 1 and 1 in m.shape:
        m = m.reshape(-1)
    if m.shape != shape:
        got = _shape_text(m.shape)
        raise InputError("shape", field=name, want=_shape_text(shape), got=got)
    return m


def build_params(
    kind: str, act: str, input_size: int, hidden: int, seed: int, texts: dict[str, str]
) -> CellParams:
    """The cell's parameters: each field parsed from its text, or drawn from the seed when empty."""
    want = shapes(kind, input_size, hidden)
    values = {}
    for name in WEIGHT_FIELDS:
        text = texts.get(name, "").strip()
        if text and not (name == "c0" and kind != "lstm"):
            values[name] = parse_field(text, name, want[name])
        else:
            values[name] = seeded_value(name, kind, input_size, hidden, seed)
    return CellParams(kind=kind, act=act, **values)


def parse_sequence(text: str, input_size: int, max_steps: int) -> np.ndarray:
    """The input sequence (T, I): one row per time step."""
    xs = parse_matrix(text, "seq")
    if xs.shape[1] != input_size:
        raise InputError("seq_width", n=input_size, got=xs.shape[1])
    if xs.shape[0] > max_steps:
        raise InputError("seq_long", n=max_steps, got=xs.shape[0])
    return xs


def resize_sequence(text: str, input_size: int) -> str:
    """The sequence with each row cut or zero-padded to input_size (unreadable text: unchanged)."""
    try:
        xs = parse_matrix(text, "seq")
    except InputError:
        return text
    out = np.zeros((xs.shape[0], input_size))
    k = min(input_size, xs.shape[1])
    out[:, :k] = xs[:, :k]
    return "; ".join(format_vector(row) for row in out)


def is_seeded(text: str, name: str, kind: str, input_size: int, hidden: int, seed: int) -> bool:
    """Whether a typed field holds exactly the seed's draw (so the link can leave it out)."""
    want = shapes(kind, input_size, hidden)[name]
    try:
        value = parse_field(text, name, want)
    except InputError:
        return False
    return bool(np.array_equal(value, seeded_value(name, kind, input_size, hidden, seed)))
