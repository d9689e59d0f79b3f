"""The playground's network diagram: a small heatmap per neuron, edges sized and coloured by weight.

All thumbnails are painted into one RGB image (one trace, cheap to redraw 10×/s); units dropped
on the current step are painted grey. Plot units are pixels, y pointing down.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from vizlib.charts.raster import data_uri, png_bytes
from vizlib.lessons.playground.charts import BLUE, GREY, ORANGE, _rgb

WIDTHS = (0.6, 1.5, 3.0, 5.0)
DROPPED_RGB = np.array([150.0, 150.0, 150.0])


def thumbnail(values: np.ndarray, size: int, thumb: int) -> np.ndarray:
    """A thumb×thumb sample of a size² grid, scaled to [-1, 1] by its largest |value|."""
    idx = (np.arange(thumb) * (size - 1) / max(thumb - 1, 1)).round().astype(int)
    img = values.reshape(size, size)[idx[:, None], idx]
    peak = np.nanmax(np.abs(img)) if np.any(np.isfinite(img)) else 0.0
    return img / peak if peak > 0 else img


def diverging_rgb(v: np.ndarray) -> np.ndarray:
    """Colours for values in [-1, 1]: orange (-1), light grey (0), blue (+1); nan is white."""
    v = np.clip(np.nan_to_num(v, nan=0.0), -1, 1)[..., None]
    grey, orange, blue = _rgb(GREY), _rgb(ORANGE), _rgb(BLUE)
    rgb = grey + np.where(v < 0, -v * (orange - grey), v * (blue - grey))
    return rgb


def png_data_uri(img: np.ndarray) -> str:
    """An RGB uint8 image as a PNG data URI (far smaller than a JSON array of pixels)."""
    return data_uri(png_bytes(img))


def _positions(sizes: tuple[int, ...], thumb: int) -> list[np.ndarray]:
    """Top-left pixel (x, y) of every neuron's box, per layer; columns centred vertically."""
    col_gap, row_gap = int(3.2 * thumb), int(1.35 * thumb)
    tallest = max(sizes)
    return [
        np.stack(
            [np.full(n, col_gap * col), (np.arange(n) + (tallest - n) / 2) * row_gap], 1
        ).astype(int)
        for col, n in enumerate(sizes)
    ]


def _canvas(pos, grids, size, thumb, dropped) -> np.ndarray:
    width = pos[-1][0, 0] + thumb
    height = int(max(p[:, 1].max() for p in pos)) + thumb
    canvas = np.full((height, width, 3), 255.0)
    for layer, (p, grid) in enumerate(zip(pos, grids, strict=True)):
        for i, (x, y) in enumerate(p):
            # grids are row-major from the bottom row; images draw row 0 at the top
            rgb = diverging_rgb(thumbnail(grid[:, i], size, thumb)[::-1])
            if dropped is not None and 0 < layer <= len(dropped) and dropped[layer - 1][i]:
                rgb = 0.25 * rgb + 0.75 * DROPPED_RGB
            canvas[y : y + thumb, x : x + thumb] = rgb
    return canvas.astype(np.uint8)


def _edges(pos, weights, thumb: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end points (E, 2) of every edge and its weight (E,), layer by layer."""
    starts, ends, values = [], [], []
    for layer, w in enumerate(weights):
        j, i = np.indices(w.shape).reshape(2, -1)  # w (out, in): edge from unit i to unit j
        starts.append(pos[layer][i] + [thumb, thumb / 2])
        ends.append(pos[layer + 1][j] + [0, thumb / 2])
        values.append(w[j, i])
    return np.concatenate(starts), np.concatenate(ends), np.concatenate(values)


def _edge_traces(pos, weights, thumb: int, label: str) -> list[go.Scatter]:
    a, b, v = _edges(pos, weights, thumb)
    finite = np.where(np.isfinite(v), v, 0.0)
    peak = np.abs(finite).max() if len(v) and np.abs(finite).max() > 0 else 1.0
    bucket = np.minimum((np.abs(finite) / peak * len(WIDTHS)).astype(int), len(WIDTHS) - 1)
    traces = []
    for positive in (False, True):
        for k in range(len(WIDTHS)):
            sel = (bucket == k) & ((finite >= 0) == positive)
            if not sel.any():
                continue
            gap = np.full(sel.sum(), np.nan)  # nan breaks the line between edges
            xs = np.stack([a[sel, 0], b[sel, 0], gap], 1).ravel()
            ys = np.stack([a[sel, 1], b[sel, 1], gap], 1).ravel()
            traces.append(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    line={"color": BLUE if positive else ORANGE, "width": WIDTHS[k]},
                    opacity=0.35 + 0.15 * k,
                )
            )
    mid = (a + b) / 2
    traces.append(
        go.Scatter(
            x=mid[:, 0],
            y=mid[:, 1],
            mode="markers",
            customdata=v,
            hovertemplate=label + " = %{customdata:.4g}<extra></extra>",
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
    hidden units of layer l+1 dropped this step; `labels` has "title", "weight" and "neuron"
    (with {layer}, {i}); `node_names` names the inputs.
    """
    pos = _positions(sizes, thumb)
    img = _canvas(pos, grids, size, thumb, dropped)
    names, cx, cy = [], [], []
    for layer, p in enumerate(pos):
        for i, (x, y) in enumerate(p):
            default = labels["neuron"].format(layer=layer, i=i + 1)
            names.append(node_names[i] if layer == 0 and node_names else default)
            cx.append(x + thumb / 2)
            cy.append(y + thumb / 2)
    data = [go.Image(source=png_data_uri(img), hoverinfo="skip")]
    data += _edge_traces(pos, weights, thumb, labels["weight"])
    data.append(
        go.Scatter(
            x=cx,
            y=cy,
            mode="markers",
            hovertext=names,
            hoverinfo="text",
            marker={"size": thumb, "opacity": 0, "symbol": "square"},
            showlegend=False,
        )
    )
    h, w = img.shape[:2]
    annotations = [
        {"x": pos[0][i][0] - 4, "y": cy[i], "text": name, "showarrow": False, "xanchor": "right"}
        for i, name in enumerate((node_names or [])[: sizes[0]])
    ]
    layout = {
        "title": {"text": labels["title"]},
        "height": max(260, int(h * 1.6) + 60),
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "plot_bgcolor": "white",
        "xaxis": {"visible": False, "range": [-3 * thumb, w + 2]},
        "yaxis": {"visible": False, "range": [h + 2, -2], "scaleanchor": "x"},
        "annotations": annotations,
    }
    return go.Figure(data=data, layout=layout)
