"""CartPole figures: the cart and pole drawn from the state vector, and episode lengths."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from vizlib.lessons.deep_q.charts import moving_average

X_LIMIT = 2.4  # CartPole-v1 ends an episode when |x| passes this
POLE_LEN = 1.0  # drawn length (the env's half-length is 0.5)
CART_W, CART_H = 0.5, 0.3


def cart_figure(state: Sequence[float], caption: str = "") -> go.Figure:
    """The track, the cart at x and the pole at angle theta (state = x, x', theta, theta')."""
    x, theta = float(state[0]), float(state[2])
    top = CART_H
    tip = (x + POLE_LEN * np.sin(theta), top + POLE_LEN * np.cos(theta))
    fig = go.Figure()
    fig.add_shape(type="line", x0=-X_LIMIT - 0.3, x1=X_LIMIT + 0.3, y0=0, y1=0, line_width=2)
    for edge in (-X_LIMIT, X_LIMIT):
        fig.add_shape(
            type="line", x0=edge, x1=edge, y0=-0.1, y1=0.25, line={"color": "#c00", "dash": "dot"}
        )
    fig.add_shape(
        type="rect", x0=x - CART_W / 2, x1=x + CART_W / 2, y0=0, y1=CART_H,
        fillcolor="#1f77b4", line_width=0,
    )  # fmt: skip
    fig.add_shape(
        type="line", x0=x, y0=top, x1=tip[0], y1=tip[1], line={"color": "#a0522d", "width": 8}
    )
    fig.add_shape(
        type="circle", x0=x - 0.05, x1=x + 0.05, y0=top - 0.05, y1=top + 0.05, fillcolor="#333"
    )
    fig.add_scatter(x=[x], y=[top], mode="markers", marker={"opacity": 0}, hoverinfo="skip")
    fig.update_xaxes(range=[-X_LIMIT - 0.4, X_LIMIT + 0.4], visible=False)
    fig.update_yaxes(range=[-0.2, 1.45], visible=False, scaleanchor="x")
    fig.update_layout(
        height=260, margin={"l": 5, "r": 5, "t": 30, "b": 5}, showlegend=False,
        title={"text": caption, "font": {"size": 13}}, plot_bgcolor="white",
    )  # fmt: skip
    return fig


def lengths_figure(
    lengths: Sequence[int], solved: float, labels: Mapping[str, str], window: int = 20
) -> go.Figure:
    """Training episode lengths, their moving average, and the 'solved' line."""
    ep = np.arange(1, len(lengths) + 1)
    fig = go.Figure()
    fig.add_scatter(
        x=ep, y=lengths, mode="lines", line={"color": "rgba(31,119,180,0.35)"},
        name=labels["length"],
    )  # fmt: skip
    fig.add_scatter(
        x=ep, y=moving_average(lengths, window), mode="lines",
        line={"color": "#1f77b4", "width": 2.5}, name=labels["ma"],
    )  # fmt: skip
    fig.add_hline(
        y=solved, line={"color": "#2ca02c", "dash": "dash"}, annotation_text=labels["solved"]
    )
    fig.update_layout(
        height=260, margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis_title=labels["episode"], yaxis={"range": [0, 520], "title": labels["steps"]},
        legend={"orientation": "h", "y": 1.12}, uirevision="lengths",
    )  # fmt: skip
    return fig
