"""Line charts for the gradient-descent lab: loss per step, the lr sweep around 2/L.

Log axes write every tick as a power of ten (10⁻¹⁶, 10⁻³, 10²): plotly's default mixes SI prefixes
("100µ", "1T") with powers on one axis. A log axis is used only when every value is positive, so a
zero loss is drawn as 0, never as a tiny stand-in like 10⁻³⁰⁰.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from vizlib.lessons.gradient_descent.charts import MARGIN, PALETTE, PathLike, axes_layout

LOG_AXIS = {"type": "log", "exponentformat": "power"}
LINEAR_AXIS = {"type": "linear"}


def vline(x: float, line: dict) -> dict:
    """A vertical line across the plot at `x`, as a plain layout shape (much cheaper to build
    than plotly's add_vline, which a rerun paid for on every chart)."""
    return {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
            "line": line}  # fmt: skip


def gd_loss_figure(
    paths: Sequence[PathLike],
    step: int,
    *,
    title: str,
    x_label: str,
    y_label: str,
    diverged_label: str = "",
) -> go.Figure:
    """Loss against step for each path (log scale when every loss is positive); `step` marked."""
    fig = go.Figure()
    positive = all((p.losses > 0).all() for p in paths)
    for i, path in enumerate(paths):
        color = PALETTE[i % len(PALETTE)]
        steps = np.arange(len(path.losses))
        fig.add_scatter(
            x=steps,
            y=path.losses,
            mode="lines",
            name=path.label,
            line={"color": color, "width": 2},
        )
        if path.diverged:
            fig.add_scatter(
                x=[steps[-1]],
                y=[path.losses[-1]],
                mode="markers",
                name=f"{path.label} {diverged_label}",
                showlegend=False,
                marker={"symbol": "x", "size": 14, "color": color},
            )
    fig.update_layout(
        **axes_layout(title, x_label, y_label, 480),
        shapes=[vline(step, {"color": "grey", "dash": "dot"})],
        yaxis=LOG_AXIS if positive else LINEAR_AXIS,
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def gd_lr_sweep_figure(
    lrs: np.ndarray,
    final_losses: np.ndarray,
    threshold: float,
    current_lr: float,
    *,
    title: str,
    x_label: str,
    y_label: str,
    threshold_label: str,
    current_label: str,
    diverged_label: str,
) -> go.Figure:
    """Final loss of GD against lr; diverged runs are ✕ at the top; 2/L is a vertical line."""
    ok = np.isfinite(final_losses)
    finite = final_losses[ok]
    log = bool(finite.size) and bool((finite > 0).all())
    top = float(finite.max()) if finite.size else 1.0
    top = top * 10 if log else max(1.0, 1.2 * top)  # where the diverged runs' ✕ sit
    fig = go.Figure()
    fig.add_scatter(
        x=lrs[ok],
        y=finite,
        mode="lines+markers",
        name=y_label,
        line={"color": PALETTE[0]},
    )
    fig.add_scatter(
        x=lrs[~ok],
        y=np.full(int((~ok).sum()), top),
        mode="markers",
        name=diverged_label,
        marker={"symbol": "x", "size": 11, "color": PALETTE[3]},
    )
    labels = [
        {"x": threshold, "text": threshold_label, "yanchor": "bottom", "y": 1.0},
        {"x": current_lr, "text": current_label, "yanchor": "bottom", "y": 0.0},
    ]
    fig.update_layout(
        shapes=[vline(threshold, {"color": PALETTE[3], "dash": "dash"}),
                vline(current_lr, {"color": PALETTE[1], "width": 3})],
        annotations=[{**a, "xref": "x", "yref": "paper", "showarrow": False, "xanchor": "left"}
                     for a in labels],
    )  # fmt: skip
    fig.update_layout(
        title=title,
        xaxis_title=x_label,
        yaxis_title=y_label,
        yaxis=LOG_AXIS if log else LINEAR_AXIS,
        height=360,
        margin=MARGIN,
        legend={"orientation": "h", "y": -0.25},
    )
    return fig
