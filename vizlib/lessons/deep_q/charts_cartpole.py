"""CartPole figures: the cart and pole drawn from the state vector, and episode lengths."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from vizlib.lessons.deep_q.charts import moving_average

X_LIMIT = 2.4  # CartPole-v1 ends an episode when |x| passes this
POLE_LEN = 1.0  # drawn length (the env's half-length is 0.5)
CART_W, CART_H = 0.5, 0.3


def _line(x0, y0, x1, y1, **line) -> dict:
    return {"type": "line", "x0": x0, "y0": y0, "x1": x1, "y1": y1, "line": line}


def cart_figure(state: Sequence[float], caption: str = "") -> go.Figure:
    """The track, the cart at x and the pole at angle theta (state = x, x', theta, theta')."""
    x, theta = float(state[0]), float(state[2])
    top = CART_H
    tip = (x + POLE_LEN * np.sin(theta), top + POLE_LEN * np.cos(theta))
    shapes = [
        _line(-X_LIMIT - 0.3, 0, X_LIMIT + 0.3, 0, width=2),
        *(_line(e, -0.1, e, 0.25, color="#c00", dash="dot") for e in (-X_LIMIT, X_LIMIT)),
        {"type": "rect", "x0": x - CART_W / 2, "x1": x + CART_W / 2, "y0": 0, "y1": CART_H,
         "fillcolor": "#1f77b4", "line": {"width": 0}},
        _line(x, top, tip[0], tip[1], color="#a0522d", width=8),
        {"type": "circle", "x0": x - 0.05, "x1": x + 0.05, "y0": top - 0.05, "y1": top + 0.05,
         "fillcolor": "#333"},
    ]  # fmt: skip
    layout = {
        "shapes": shapes, "height": 260, "margin": {"l": 5, "r": 5, "t": 30, "b": 5},
        "showlegend": False, "title": {"text": caption, "font": {"size": 13}},
        "plot_bgcolor": "white",
        "xaxis": {"range": [-X_LIMIT - 0.4, X_LIMIT + 0.4], "visible": False},
        "yaxis": {"range": [-0.2, 1.45], "visible": False, "scaleanchor": "x"},
    }  # fmt: skip
    anchor = {"type": "scatter", "x": [x], "y": [top], "mode": "markers",
              "marker": {"opacity": 0}, "hoverinfo": "skip"}  # fmt: skip
    return go.Figure(data=[anchor], layout=layout)


def lengths_figure(
    lengths: Sequence[int], solved: float, labels: Mapping[str, str], window: int = 20
) -> go.Figure:
    """Training episode lengths, their moving average, and the 'solved' line."""
    ep = np.arange(1, len(lengths) + 1)
    data = [
        {"type": "scatter", "x": ep, "y": lengths, "mode": "lines", "name": labels["length"],
         "line": {"color": "rgba(31,119,180,0.35)"}},
        {"type": "scatter", "x": ep, "y": moving_average(lengths, window), "mode": "lines",
         "name": labels["ma"], "line": {"color": "#1f77b4", "width": 2.5}},
    ]  # fmt: skip
    layout = {
        "height": 260, "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "xaxis": {"title": {"text": labels["episode"]}},
        "yaxis": {"range": [0, 520], "title": {"text": labels["steps"]}},
        "legend": {"orientation": "h", "y": 1.12}, "uirevision": "lengths",
        "shapes": [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": solved,
                    "y1": solved, "line": {"color": "#2ca02c", "dash": "dash"}}],
        "annotations": [{"text": labels["solved"], "xref": "paper", "x": 1, "y": solved,
                         "xanchor": "right", "yanchor": "bottom", "showarrow": False}],
    }  # fmt: skip
    return go.Figure(data=data, layout=layout)
