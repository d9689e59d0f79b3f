"""Plotly figures for the CNN-on-MNIST lesson: curves, image grids (filters, feature maps,
digits), class probabilities and the confusion matrix. Labels come in already translated.

Figures are built from plain dicts without plotly's validation (they are redrawn every tick).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from vizlib.charts.colours import BLUISH_GREEN, VERMILLION

_MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}
GRID_MODES = ("each", "global", "signed")
_GRAY = [[0.0, "#000000"], [1.0, "#ffffff"]]  # ink is bright, as in MNIST
BLUES = [
    [0.0, "#f7fbff"],
    [1.0, "#08306b"],
]  # 0 white -> 1 dark blue (plotly's "Blues" is reversed)
DIVERGING = [[0.0, "#2166ac"], [0.5, "#f7f7f7"], [1.0, "#b2182b"]]  # negative blue, 0 white, + red


def _fig(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def tile(
    images: np.ndarray, cols: int, mode: str = "each", pad: int = 1, vpad: int | None = None
) -> np.ndarray:
    """Mosaic of (N, H, W) images, `cols` per row, NaN gaps; each tile scaled per `mode`.

    mode "each": every tile min-max to [0, 1]; "global": one min-max for all; "signed": divided by
    the largest |value| so 0 stays 0 (for filter weights).
    """
    imgs = np.asarray(images, dtype=float)
    n, h, w = imgs.shape
    if mode == "each":
        lo = imgs.min(axis=(1, 2), keepdims=True)
        span = imgs.max(axis=(1, 2), keepdims=True) - lo
        imgs = (imgs - lo) / np.where(span > 0, span, 1.0)
    elif mode == "global":
        span = imgs.max() - imgs.min()
        imgs = (imgs - imgs.min()) / (span if span > 0 else 1.0)
    elif mode == "signed":
        peak = np.abs(imgs).max()
        imgs = imgs / (peak if peak > 0 else 1.0)
    else:
        raise ValueError(f"mode must be one of {GRID_MODES}")
    cols = max(1, min(cols, n))
    rows = -(-n // cols)
    vpad = pad if vpad is None else vpad  # room between rows (for captions)
    out = np.full((rows * (h + vpad) - vpad, cols * (w + pad) - pad), np.nan)
    for i, img in enumerate(imgs):
        r, c = divmod(i, cols)
        out[r * (h + vpad) : r * (h + vpad) + h, c * (w + pad) : c * (w + pad) + w] = img
    return out


def _z(m: np.ndarray) -> list[list[float | None]]:
    return [[None if np.isnan(v) else round(float(v), 4) for v in row] for row in m]


def _image_layout(title: str, height: int) -> dict[str, Any]:
    axis = {"visible": False, "constrain": "domain"}
    return {
        "title": {"text": title},
        "height": height,
        "margin": _MARGIN,
        "xaxis": {**axis, "scaleanchor": "y"},
        "yaxis": {**axis, "autorange": "reversed"},
        "plot_bgcolor": "rgba(0,0,0,0)",
    }


def _captions(texts: Sequence[str], cols: int, row_h: int, col_w: int) -> list[dict[str, Any]]:
    """One text above each tile (tiles are col_w wide and row_h apart, gaps included)."""
    return [
        {
            "x": (i % cols) * col_w + (col_w - 2) / 2,
            "y": (i // cols) * row_h - 0.5,
            "text": text,
            "showarrow": False,
            "yanchor": "bottom",
            "font": {"size": 13},
        }
        for i, text in enumerate(texts)
    ]


def image_grid_figure(
    images: np.ndarray,
    title: str,
    *,
    cols: int = 8,
    mode: str = "each",
    captions: Sequence[str] | None = None,
    height: int | None = None,
) -> go.Figure:
    """Images (N, H, W) as one grid heatmap: filters ("signed", red/blue), maps or digits."""
    imgs = np.asarray(images, dtype=float)
    n, h, w = imgs.shape
    vpad = max(2, h // 3) if captions else 1
    mosaic = tile(imgs, cols, mode, vpad=vpad)
    colours = (
        {"colorscale": DIVERGING, "zmin": -1.0, "zmax": 1.0}
        if mode == "signed"
        else {"colorscale": _GRAY, "zmin": 0.0, "zmax": 1.0}
    )
    trace = {
        "type": "heatmap",
        "z": _z(mosaic),
        "showscale": False,
        "hoverongaps": False,
        "hovertemplate": "%{z:.2f}<extra></extra>",
        **colours,
    }
    cols = max(1, min(cols, n))
    annotations = _captions(captions or [], cols, h + vpad, w + 1)
    rows = -(-n // cols)
    layout = _image_layout(
        title, height or max(140, min(700, 60 + rows * (90 if captions else 70)))
    )
    layout["annotations"] = annotations
    if captions:
        layout["yaxis"]["range"] = [mosaic.shape[0] - 0.5, -vpad - 0.5]
    return _fig([trace], layout)


def digit_figure(
    image: np.ndarray, title: str, *, signed: bool = False, height: int = 220
) -> go.Figure:
    """One image (H, W) as a heatmap with its true values on hover (gray, or red/blue if signed)."""
    m = np.asarray(image, dtype=float)
    trace: dict[str, Any] = {
        "type": "heatmap",
        "z": _z(m),
        "showscale": False,
        "hovertemplate": "(%{y}, %{x}) %{z:.3f}<extra></extra>",
    }
    if signed:
        peak = float(np.abs(m).max()) or 1.0
        trace.update(colorscale=DIVERGING, zmin=-peak, zmax=peak)
    else:
        trace.update(colorscale=_GRAY, zmin=float(min(m.min(), 0.0)), zmax=float(max(m.max(), 1.0)))
    return _fig([trace], _image_layout(title, height))


def probability_figure(
    probs: Sequence[float], title: str, x_label: str, y_label: str, true_label: int | None = None
) -> go.Figure:
    """Softmax probabilities of the 10 digits as bars; the predicted digit highlighted."""
    p = np.asarray(probs, dtype=float)
    pred = int(p.argmax())
    # Okabe–Ito vermillion and bluish green: told apart under red–green colour blindness
    colors = [VERMILLION if i == pred else "#1f77b4" for i in range(len(p))]
    if true_label is not None and true_label != pred:
        colors[true_label] = BLUISH_GREEN
    data = [
        {
            "type": "bar",
            "x": [str(i) for i in range(len(p))],
            "y": [float(v) for v in p],
            "marker": {"color": colors},
            "text": [f"{v:.1%}" for v in p],
            "textposition": "outside",
            "hovertemplate": "%{x}: %{y:.4f}<extra></extra>",
        }
    ]
    layout = {
        "title": {"text": title},
        "height": 280,
        "margin": {**_MARGIN, "l": 50, "b": 40},
        "xaxis": {"title": {"text": x_label}, "type": "category"},
        "yaxis": {"title": {"text": y_label}, "range": [0, 1.15]},
    }
    return _fig(data, layout)


def confusion_figure(matrix: np.ndarray, title: str, x_label: str, y_label: str) -> go.Figure:
    """10x10 confusion counts (rows true, columns predicted) with the counts written in."""
    m = np.asarray(matrix, dtype=int)
    labels = [str(i) for i in range(m.shape[0])]
    # Colour by share of each true digit, so rare mistakes are visible next to big diagonals.
    share = m / np.maximum(m.sum(1, keepdims=True), 1)
    data = [
        {
            "type": "heatmap",
            "z": share.round(4).tolist(),
            "x": labels,
            "y": labels,
            "text": m.astype(str).tolist(),
            "texttemplate": "%{text}",
            "showscale": False,
            "colorscale": BLUES,
            "zmin": 0.0,
            "zmax": 1.0,
            "xgap": 1,
            "ygap": 1,
            "hovertemplate": "%{y} → %{x}: %{text}<extra></extra>",
        }
    ]
    layout = {
        "title": {"text": title},
        "height": 420,
        "margin": {**_MARGIN, "l": 50, "b": 50},
        "xaxis": {
            "title": {"text": x_label},
            "type": "category",
            "showgrid": False,
            "constrain": "domain",
        },
        "yaxis": {
            "title": {"text": y_label},
            "type": "category",
            "autorange": "reversed",
            "showgrid": False,
            "scaleanchor": "x",
            "constrain": "domain",
        },
    }
    return _fig(data, layout)


def filter_strip(w: np.ndarray, cols: int = 16) -> np.ndarray:
    """Filters (F, k, k) tiled into one matrix, `cols` per row, one NaN cell between them, each
    scaled by the largest |weight| of all so that the strip spans [-1, 1]."""
    f, k, _ = w.shape
    peak = float(np.abs(w).max()) or 1.0
    cols = min(cols, f)
    rows = -(-f // cols)
    out = np.full((rows * (k + 1) - 1, cols * (k + 1) - 1), np.nan)
    for i in range(f):
        r, c = divmod(i, cols)
        out[r * (k + 1) : r * (k + 1) + k, c * (k + 1) : c * (k + 1) + k] = w[i] / peak
    return out
