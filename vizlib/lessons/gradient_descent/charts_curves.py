"""Line charts for the gradient-descent lab: loss per step, the lr sweep around 2/L, the fit."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from vizlib.lessons.gradient_descent.charts import MARGIN, PALETTE, PathLike, axes_layout


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
    fig.add_vline(x=step, line={"color": "grey", "dash": "dot"})
    fig.update_layout(
        **axes_layout(title, x_label, y_label, 480),
        yaxis_type="log" if positive else "linear",
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
    top = float(finite.max()) * 10 if finite.size and finite.max() > 0 else 1.0
    fig = go.Figure()
    fig.add_scatter(
        x=lrs[ok],
        y=np.maximum(finite, 1e-300),
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
    fig.add_vline(
        x=threshold,
        line={"color": PALETTE[3], "dash": "dash"},
        annotation_text=threshold_label,
    )
    fig.add_vline(
        x=current_lr,
        line={"color": PALETTE[1], "width": 3},
        annotation_text=current_label,
        annotation_position="bottom right",
    )
    fig.update_layout(
        title=title,
        xaxis_title=x_label,
        yaxis_title=y_label,
        yaxis_type="log",
        height=360,
        margin=MARGIN,
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def gd_linreg_fit_figure(
    x: np.ndarray,
    y: np.ndarray,
    theta: np.ndarray,
    theta_exact: np.ndarray,
    *,
    title: str,
    x_label: str,
    y_label: str,
    data_label: str,
    gd_label: str,
    exact_label: str,
) -> go.Figure:
    """The data, the current GD line θ0 + θ1·x, and the exact least-squares line (dashed)."""
    pad = 0.1 * max(1.0, float(np.ptp(x)))
    grid = np.array([float(x.min()) - pad, float(x.max()) + pad])
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=y,
        mode="markers",
        name=data_label,
        marker={"size": 11, "color": PALETTE[0]},
    )
    fig.add_scatter(
        x=grid,
        y=theta_exact[0] + theta_exact[1] * grid,
        mode="lines",
        name=exact_label,
        line={"color": "grey", "dash": "dash"},
    )
    fig.add_scatter(
        x=grid,
        y=theta[0] + theta[1] * grid,
        mode="lines",
        name=gd_label,
        line={"color": PALETTE[3], "width": 3},
    )
    lo, hi = float(y.min()), float(y.max())
    span = max(1.0, hi - lo)
    fig.update_layout(
        **axes_layout(title, x_label, y_label, 360),
        yaxis={"range": [lo - span, hi + span]},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def gd_curve_figure(
    values: np.ndarray, *, title: str, x_label: str, y_label: str, log_y: bool = True
) -> go.Figure:
    """A single loss curve (value per step)."""
    fig = go.Figure()
    fig.add_scatter(
        x=np.arange(len(values)),
        y=values,
        mode="lines",
        showlegend=False,
        line={"color": PALETTE[3], "width": 2},
    )
    positive = bool(len(values)) and bool((np.asarray(values) > 0).all())
    fig.update_layout(
        **axes_layout(title, x_label, y_label, 360),
        yaxis_type="log" if log_y and positive else "linear",
    )
    return fig
