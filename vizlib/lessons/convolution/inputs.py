"""Inputs for the convolution lesson: a typed matrix ("1,2;3,4") and an uploaded image (bytes).

Errors are InputErrors with a message key and detail, so the page can explain them in either
language. Images are decoded by vizlib.core.digit_image (shared with the CNN lesson).
"""

from __future__ import annotations

import numpy as np

from vizlib.core.digit_image import MAX_BYTES
from vizlib.core.digit_image import decode_image as decode_rgba
from vizlib.core.errors import InputError
from vizlib.core.parsing import join_matrix

MAX_SIDE = 16  # largest typed matrix side
MAX_ABS = 1e6  # largest magnitude accepted in a typed cell
MAX_UPLOAD_BYTES = MAX_BYTES  # the shared decoder refuses larger files
MAX_IMAGE_PIXELS = 25_000_000  # header dimensions beyond this are refused before decoding
MAX_IMAGE_SIDE = 20_000  # a long thin image is fine while its pixel count is
IMAGE_SIDE = 28  # uploaded images are shrunk so the longer side is at most this


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.split(",")] if "," in row else row.split()


def split_cells(text: str) -> list[list[str]]:
    """The raw cell strings of matrix text, row by row (nothing validated).

    Unlike vizlib.core.parsing.split_cells, empty cells ("1,,2") are kept: the kernel editor shows
    them as blank table cells and the error message names their row and column.
    """
    return [_cells(r) for r in str(text).strip().strip(";").split(";")]


def parse_matrix(text: str, max_side: int = MAX_SIDE) -> np.ndarray:
    """Parse "1,2;3,4" (rows split by ";", cells by "," or spaces) into a finite 2-D array."""
    rows = split_cells(text)
    if not rows or not rows[0] or not any(rows[0]):
        raise InputError("empty")
    if len(rows) > max_side or max(len(r) for r in rows) > max_side:
        raise InputError("too_many", max_side=max_side)
    for i, r in enumerate(rows):
        if len(r) != len(rows[0]):
            raise InputError("ragged", row=i + 1, got=len(r), want=len(rows[0]))
    values = np.zeros((len(rows), len(rows[0])))
    for i, r in enumerate(rows):
        for j, cell in enumerate(r):
            if not cell:
                raise InputError("empty_cell", row=i + 1, col=j + 1)
            try:
                v = float(cell)
            except ValueError:
                raise InputError("not_number", row=i + 1, col=j + 1, cell=cell[:20]) from None
            if not np.isfinite(v) or abs(v) > MAX_ABS:
                raise InputError("too_large", row=i + 1, col=j + 1, limit=f"{MAX_ABS:g}")
            values[i, j] = v
    return values


def _short(v: float) -> str:
    g = f"{v:g}"
    return g if float(g) == v else repr(v)


def format_matrix(values: np.ndarray) -> str:
    """The inverse of parse_matrix: "1,2;3,4" with numbers that round-trip exactly."""
    return join_matrix(values, cell=_short, rows=";", cells=",")


def cells_to_text(rows: list[list[object]]) -> str:
    """Join edited table cells (None = empty) into matrix text, keeping bad cells visible."""
    return ";".join(",".join("" if c is None else str(c).strip() for c in row) for row in rows)


def decode_image(data: bytes, side: int = IMAGE_SIDE) -> np.ndarray:
    """Uploaded image bytes -> grayscale array in [0, 1], longer side shrunk to `side`."""
    from PIL import Image

    try:
        rgba = decode_rgba(data, min_side=1, max_side=MAX_IMAGE_SIDE, max_pixels=MAX_IMAGE_PIXELS)
    except InputError as err:  # this lesson's messages: file_too_big, dims_too_big, not_image
        if err.key == "too_large_file":
            raise InputError("file_too_big", mb=f"{len(data) / 2**20:.1f}", limit=5) from None
        if err.key == "too_large_dims":
            w, h = err.detail.get("w", "?"), err.detail.get("h", "?")
            raise InputError("dims_too_big", w=w, h=h) from None
        raise InputError("not_image") from None
    gray = Image.fromarray(rgba).convert("L")
    gray.thumbnail((side, side), Image.Resampling.LANCZOS)
    return np.asarray(gray, dtype=float) / 255.0
