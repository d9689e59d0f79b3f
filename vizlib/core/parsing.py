"""Parse short user-typed vectors ("1, 2.5, -3") with reasons a page can translate."""

from __future__ import annotations

import math

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
