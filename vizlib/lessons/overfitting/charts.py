"""Plotly figures of the overfitting lab: curves with the generalisation gap shaded, the weight
norm, the A/B race, the capacity sweep and strips of digits. Labels arrive translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

TRAIN, VAL, TEST = "#1f77b4", "#2ca02c", "#d62728"
A_COLOUR, B_COLOUR = "#7f7f7f", "#ff7f0e"
GAP_FILL = "rgba(214, 39, 40, 0.15)"
_MARGIN = {"l": 50, "r": 10, "t": 40, "b": 40}


def _fig(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    # built from plain dicts without validation: these figures are redrawn every tick
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _line(name: str, x, y, colour: str, dash: str = "solid", **kw: Any) -> dict[str, Any]:
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "x": [float(v) for v in x],
        "y": [float(v) for v in y],
        "line": {"color": colour, "dash": dash, "width": 2},
        **kw,
    }


def _layout(title: str, x_label: str, y_label: str, **kw: Any) -> dict[str, Any]:
    return {
        "title": {"text": title},
        "xaxis": {"title": {"text": x_label}},
        "yaxis": {"title": {"text": y_label}},
        "height": 320,
        "margin": _MARGIN,
        "legend": {"orientation": "h", "y": -0.3},
        **kw,
    }


def gap_curves_figure(
    steps: Sequence[int],
    series: dict[str, tuple[str, Sequence[float]]],
    labels: dict[str, str],
    best: tuple[int, float] | None = None,
    stop_step: int | None = None,
    y_range: tuple[float, float] | None = None,
) -> go.Figure:
    """Train, validation and test curves over steps; the train-test gap is shaded.

    series: {"train"|"val"|"test": (name, values)}; labels: title, x, y, gap, best, stop.
    best: (step, value) of the best-validation point; stop_step: where patience ran out.
    """
    (tn, train), (vn, val), (sn, test) = series["train"], series["val"], series["test"]
    data = [
        _line(sn, steps, test, TEST),
        _line(labels["gap"], steps, train, "rgba(0,0,0,0)", fill="tonexty", fillcolor=GAP_FILL),
        _line(tn, steps, train, TRAIN),
        _line(vn, steps, val, VAL, "dot"),
    ]
    data[1]["showlegend"], data[1]["hoverinfo"] = True, "skip"
    if best is not None:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": labels["best"],
                "x": [best[0]],
                "y": [best[1]],
                "marker": {"symbol": "star", "size": 16, "color": VAL, "line": {"width": 1}},
            }
        )
    layout = _layout(labels["title"], labels["x"], labels["y"])
    if y_range is not None:
        layout["yaxis"]["range"] = list(y_range)
    if stop_step is not None:
        layout["shapes"] = [_vline(stop_step)]
        layout["annotations"] = [_vlabel(stop_step, labels["stop"])]
    return _fig(data, layout)


def _vline(x: float) -> dict[str, Any]:
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "line": {"color": "#555", "dash": "dash", "width": 1},
    }


def _vlabel(x: float, text: str) -> dict[str, Any]:
    return {"x": x, "y": 1, "yref": "paper", "text": text, "showarrow": False, "yanchor": "bottom"}


def norm_figure(
    steps: Sequence[int], series: Sequence[tuple[str, Sequence[float]]], labels: dict[str, str]
) -> go.Figure:
    """The weight norm ||W||_2 over steps (one line per model)."""
    colours = [TRAIN, B_COLOUR]
    data = [_line(n, steps, v, colours[i % 2]) for i, (n, v) in enumerate(series)]
    return _fig(data, _layout(labels["title"], labels["x"], labels["y"]))


def race_figure(
    steps: Sequence[int],
    curves: dict[str, tuple[Sequence[float], Sequence[float]]],
    labels: dict[str, str],
) -> go.Figure:
    """A and B on one chart: train accuracy dashed, test accuracy solid.

    curves: {"A": (train, test), "B": (train, test)}; labels: title, x, y, A, B, train, test.
    """
    data = []
    for key, colour in (("A", A_COLOUR), ("B", B_COLOUR)):
        train, test = curves[key]
        data.append(_line(f"{labels[key]} · {labels['train']}", steps, train, colour, "dash"))
        data.append(_line(f"{labels[key]} · {labels['test']}", steps, test, colour))
    layout = _layout(labels["title"], labels["x"], labels["y"])
    layout["yaxis"]["range"] = [0.0, 1.02]
    return _fig(data, layout)


def sweep_figure(
    widths: Sequence[int],
    train_err: Sequence[float],
    test_err: Sequence[float],
    labels: dict[str, str],
) -> go.Figure:
    """Train and test error against width (log axis); the gap between them shaded."""
    data = [
        _line(labels["test"], widths, test_err, TEST, mode="lines+markers"),
        _line(labels["gap"], widths, train_err, "rgba(0,0,0,0)", fill="tonexty"),
        _line(labels["train"], widths, train_err, TRAIN, mode="lines+markers"),
    ]
    data[1]["fillcolor"], data[1]["hoverinfo"] = GAP_FILL, "skip"
    layout = _layout(labels["title"], labels["x"], labels["y"])
    layout["xaxis"] |= {"type": "log", "tickvals": [float(w) for w in widths]}
    layout["yaxis"]["rangemode"] = "tozero"
    return _fig(data, layout)


def digits_figure(images: np.ndarray, captions: Sequence[str], title: str) -> go.Figure:
    """A row of 28x28 digits in [0, 1] (ink bright) with a caption above each."""
    imgs = np.asarray(images, dtype=float)
    n = len(imgs)
    gap = 2
    mosaic = np.full((28, max(1, n * (28 + gap) - gap)), np.nan)
    for i, img in enumerate(imgs):
        mosaic[:, i * (28 + gap) : i * (28 + gap) + 28] = img
    z = [[None if np.isnan(v) else round(float(v), 3) for v in row] for row in mosaic]
    trace = {
        "type": "heatmap",
        "z": z,
        "zmin": 0.0,
        "zmax": 1.0,
        "colorscale": [[0.0, "#000000"], [1.0, "#ffffff"]],
        "showscale": False,
        "hoverongaps": False,
        "hoverinfo": "skip",
    }
    notes = [
        {"x": i * (28 + gap) + 13.5, "y": -1, "text": c, "showarrow": False, "yanchor": "bottom"}
        for i, c in enumerate(captions)
    ]
    axis = {"visible": False, "constrain": "domain"}
    layout = {
        "title": {"text": title},
        "height": 170,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 5},
        "xaxis": {**axis, "scaleanchor": "y"},
        "yaxis": {**axis, "range": [27.5, -8]},
        "annotations": notes,
        "plot_bgcolor": "rgba(0,0,0,0)",
    }
    return _fig([trace], layout)
