"""Charts for the loss lesson: the loss against the true class's probability, and bars."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go


def loss_curve_figure(
    p: np.ndarray,
    loss: np.ndarray,
    p_now: float,
    loss_now: float,
    *,
    x_title: str,
    y_title: str,
    point_label: str,
) -> go.Figure:
    """The loss against the predicted probability of the true class, current point marked."""
    fig = go.Figure()
    fig.add_scatter(x=p, y=loss, mode="lines", line=dict(width=3), showlegend=False)
    fig.add_scatter(
        x=[p_now],
        y=[loss_now],
        mode="markers",
        name=point_label,
        marker=dict(size=13, color="#d62728"),
    )
    fig.update_layout(
        xaxis_title=x_title, yaxis_title=y_title, height=330, margin=dict(l=10, r=10, t=30, b=10)
    )
    return fig


def vector_bars_figure(
    labels: list[str], series: dict[str, np.ndarray], y_title: str, x_title: str
) -> go.Figure:
    """Grouped bars, one group per element (targets, predictions, gradient...)."""
    fig = go.Figure()
    for name, values in series.items():
        fig.add_bar(
            x=labels,
            y=np.asarray(values, float),
            name=name,
            text=[f"{v:.3g}" for v in values],
            textposition="outside",
        )
    fig.update_layout(
        barmode="group",
        xaxis_title=x_title,
        yaxis_title=y_title,
        height=330,
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", y=-0.2),
    )
    return fig
