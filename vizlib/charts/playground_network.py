"""The playground's network diagram: a small heatmap per neuron, edges sized and coloured by weight.

Units dropped on the current step are covered in grey.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from vizlib.charts.playground import BLUE, DIVERGING, ORANGE

BOX = 1.0  # neuron thumbnail side, in plot units
COL_GAP = 3.2
ROW_GAP = 1.35
WIDTHS = (0.6, 1.5, 3.0, 5.0)


def _positions(sizes: tuple[int, ...]) -> list[np.ndarray]:
    """Centre (x, y) of every neuron, per layer; columns are centred vertically."""
    return [
        np.stack([np.full(n, COL_GAP * col), -ROW_GAP * (np.arange(n) - (n - 1) / 2)], 1)
        for col, n in enumerate(sizes)
    ]


def thumbnail(values: np.ndarray, size: int, thumb: int) -> np.ndarray:
    """A thumb×thumb sample of a size² grid, scaled to [-1, 1] by its largest |value|."""
    img = values.reshape(size, size)
    idx = np.linspace(0, size - 1, thumb).round().astype(int)
    img = img[np.ix_(idx, idx)]
    peak = np.nanmax(np.abs(img)) if np.any(np.isfinite(img)) else 0.0
    return img / peak if peak > 0 else img


def _heatmap(centre: np.ndarray, img: np.ndarray, hover: str) -> go.Heatmap:
    t = img.shape[0]
    axis = np.linspace(-BOX / 2, BOX / 2, t)
    return go.Heatmap(
        x=centre[0] + axis,
        y=centre[1] + axis,
        z=img,
        zmin=-1,
        zmax=1,
        colorscale=DIVERGING,
        showscale=False,
        hovertemplate=hover + "<extra></extra>",
    )


def _edge_traces(pos: list[np.ndarray], weights: list[np.ndarray], label: str) -> list[go.Scatter]:
    peak = max((np.nanmax(np.abs(w)) for w in weights if w.size), default=1.0) or 1.0
    buckets: dict[tuple[bool, int], tuple[list, list]] = {}
    mid_x, mid_y, text = [], [], []
    for layer, w in enumerate(weights):
        for j, i in np.ndindex(*w.shape):  # w (out, in): edge from unit i to unit j
            a = pos[layer][i] + [BOX / 2, 0]
            b = pos[layer + 1][j] - [BOX / 2, 0]
            v = float(w[j, i]) if np.isfinite(w[j, i]) else 0.0
            k = min(int(abs(v) / peak * len(WIDTHS)), len(WIDTHS) - 1)
            xs, ys = buckets.setdefault((v >= 0, k), ([], []))
            xs += [a[0], b[0], None]
            ys += [a[1], b[1], None]
            mid_x.append((a[0] + b[0]) / 2)
            mid_y.append((a[1] + b[1]) / 2)
            text.append(f"{label} = {w[j, i]:.4g}")
    traces = [
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line={"color": BLUE if positive else ORANGE, "width": WIDTHS[k]},
            opacity=0.35 + 0.15 * k,
        )
        for (positive, k), (xs, ys) in sorted(buckets.items())
    ]
    traces.append(
        go.Scatter(
            x=mid_x,
            y=mid_y,
            mode="markers",
            hovertext=text,
            hoverinfo="text",
            marker={"size": 7, "opacity": 0},
            showlegend=False,
        )
    )
    return traces


def network_figure(
    sizes: tuple[int, ...],
    grids: list[np.ndarray],
    size: int,
    weights: list[np.ndarray],
    dropped: list[np.ndarray] | None,
    labels: dict[str, str],
    node_names: list[str] | None = None,
    thumb: int = 20,
) -> go.Figure:
    """The network as columns of neuron thumbnails joined by weighted edges.

    `grids[l]` is (size², sizes[l]) per layer, the last one the output; `dropped[l]` marks the
    hidden units of layer l+1 dropped this step; `labels` has "title", "weight", "neuron"
    (with {layer}, {i}) and "dropped"; `node_names` names the inputs.
    """
    pos = _positions(sizes)
    fig = go.Figure(_edge_traces(pos, weights, labels["weight"]))
    for layer, units in enumerate(sizes):
        for i in range(units):
            name = (
                node_names[i]
                if layer == 0 and node_names
                else labels["neuron"].format(layer=layer, i=i + 1)
            )
            img = thumbnail(grids[layer][:, i], size, thumb)
            fig.add_trace(_heatmap(pos[layer][i], img, name))
            if layer == 0 and node_names:
                fig.add_annotation(
                    x=pos[0][i][0] - BOX / 2 - 0.1,
                    y=pos[0][i][1],
                    text=name,
                    showarrow=False,
                    xanchor="right",
                )
    for layer, mask in enumerate(dropped or []):
        for i in np.flatnonzero(mask):
            cx, cy = pos[layer + 1][i]
            fig.add_shape(
                type="rect",
                x0=cx - BOX / 2,
                x1=cx + BOX / 2,
                y0=cy - BOX / 2,
                y1=cy + BOX / 2,
                fillcolor="rgba(120,120,120,0.85)",
                line={"width": 0},
                layer="above",
            )
    tallest = max(sizes)
    fig.update_xaxes(visible=False, range=[-BOX * 2.2, COL_GAP * (len(sizes) - 1) + BOX])
    fig.update_yaxes(
        visible=False,
        scaleanchor="x",
        range=[-ROW_GAP * tallest / 2 - 0.2, ROW_GAP * tallest / 2 + 0.2],
    )
    fig.update_layout(
        title=labels["title"],
        height=max(260, 60 * tallest + 80),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="white",
    )
    return fig
