"""Gridworld figures: value-coloured cells with greedy arrows and the agent's path (clickable
for editing), and the curves' moving average. Plain arrays in, plotly out (live: charts_live).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from vizlib.charts.colours import ORANGE_BLUE

ARROWS = "↑→↓←"
WALL_COLOUR = "#3b3b3b"
CELL_PX = 44  # drawn size of a cell
MAX_POINTS = 800  # curves are thinned to about this many points
MARKS = {"P": "−1", "G": "+1"}
LOSS_FLOOR = 1e-6  # a table's loss reaches exactly 0; the log axis stops here


def _size(rows: Sequence[str]) -> tuple[int, int]:
    return len(rows), len(rows[0])


def _grid_z(rows: Sequence[str], cells: Sequence[tuple[int, int]], v: np.ndarray) -> np.ndarray:
    n, m = _size(rows)
    z = np.full((n, m), np.nan)
    for (i, j), val in zip(cells, v):
        z[i, j] = val
    return z


def _labels(rows, cells, values, policy, terminal) -> list[str]:
    out = []
    for s, (i, j) in enumerate(cells):
        c = rows[i][j]
        if terminal[s]:
            out.append(f"<b>{MARKS.get(c, '')}</b>")
            continue
        arrow = ARROWS[int(policy[s])] if policy is not None else ""
        start = "S " if c == "S" else ""
        val = f"<br>{values[s]:.2f}" if values is not None else ""
        out.append(f"<b>{start}{arrow}</b>{val}")
    return out


def _wall_shapes(rows: Sequence[str]) -> list[dict]:
    n, m = _size(rows)
    return [
        {"type": "rect", "x0": j - 0.5, "x1": j + 0.5, "y0": i - 0.5, "y1": i + 0.5,
         "fillcolor": WALL_COLOUR, "line": {"width": 0}}
        for i in range(n) for j in range(m) if rows[i][j] == "#"
    ]  # fmt: skip


def _square_axes(n: int, m: int) -> dict:
    return {
        "xaxis": {"visible": False, "range": [-0.5, m - 0.5], "constrain": "domain"},
        "yaxis": {"visible": False, "range": [n - 0.5, -0.5], "scaleanchor": "x",
                  "constrain": "domain"},
    }  # fmt: skip


def grid_figure(
    rows: Sequence[str],
    cells: Sequence[tuple[int, int]],
    terminal: np.ndarray,
    values: np.ndarray | None,
    policy: np.ndarray | None,
    path: Sequence[int] = (),
    title: str = "",
    clickable: bool = False,
) -> go.Figure:
    """Cells coloured by value (walls dark, pits/goals by reward), arrows, the path, and (when
    clickable) one invisible marker per cell whose customdata is (row, col)."""
    n, m = _size(rows)
    shown = np.zeros(len(cells)) if values is None else np.asarray(values, dtype=float)
    colour = np.where(terminal, [1.0 if rows[i][j] == "G" else -1.0 for i, j in cells], shown)
    data = [
        {"type": "heatmap", "z": _grid_z(rows, cells, colour), "colorscale": ORANGE_BLUE,
         "zmid": 0, "zmin": -1, "zmax": 1, "showscale": False, "hoverinfo": "skip",
         "xgap": 2, "ygap": 2},
        {"type": "scatter", "x": [j for _, j in cells], "y": [i for i, _ in cells],
         "mode": "text", "text": _labels(rows, cells, values, policy, terminal),
         "textfont": {"size": 12 if m <= 6 else 10, "color": "#111"}, "hoverinfo": "skip"},
    ]  # fmt: skip
    if len(path) > 1:
        data.append(
            {"type": "scatter", "x": [cells[s][1] for s in path],
             "y": [cells[s][0] for s in path], "mode": "lines+markers",
             "line": {"color": "rgba(40,60,200,0.65)", "width": 3}, "marker": {"size": 6},
             "hoverinfo": "skip"}
        )  # fmt: skip
    if clickable:
        data.append(_click_layer(rows))
    layout = {
        "title": {"text": title, "font": {"size": 14}},
        "height": CELL_PX * n + 40,
        "width": CELL_PX * m + 20 if clickable else None,
        "margin": {"l": 5, "r": 5, "t": 30, "b": 5},
        "showlegend": False,
        "plot_bgcolor": "white",
        "dragmode": False,
        "shapes": _wall_shapes(rows),
        **_square_axes(n, m),
    }
    return go.Figure(data=data, layout=layout)


def _click_layer(rows: Sequence[str]) -> dict:
    """Markers on every cell (walls included) that a click selects; nearly invisible."""
    n, m = _size(rows)
    ij = [(i, j) for i in range(n) for j in range(m)]
    faint = {"marker": {"opacity": 0.02}}
    return {
        "type": "scatter", "x": [j for _, j in ij], "y": [i for i, _ in ij], "customdata": ij,
        "mode": "markers", "selected": faint, "unselected": faint,
        "marker": {"symbol": "square", "size": CELL_PX - 6, "color": "#888", "opacity": 0.02},
        "hovertemplate": "(%{y}, %{x})<extra></extra>",
    }  # fmt: skip


def moving_average(y: Sequence[float], w: int) -> np.ndarray:
    """Trailing mean over up to w points (shorter at the start)."""
    y = np.asarray(y, dtype=float)
    if len(y) == 0:
        return y
    c = np.cumsum(np.insert(y, 0, 0.0))  # c[i] = sum of the first i points
    end = np.arange(1, len(y) + 1)
    k = np.minimum(end, w)
    return (c[end] - c[end - k]) / k
