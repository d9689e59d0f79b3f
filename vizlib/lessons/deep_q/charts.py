"""Gridworld figures: value-coloured cells with greedy arrows and the agent's path (clickable
for editing), the |Q - Q*| heatmap, and the training curves. Plain arrays in, plotly out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

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
        {"type": "heatmap", "z": _grid_z(rows, cells, colour), "colorscale": "RdYlGn",
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


def error_figure(
    rows: Sequence[str], cells: Sequence[tuple[int, int]], err: np.ndarray, title: str
) -> go.Figure:
    """max_a |Q(s, a) - Q*(s, a)| per cell (walls and terminal cells blank)."""
    n, m = _size(rows)
    z = _grid_z(rows, cells, err)
    top = float(np.nanmax(z)) if np.isfinite(z).any() else 1.0
    heat = {
        "type": "heatmap", "z": z, "colorscale": "Reds", "zmin": 0, "zmax": max(1e-6, top),
        "text": [[("" if np.isnan(v) else f"{v:.2f}") for v in row] for row in z],
        "texttemplate": "%{text}", "xgap": 2, "ygap": 2, "hoverinfo": "skip",
        "colorbar": {"thickness": 10},
    }  # fmt: skip
    layout = {
        "title": {"text": title, "font": {"size": 14}},
        "height": CELL_PX * n + 40,
        "margin": {"l": 5, "r": 5, "t": 30, "b": 5},
        "plot_bgcolor": "white",
        "shapes": _wall_shapes(rows),
        **_square_axes(n, m),
    }
    return go.Figure(data=[heat], layout=layout)


def moving_average(y: Sequence[float], w: int) -> np.ndarray:
    """Trailing mean over up to w points (shorter at the start)."""
    y = np.asarray(y, dtype=float)
    if len(y) == 0:
        return y
    c = np.cumsum(np.insert(y, 0, 0.0))  # c[i] = sum of the first i points
    end = np.arange(1, len(y) + 1)
    k = np.minimum(end, w)
    return (c[end] - c[end - k]) / k


def _thin(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every k-th point so that about MAX_POINTS remain (the last point kept)."""
    k = max(1, len(y) // MAX_POINTS)
    idx = np.unique(np.append(np.arange(0, len(y), k), len(y) - 1)) if len(y) else np.arange(0)
    return x[idx], y[idx]


def _line(x, y, axis: str, colour: str, width: float = 1.0) -> dict:
    x, y = _thin(np.asarray(x), np.asarray(y, dtype=float))
    return {
        "type": "scatter", "x": x, "y": y, "mode": "lines", "hoverinfo": "skip",
        "line": {"color": colour, "width": width}, "xaxis": f"x{axis}", "yaxis": f"y{axis}",
    }  # fmt: skip


# (x domain, y domain) of the four panels: return, loss / epsilon, MAE
PANELS = (((0, 0.45), (0.6, 1)), ((0.55, 1), (0.6, 1)), ((0, 0.45), (0, 0.38)),
          ((0.55, 1), (0, 0.38)))  # fmt: skip


def _panels(titles: Sequence[str], xtitles: Sequence[str]) -> dict:
    """Axes and title annotations of a 2x2 grid of panels (cheaper than make_subplots)."""
    layout: dict = {"annotations": []}
    for k, ((x0, x1), (y0, y1)) in enumerate(PANELS):
        sfx = "" if k == 0 else str(k + 1)
        layout[f"xaxis{sfx}"] = {"domain": [x0, x1], "anchor": f"y{sfx}",
                                 "title": {"text": xtitles[k], "standoff": 2}}  # fmt: skip
        layout[f"yaxis{sfx}"] = {"domain": [y0, y1], "anchor": f"x{sfx}"}
        layout["annotations"].append(
            {"text": titles[k], "x": (x0 + x1) / 2, "y": y1, "xref": "paper", "yref": "paper",
             "xanchor": "center", "yanchor": "bottom", "showarrow": False,
             "font": {"size": 13}}
        )  # fmt: skip
    return layout


def curves_figure(
    returns: Sequence[float],
    loss: Sequence[float],
    eps: Sequence[float],
    mae_steps: Sequence[int],
    mae: Sequence[float],
    labels: Mapping[str, str],
    window: int = 20,
) -> go.Figure:
    """2x2: return per episode, TD loss per step (log), epsilon per step, mean |Q - Q*|; the noisy
    series with their moving average on top."""
    ep = np.arange(1, len(returns) + 1)
    loss = np.asarray(loss, dtype=float)
    st_ = np.flatnonzero(loss > 0) + 1  # steps with an update (none while the buffer fills)
    pos = np.maximum(loss[st_ - 1], LOSS_FLOOR)
    data = [
        _line(ep, returns, "", "rgba(31,119,180,0.35)"),
        _line(ep, moving_average(returns, window), "", "#1f77b4", 2.5),
        _line(st_, pos, "2", "rgba(214,39,40,0.25)"),
        _line(st_, moving_average(pos, 10 * window), "2", "#d62728", 2.5),
        _line(np.arange(1, len(eps) + 1), eps, "3", "#9467bd", 2),
        _line(mae_steps, mae, "4", "#2ca02c", 2),
    ]
    titles = [labels[k] for k in ("returns", "loss", "eps", "mae")]
    layout = _panels(titles, [labels["episode"]] + [labels["step"]] * 3)
    layout["yaxis2"]["type"] = "log"
    layout["yaxis3"]["range"] = [0, 1.02]
    layout.update(
        height=440, margin={"l": 10, "r": 10, "t": 30, "b": 10}, showlegend=False,
        uirevision="curves",
    )  # fmt: skip
    return go.Figure(data=data, layout=layout)
