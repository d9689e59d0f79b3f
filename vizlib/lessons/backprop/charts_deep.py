"""Charts for vanishing/exploding gradients: per-layer gradient norms and activation histograms."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go


def grad_norm_figure(
    norms: np.ndarray,
    *,
    title: str,
    x_title: str,
    y_title: str,
    compare: np.ndarray | None = None,
    names: tuple[str, str] = ("", ""),
) -> go.Figure:
    """||∂L/∂W_l|| per layer on a log axis (zeros are dropped: log 0 is undefined)."""
    fig = go.Figure()
    for vals, name, color in ((norms, names[0], "#d62728"), (compare, names[1], "#1f77b4")):
        if vals is None:
            continue
        layers = np.arange(1, len(vals) + 1)
        ok = vals > 0
        fig.add_scatter(
            x=layers[ok],
            y=vals[ok],
            mode="lines+markers",
            name=name,
            line=dict(color=color, width=2),
        )
    fig.update_layout(
        title=title,
        xaxis_title=x_title,
        yaxis_title=y_title,
        height=360,
        margin=dict(l=10, r=10, t=50, b=10),
        showlegend=compare is not None,
    )
    fig.update_yaxes(type="log", exponentformat="power")
    return fig


def activation_histograms(acts: np.ndarray, bins: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """Fraction of activations per bin for each layer (depth, bins) and the bin centres.

    Bins are shared across layers and span the 0.5–99.5 percentiles, so outliers don't flatten
    everything.
    """
    lo, hi = np.percentile(acts, [0.5, 99.5])
    if not np.isfinite([lo, hi]).all() or hi - lo < 1e-12:
        lo, hi = (lo - 0.5, lo + 0.5) if np.isfinite(lo) else (-1.0, 1.0)
    edges = np.linspace(lo, hi, bins + 1)
    clipped = np.clip(acts, lo, hi)
    hist = np.stack([np.histogram(row, bins=edges)[0] for row in clipped]).astype(float)
    hist /= acts.shape[1]
    return hist, 0.5 * (edges[:-1] + edges[1:])


def activation_figure(
    acts: np.ndarray, *, title: str, x_title: str, y_title: str, color_title: str
) -> go.Figure:
    """A heatmap: one column per layer, its histogram of activation values as colour."""
    hist, centres = activation_histograms(acts)
    fig = go.Figure(
        go.Heatmap(
            z=hist.T,
            x=np.arange(1, hist.shape[0] + 1),
            y=centres,
            colorscale="Viridis",
            colorbar=dict(title=color_title),
            zmin=0.0,
            hovertemplate="%{x}: %{y:.3g} → %{z:.1%}<extra></extra>",
        )
    )
    fig.update_layout(
        title=title,
        xaxis_title=x_title,
        yaxis_title=y_title,
        height=360,
        margin=dict(l=10, r=10, t=50, b=10),
    )
    return fig
