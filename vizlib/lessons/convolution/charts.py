"""Plotly figures for the convolution lesson: a padded grid with a highlighted window, the step.

Grids are drawn in input coordinates: padding cells have negative (or >= n) indices.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

MAX_TEXT_SIDE = 12  # write the numbers in the cells only up to this many rows/cols
PAD_COLOR = "#d9d9d9"
WINDOW_COLOR = "#ff7f0e"


def cell_text(v: float) -> str:
    """A short label for one cell: integers plainly, others with 3 significant digits."""
    if np.isneginf(v):
        return "−∞"
    if not np.isfinite(v):
        return ""
    if float(v).is_integer() and abs(v) < 1e6:
        return str(int(v))
    return f"{v:.3g}"


def _texts(values: np.ndarray) -> list[list[str]]:
    return [[cell_text(v) for v in row] for row in values]


def _layout(title: str, height: int, shapes: list[dict], side: int) -> dict:
    axis = {
        "showgrid": False,
        "zeroline": False,
        "tickmode": "linear",
        "dtick": 1 if side <= 16 else 5,
    }
    return {
        "title": {"text": title},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 30},
        "plot_bgcolor": PAD_COLOR,
        "shapes": shapes,
        "xaxis": {**axis},
        "yaxis": {**axis, "autorange": "reversed", "scaleanchor": "x"},
    }


def _box(row: float, col: float, color: str, width: float) -> dict:
    return {
        "type": "rect",
        "x0": col - 0.5,
        "x1": col + 0.5,
        "y0": row - 0.5,
        "y1": row + 0.5,
        "line": {"color": color, "width": width},
        "fillcolor": "rgba(0,0,0,0)",
    }


def grid_figure(
    values: np.ndarray,
    *,
    title: str,
    pad: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0)),
    pad_value: float = 0.0,
    window: tuple[Sequence[int], Sequence[int]] | None = None,
    diverging: bool = False,
    height: int = 320,
) -> go.Figure:
    """A heatmap of `values` with grey padding cells and the window's cells outlined."""
    values = np.asarray(values, dtype=float)
    (top, bottom), (left, right) = pad
    h, w = values.shape
    full = np.full((h + top + bottom, w + left + right), np.nan)
    full[top : top + h, left : left + w] = values
    text = np.full(full.shape, cell_text(pad_value), dtype=object)
    text[top : top + h, left : left + w] = np.array(_texts(values), dtype=object).reshape(h, w)
    show_text = max(full.shape) <= MAX_TEXT_SIDE
    finite = values[np.isfinite(values)]
    zmax = float(np.abs(finite).max()) if finite.size else 1.0
    heat = {
        "type": "heatmap",
        "z": full,
        "x": np.arange(-left, w + right),
        "y": np.arange(-top, h + bottom),
        "colorscale": "RdBu" if diverging else "Greys",
        "reversescale": diverging,
        "showscale": False,
        "hovertemplate": "row %{y}, col %{x}: %{z}<extra></extra>",
        "xgap": 1,
        "ygap": 1,
    }
    if show_text:
        heat.update(text=text.tolist(), texttemplate="%{text}")
    if diverging:
        heat.update(zmin=-(zmax or 1.0), zmax=zmax or 1.0)
    shapes = []
    if window is not None:
        rows, cols = window
        width = 3 if len(rows) * len(cols) <= 25 else 1.5
        shapes = [_box(r, c, WINDOW_COLOR, width) for r in rows for c in cols]
    return go.Figure(data=[heat], layout=_layout(title, height, shapes, max(full.shape)))


def step_figure(
    window: np.ndarray,
    kernel: np.ndarray,
    products: np.ndarray,
    *,
    titles: tuple[str, str, str],
    inside: np.ndarray | None = None,
    height: int = 260,
) -> go.Figure:
    """Three annotated grids side by side: window ⊙ kernel = products (padding cells greyed)."""
    n = len(titles)
    gap = 0.06
    span = (1.0 - gap * (n - 1)) / n
    traces, layout = [], {}
    annotations = []
    for idx, (arr, name) in enumerate(zip((window, kernel, products), titles, strict=True)):
        arr = np.asarray(arr, dtype=float)
        z = arr.copy()
        if inside is not None and idx != 1:
            z[~inside] = np.nan  # grey background shows through: padding
        ax = "" if idx == 0 else str(idx + 1)
        lo = idx * (span + gap)
        traces.append(_annotated(z, arr, f"x{ax}", f"y{ax}"))
        layout[f"xaxis{ax}"] = {"domain": [lo, lo + span], "visible": False}
        layout[f"yaxis{ax}"] = {"autorange": "reversed", "visible": False, "scaleanchor": f"x{ax}"}
        annotations.append(
            {
                "text": name,
                "x": lo + span / 2,
                "y": 1.08,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "xanchor": "center",
            }
        )
    layout.update(
        annotations=annotations,
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor=PAD_COLOR,
    )
    return go.Figure(data=traces, layout=layout)


def _annotated(z: np.ndarray, arr: np.ndarray, xaxis: str, yaxis: str) -> dict:
    finite = z[np.isfinite(z)]
    zmax = float(np.abs(finite).max()) if finite.size else 1.0
    return {
        "type": "heatmap",
        "z": z,
        "text": _texts(arr),
        "texttemplate": "%{text}",
        "colorscale": "RdBu",
        "reversescale": True,
        "zmin": -(zmax or 1.0),
        "zmax": zmax or 1.0,
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
        "xaxis": xaxis,
        "yaxis": yaxis,
        "hoverinfo": "skip",
    }
