"""Charts for the gradient-descent lab: contour map and 3-D surface with optimizer paths.

Paths are any objects with `label`, `points` (k+1, 2), `losses` (k+1,) and `diverged`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import plotly.graph_objects as go

from vizlib.charts.colours import (
    BLUE,
    BLUISH_GREEN,
    ORANGE,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILLION,
)

# Okabe–Ito (colour-blind-safe), in tab10's roles: blue, orange, green, a warning red, ...
PALETTE = (BLUE, ORANGE, BLUISH_GREEN, VERMILLION, REDDISH_PURPLE, SKY_BLUE)
KEEP = {"marker": {"opacity": 1}}
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}


class PathLike(Protocol):
    label: str
    points: np.ndarray
    losses: np.ndarray
    diverged: bool


def axes_layout(title: str, x_label: str, y_label: str, height: int) -> dict:
    """The layout every 2-D chart of the lesson starts from: title, axis titles, height, margins."""
    return {
        "title": title,
        "xaxis_title": x_label,
        "yaxis_title": y_label,
        "height": height,
        "margin": MARGIN,
    }


def shade(z: np.ndarray) -> np.ndarray:
    """log10(1 + J − min J): keeps both the valley floor and the walls readable."""
    return np.log10(1.0 + z - np.nanmin(z))


def _upto(path: PathLike, step: int) -> int:
    """Index of the last point to draw at view step `step` (a diverged path stops early)."""
    return min(step, len(path.points) - 1)


def _clip(p: np.ndarray, xlim: Sequence[float], ylim: Sequence[float]) -> tuple[float, float]:
    return float(np.clip(p[0], *xlim)), float(np.clip(p[1], *ylim))


def _add_path(
    fig: go.Figure,
    path: PathLike,
    color: str,
    step: int,
    box: tuple[Sequence[float], Sequence[float]],
    diverged_label: str,
) -> None:
    """The path up to `step`, then a dot (or an ✕ once it has diverged), kept inside the box."""
    pts = path.points[: _upto(path, step) + 1]
    line = {"color": color, "width": 2.5}
    fig.add_scatter(
        x=pts[:, 0], y=pts[:, 1], mode="lines", name=path.label, legendgroup=path.label, line=line
    )
    ended = path.diverged and step >= len(path.points) - 1
    cx, cy = _clip(pts[-1], *box)
    marker = {
        "symbol": "x" if ended else "circle",
        "size": 16 if ended else 11,
        "color": color,
        "line": {"color": "white", "width": 1.5},
    }
    fig.add_scatter(
        x=[cx],
        y=[cy],
        mode="markers",
        legendgroup=path.label,
        showlegend=False,
        name=f"{path.label} {diverged_label}" if ended else path.label,
        marker=marker,
        unselected=KEEP,  # a click-to-pick selection must not fade the racers
    )


def gd_contour_figure(
    xs: np.ndarray,
    ys: np.ndarray,
    z: np.ndarray,
    paths: Sequence[PathLike],
    step: int,
    *,
    title: str,
    x_label: str,
    y_label: str,
    shade_label: str,
    minima: Sequence[tuple[float, float]] = (),
    minimum_label: str = "",
    diverged_label: str = "",
    show_scale: bool = True,
    pick_grid: int = 0,
) -> go.Figure:
    """Contours of J with each path drawn up to `step`; a diverged path ends in an ✕.

    `pick_grid` > 0 lays an invisible n×n grid of clickable points over the map (to pick a start).
    """
    fig = go.Figure()
    fig.add_contour(
        x=xs,
        y=ys,
        z=shade(z),
        colorscale="Viridis",
        ncontours=30,
        opacity=0.85,
        hoverinfo="skip",
        showscale=show_scale,
        colorbar={"title": {"text": shade_label, "side": "right"}},
        name="J",
    )
    if pick_grid:
        gx, gy = np.meshgrid(np.linspace(xs[0], xs[-1], pick_grid),
                             np.linspace(ys[0], ys[-1], pick_grid))  # fmt: skip
        fig.add_scatter(x=gx.ravel(), y=gy.ravel(), mode="markers", showlegend=False, name="pick",
                        marker={"size": 12, "color": "rgba(0,0,0,0)"},
                        unselected={"marker": {"opacity": 0}}, selected={"marker": {"opacity": 0}},
                        hovertemplate="(%{x:.2f}, %{y:.2f})<extra></extra>")  # fmt: skip
    if minima:
        mx, my = zip(*minima, strict=True)
        star = {
            "symbol": "star",
            "size": 14,
            "color": "white",
            "line": {"color": "black", "width": 1},
        }
        fig.add_scatter(
            x=mx, y=my, mode="markers", name=minimum_label, marker=star, unselected=KEEP
        )
    xlim, ylim = (xs[0], xs[-1]), (ys[0], ys[-1])
    for i, path in enumerate(paths):
        _add_path(fig, path, PALETTE[i % len(PALETTE)], step, (xlim, ylim), diverged_label)
    fig.update_layout(
        **axes_layout(title, x_label, y_label, 480),
        legend={"orientation": "h", "y": -0.15},
        xaxis={"range": list(xlim), "constrain": "domain"},
        yaxis={"range": list(ylim), "scaleanchor": "x", "scaleratio": 1, "constrain": "domain"},
    )
    return fig


def gd_surface3d_figure(
    xs: np.ndarray,
    ys: np.ndarray,
    z: np.ndarray,
    paths: Sequence[PathLike],
    step: int,
    *,
    title: str,
    x_label: str,
    y_label: str,
    z_label: str,
) -> go.Figure:
    """The surface J(x, y) in 3-D with each path (inside the plotted box) drawn on it."""
    fig = go.Figure()
    fig.add_surface(x=xs, y=ys, z=shade(z), colorscale="Viridis", opacity=0.8, showscale=False)
    zmin = float(np.nanmin(z))
    for i, path in enumerate(paths):
        pts = path.points[: _upto(path, step) + 1]
        inside = (
            (pts[:, 0] >= xs[0])
            & (pts[:, 0] <= xs[-1])
            & (pts[:, 1] >= ys[0])
            & (pts[:, 1] <= ys[-1])
        )
        pts, loss = pts[inside], path.losses[: len(inside)][inside]
        fig.add_scatter3d(
            x=pts[:, 0],
            y=pts[:, 1],
            z=np.log10(1.0 + np.maximum(loss - zmin, 0)),
            mode="lines+markers",
            name=path.label,
            line={"color": PALETTE[i % len(PALETTE)], "width": 5},
            marker={"size": 2, "color": PALETTE[i % len(PALETTE)]},
        )
    fig.update_layout(
        title=title,
        height=520,
        margin=MARGIN,
        scene={"xaxis_title": x_label, "yaxis_title": y_label, "zaxis_title": z_label},
    )
    return fig
