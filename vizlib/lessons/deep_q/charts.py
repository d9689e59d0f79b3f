"""Gridworld figures: value-coloured cells with greedy arrows and the agent's path (clickable
for editing), the |Q - Q*| heatmap, and the training curves. Plain arrays in, plotly out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

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
    fig = go.Figure()
    fig.add_heatmap(
        z=_grid_z(rows, cells, colour),
        colorscale="RdYlGn",
        zmid=0,
        zmin=-1,
        zmax=1,
        showscale=False,
        hoverinfo="skip",
        xgap=2,
        ygap=2,
    )
    for i in range(n):
        for j in range(m):
            if rows[i][j] == "#":
                fig.add_shape(
                    type="rect", x0=j - 0.5, x1=j + 0.5, y0=i - 0.5, y1=i + 0.5,
                    fillcolor=WALL_COLOUR, line_width=0,
                )  # fmt: skip
    xs, ys = [j for _, j in cells], [i for i, _ in cells]
    fig.add_scatter(
        x=xs,
        y=ys,
        mode="text",
        text=_labels(rows, cells, values, policy, terminal),
        textfont={"size": 12 if m <= 6 else 10, "color": "#111"},
        hoverinfo="skip",
    )
    if len(path) > 1:
        fig.add_scatter(
            x=[cells[s][1] for s in path],
            y=[cells[s][0] for s in path],
            mode="lines+markers",
            line={"color": "rgba(40,60,200,0.65)", "width": 3},
            marker={"size": 6},
            hoverinfo="skip",
        )
    if clickable:
        _click_layer(fig, rows)
    h = CELL_PX * n + 40
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        height=h,
        width=CELL_PX * m + 20 if clickable else None,
        margin={"l": 5, "r": 5, "t": 30, "b": 5},
        showlegend=False,
        plot_bgcolor="white",
        dragmode=False,
    )
    fig.update_xaxes(visible=False, range=[-0.5, m - 0.5], constrain="domain")
    fig.update_yaxes(visible=False, range=[n - 0.5, -0.5], scaleanchor="x", constrain="domain")
    return fig


def _click_layer(fig: go.Figure, rows: Sequence[str]) -> None:
    """Markers on every cell (walls included) that a click selects; nearly invisible."""
    n, m = _size(rows)
    ij = [(i, j) for i in range(n) for j in range(m)]
    faint = {"marker": {"opacity": 0.02}}
    fig.add_scatter(
        x=[j for _, j in ij],
        y=[i for i, _ in ij],
        customdata=ij,
        mode="markers",
        marker={"symbol": "square", "size": CELL_PX - 6, "color": "#888", "opacity": 0.02},
        selected=faint,
        unselected=faint,
        hovertemplate="(%{y}, %{x})<extra></extra>",
    )


def error_figure(
    rows: Sequence[str], cells: Sequence[tuple[int, int]], err: np.ndarray, title: str
) -> go.Figure:
    """max_a |Q(s, a) - Q*(s, a)| per cell (walls and terminal cells blank)."""
    n, m = _size(rows)
    z = _grid_z(rows, cells, err)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            colorscale="Reds",
            zmin=0,
            zmax=max(1e-6, float(np.nanmax(z)) if np.isfinite(z).any() else 1.0),
            text=[[("" if np.isnan(v) else f"{v:.2f}") for v in row] for row in z],
            texttemplate="%{text}",
            xgap=2,
            ygap=2,
            hoverinfo="skip",
            colorbar={"thickness": 10},
        )
    )
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        height=CELL_PX * n + 40,
        margin={"l": 5, "r": 5, "t": 30, "b": 5},
        plot_bgcolor="white",
    )
    fig.update_xaxes(visible=False, constrain="domain")
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", constrain="domain")
    return fig


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


def _line(fig, x, y, row, col, colour, width=1.0, name=""):
    x, y = _thin(np.asarray(x), np.asarray(y, dtype=float))
    fig.add_scatter(
        x=x, y=y, mode="lines", line={"color": colour, "width": width}, name=name,
        row=row, col=col, hoverinfo="skip",
    )  # fmt: skip


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
    fig = make_subplots(
        rows=2, cols=2, vertical_spacing=0.22, horizontal_spacing=0.1,
        subplot_titles=(labels["returns"], labels["loss"], labels["eps"], labels["mae"]),
    )  # fmt: skip
    ep = np.arange(1, len(returns) + 1)
    _line(fig, ep, returns, 1, 1, "rgba(31,119,180,0.35)")
    _line(fig, ep, moving_average(returns, window), 1, 1, "#1f77b4", 2.5, labels["ma"])
    loss = np.asarray(loss, dtype=float)
    st_ = np.flatnonzero(loss > 0) + 1  # steps with an update (none while the buffer fills)
    pos = np.maximum(loss[st_ - 1], LOSS_FLOOR)
    _line(fig, st_, pos, 1, 2, "rgba(214,39,40,0.25)")
    _line(fig, st_, moving_average(pos, 10 * window), 1, 2, "#d62728", 2.5, labels["ma"])
    _line(fig, np.arange(1, len(eps) + 1), eps, 2, 1, "#9467bd", 2)
    _line(fig, mae_steps, mae, 2, 2, "#2ca02c", 2)
    fig.update_yaxes(type="log", row=1, col=2)
    fig.update_yaxes(range=[0, 1.02], row=2, col=1)
    fig.update_xaxes(title={"text": labels["episode"], "standoff": 2}, row=1, col=1)
    for r, c in ((1, 2), (2, 1), (2, 2)):
        fig.update_xaxes(title={"text": labels["step"], "standoff": 2}, row=r, col=c)
    fig.update_annotations(font_size=13)
    fig.update_layout(
        height=440, margin={"l": 10, "r": 10, "t": 30, "b": 10}, showlegend=False,
        uirevision="curves",
    )  # fmt: skip
    return fig
