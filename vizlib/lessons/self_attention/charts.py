"""Annotated heatmaps for the attention lesson: matrices with their numbers, heads side by side.

Labels are passed in (already translated); masked cells show "−∞" on a blank cell. Figures are
built from plain dicts without plotly's per-property validation (5x faster; the page draws a dozen
of them on each rerun); tests rebuild every figure with validation on to prove the specs are valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

NEG_INF = "−∞"
MAX_TEXT_CELLS = 160  # above this many cells the numbers would be unreadable: colour only
_TITLE_FONT = {"size": 14}
WEIGHT_SCALE = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]  # 0 white -> 1 dark blue


def _fig(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    # template "none": the app's theme styles the chart, and plotly's default template would add
    # ~6 kB to every figure sent to the browser
    layout = {"template": {}, **layout}
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _cell_text(m: np.ndarray, decimals: int) -> list[list[str]]:
    def fmt(v: float) -> str:
        if np.isneginf(v):
            return NEG_INF
        s = f"{v:.{decimals}f}"
        return "0" if float(s) == 0 else s.replace("-", "−")

    return [[fmt(v) for v in row] for row in m]


def _heatmap(m: np.ndarray, *, decimals: int | None, signed: bool, unit: bool) -> dict[str, Any]:
    """A heatmap trace; -inf cells are drawn blank, numbers shown when the matrix is small."""
    m = np.atleast_2d(np.asarray(m, dtype=float))
    finite = np.isfinite(m)
    z = np.where(finite, m, np.nan)  # NaN = a gap
    trace: dict[str, Any] = {
        "type": "heatmap",
        "z": z,
        "x": list(range(m.shape[1])),
        "y": list(range(m.shape[0])),
        "showscale": False,
        "xgap": 1,
        "ygap": 1,
    }
    if unit:
        trace.update(colorscale=WEIGHT_SCALE, zmin=0.0, zmax=1.0)
    elif signed:
        peak = float(np.abs(m[finite]).max()) if finite.any() else 0.0
        peak = peak or 1.0
        trace.update(colorscale="RdBu", reversescale=True, zmid=0.0, zmin=-peak, zmax=peak)
    else:
        trace.update(colorscale="Viridis")
    if decimals is not None and m.size <= MAX_TEXT_CELLS:
        trace.update(text=_cell_text(m, decimals), texttemplate="%{text}", hoverinfo="text")
    return trace


def _axis(labels: Sequence[str], **extra: Any) -> dict[str, Any]:
    n = len(labels)
    step = max(1, n // 16)  # long axes (positional encoding) get every k-th label
    vals = list(range(0, n, step))
    return {"tickvals": vals, "ticktext": [str(labels[i]) for i in vals], "showgrid": False,
            "zeroline": False, **extra}  # fmt: skip


def matrix_figure(
    m: np.ndarray,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    title: str,
    *,
    decimals: int | None = 2,
    signed: bool = True,
    unit: bool = False,
    row_notes: Sequence[str] | None = None,
    height: int | None = None,
) -> go.Figure:
    """One matrix as an annotated heatmap; `unit` fixes the colour range to [0, 1] (weights)."""
    m = np.atleast_2d(m)
    notes = [
        {"x": 1.0, "xref": "paper", "xanchor": "left", "y": i, "yref": "y", "text": note,
         "showarrow": False, "font": {"size": 11}}
        for i, note in enumerate(row_notes or [])
    ]  # fmt: skip
    layout = {
        "title": {"text": title, "font": _TITLE_FONT},
        "xaxis": _axis(col_labels, side="top"),
        "yaxis": _axis(row_labels, autorange="reversed"),
        "annotations": notes,
        "height": height or int(110 + 30 * min(m.shape[0], 16)),
        "margin": {"l": 10, "r": 70 if row_notes else 10, "t": 80, "b": 10},
    }
    return _fig([_heatmap(m, decimals=decimals, signed=signed, unit=unit)], layout)


def heads_figure(
    mats: Sequence[np.ndarray],
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    titles: Sequence[str],
    *,
    decimals: int | None = 2,
    per_row: int = 4,
) -> go.Figure:
    """Several attention-weight matrices (one per head) side by side, with numbers."""
    n = len(mats)
    cols = min(n, per_row)
    rows = -(-n // cols)
    gap_x, gap_y = 0.04, 0.1 / rows
    w, h = (1 - gap_x * (cols - 1)) / cols, (1 - gap_y * (rows - 1)) / rows
    data, layout = [], {"annotations": []}
    for i, m in enumerate(mats):
        r, c = divmod(i, cols)
        x0, y1 = c * (w + gap_x), 1 - r * (h + gap_y)
        sfx = "" if i == 0 else str(i + 1)
        trace = _heatmap(m, decimals=decimals, signed=False, unit=True)
        data.append({**trace, "xaxis": f"x{sfx}", "yaxis": f"y{sfx}"})
        layout[f"xaxis{sfx}"] = _axis(col_labels, domain=[x0, x0 + w], anchor=f"y{sfx}")
        yticks = {} if c == 0 else {"showticklabels": False}
        layout[f"yaxis{sfx}"] = _axis(row_labels, domain=[y1 - h, y1], anchor=f"x{sfx}",
                                      autorange="reversed", **yticks)  # fmt: skip
        layout["annotations"].append(
            {"text": titles[i], "x": x0 + w / 2, "y": y1, "xref": "paper", "yref": "paper",
             "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": _TITLE_FONT}
        )  # fmt: skip
    layout.update(height=int(rows * (90 + 30 * len(row_labels))) + 20,
                  margin={"l": 10, "r": 10, "t": 30, "b": 10})  # fmt: skip
    return _fig(data, layout)


def diff_bar_figure(
    diff: np.ndarray,
    labels: Sequence[str],
    title: str,
    y_title: str,
    *,
    decimals: int = 3,
) -> go.Figure:
    """Per-token size of the change in output, with the number on each bar."""
    diff = np.asarray(diff, dtype=float)
    bar = {"type": "bar", "x": list(range(len(diff))), "y": diff,
           "text": [f"{v:.{decimals}f}" for v in diff], "textposition": "outside",
           "marker": {"color": "#d62728"}}  # fmt: skip
    top = max(float(diff.max(initial=0.0)) * 1.3, 10.0**-decimals * 5)
    layout = {
        "title": {"text": title, "font": _TITLE_FONT},
        "xaxis": _axis(labels),
        "yaxis": {"title": {"text": y_title}, "range": [0, top]},
        "height": 280,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
    }
    return _fig([bar], layout)
