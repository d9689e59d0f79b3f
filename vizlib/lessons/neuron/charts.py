"""Charts for the neuron lesson: f and f' with the operating point and saturation zones."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from vizlib.lessons.neuron.model import ActivationCurve


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Index ranges [start, end] of consecutive True values."""
    runs, start = [], None
    for i, m in enumerate(mask):
        if m and start is None:
            start = i
        if not m and start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(mask) - 1))
    return runs


def activation_figure(
    curve: ActivationCurve,
    z: float,
    y: float,
    dy: float,
    *,
    f_label: str,
    df_label: str,
    point_label: str,
    sat_label: str,
    x_title: str,
) -> go.Figure:
    """f(x) and f'(x), the current z marked on both, saturated ranges shaded."""
    fig = go.Figure()
    for i, (a, b) in enumerate(_runs(curve.saturated)):
        # Only the first zone is labelled: passing annotation_position without a text makes
        # Plotly add an empty annotation, which the browser draws as "new text".
        label = dict(annotation_text=sat_label, annotation_position="top left") if i == 0 else {}
        fig.add_vrect(
            x0=curve.x[a],
            x1=curve.x[b],
            fillcolor="rgba(220,80,60,0.12)",
            line_width=0,
            **label,
        )
    fig.add_scatter(x=curve.x, y=curve.f, name=f_label, line=dict(color="#1f77b4", width=3))
    fig.add_scatter(
        x=curve.x, y=curve.df, name=df_label, line=dict(color="#ff7f0e", width=2, dash="dash")
    )
    fig.add_scatter(
        x=[z, z],
        y=[y, dy],
        mode="markers+text",
        name=point_label,
        marker=dict(size=12, color=["#1f77b4", "#ff7f0e"], line=dict(width=2, color="white")),
        text=[f"f={y:.3g}", f"f'={dy:.3g}"],
        textposition="top right",
    )
    fig.update_layout(
        xaxis_title=x_title,
        height=360,
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", y=-0.2),
    )
    return fig
