"""The gridworld as an inline SVG image: streamed several times per tick while training, where a
plotly chart would be rebuilt (and flash blank) on every update."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape

import numpy as np
from plotly.colors import sample_colorscale

from vizlib.charts.colours import ORANGE_BLUE
from vizlib.charts.raster import LIVE_PICTURE
from vizlib.lessons.deep_q.charts import ARROWS, MARKS, WALL_COLOUR

PX = 40  # cell size in the SVG's own units (it scales to the column width)


def _fill(v: float) -> str:
    """The colour of a value in [-1, 1] on the paused chart's orange/blue scale."""
    return sample_colorscale(ORANGE_BLUE, [float(np.clip((v + 1) / 2, 0, 1))])[0]


def grid_svg(
    rows: Sequence[str],
    cells: Sequence[tuple[int, int]],
    terminal: np.ndarray,
    values: np.ndarray,
    policy: np.ndarray,
    path: Sequence[int] = (),
) -> str:
    """Cells coloured by value, walls dark, greedy arrows and values, the path as a polyline."""
    n, m = len(rows), len(rows[0])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {m * PX} {n * PX}" '
        'font-family="sans-serif" text-anchor="middle">'
    ]
    for i in range(n):
        for j in range(m):
            if rows[i][j] == "#":
                parts.append(_rect(i, j, WALL_COLOUR))
    for s, (i, j) in enumerate(cells):
        c = rows[i][j]
        v = (1.0 if c == "G" else -1.0) if terminal[s] else float(values[s])
        parts.append(_rect(i, j, _fill(v)))
        x, y = j * PX + PX / 2, i * PX + PX / 2
        if terminal[s]:
            parts.append(f'<text x="{x}" y="{y + 4}" font-size="12" font-weight="bold">'
                         f"{MARKS.get(c, '')}</text>")  # fmt: skip
            continue
        head = ("S " if c == "S" else "") + ARROWS[int(policy[s])]
        parts.append(f'<text x="{x}" y="{y - 3}" font-size="11" font-weight="bold">'
                     f"{escape(head)}</text>")  # fmt: skip
        parts.append(f'<text x="{x}" y="{y + 11}" font-size="9">{values[s]:.2f}</text>')
    if len(path) > 1:
        pts = " ".join(f"{cells[s][1] * PX + PX / 2},{cells[s][0] * PX + PX / 2}" for s in path)
        parts.append(
            f'<polyline points="{pts}" fill="none" stroke="rgba(40,60,200,0.65)" '
            'stroke-width="3" stroke-linejoin="round"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _rect(i: int, j: int, colour: str) -> str:
    return (
        f'<rect x="{j * PX + 1}" y="{i * PX + 1}" width="{PX - 2}" height="{PX - 2}" '
        f'fill="{colour}"/>'
    )


def svg_img_html(svg: str, alt: str, max_width_px: int) -> str:
    """An SVG inlined as an <img> data URI (st.html sanitises inline SVG away)."""
    data = base64.b64encode(svg.encode()).decode()
    style = f"width:100%;max-width:{max_width_px}px"
    src = f"data:image/svg+xml;base64,{data}"
    return (
        f'<img class="{LIVE_PICTURE}" alt="{escape(alt, quote=True)}" src="{src}" style="{style}"/>'
    )
