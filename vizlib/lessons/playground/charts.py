"""Playground charts: output heatmap with the data points, loss/accuracy curves, gradient health.

Colours follow TF Playground: orange for class 0 / negative, blue for class 1 / positive.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from vizlib.charts.colours import BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION

ORANGE, BLUE, GREY = "#f59322", "#0877bd", "#e8eaeb"
# classes past the first two: Okabe–Ito hues, so no two classes are a red–green pair
CLASS_COLOURS = (ORANGE, BLUE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION)
DIVERGING = [[0.0, ORANGE], [0.5, GREY], [1.0, BLUE]]
RADIUS = 6.0


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


def class_image(probs: np.ndarray, size: int, discretize: bool) -> np.ndarray:
    """An RGB image (size, size, 3) mixing class colours by probability (or the argmax only)."""
    if discretize:
        probs = np.eye(probs.shape[1])[np.nan_to_num(probs).argmax(1)]
    colours = np.stack([_rgb(c) for c in CLASS_COLOURS[: probs.shape[1]]])
    conf = np.nan_to_num(probs.max(1, keepdims=True))  # fade towards white where unsure
    mix = np.nan_to_num(probs) @ colours
    img = 255 - (255 - mix) * (0.25 + 0.75 * conf) * 0.8
    return img.reshape(size, size, 3)[::-1].clip(0, 255).astype(np.uint8)  # row 0 = top


def signed_output(out: np.ndarray, task: str, discretize: bool) -> np.ndarray:
    """Binary P(class 1) as 2p - 1, or a regression value, in [-1, 1]; sign only if discretized."""
    v = 2 * out - 1 if task == "binary" else out
    with np.errstate(invalid="ignore"):
        return np.sign(v) if discretize else np.clip(v, -1, 1)


def _class_scale(k: int) -> list[list]:
    """A stepped colorscale so that class index c in [0, k-1] gets CLASS_COLOURS[c]."""
    scale = []
    for c in range(k):
        colour = CLASS_COLOURS[c % len(CLASS_COLOURS)]
        scale += [[c / k, colour], [(c + 1) / k, colour]]
    return scale


def _points(x: np.ndarray, y: np.ndarray, task: str, name: str, test: bool, k: int) -> go.Scatter:
    # numeric colours with a colorscale: per-point colour strings cost ~12 ms to validate
    if task == "regression":
        marker = {"color": y, "colorscale": DIVERGING, "cmin": -1, "cmax": 1}
    else:
        marker = {"color": y + 0.5, "colorscale": _class_scale(k), "cmin": 0, "cmax": k}
    line = {"color": "black", "width": 1.5} if test else {"color": "white", "width": 1}
    return go.Scatter(
        x=x[:, 0],
        y=x[:, 1],
        mode="markers",
        name=name,
        marker={**marker, "size": 6, "line": line, "symbol": "circle"},
        hovertemplate="x1=%{x:.2f}<br>x2=%{y:.2f}<extra>" + name + "</extra>",
    )


def _output_trace(out: np.ndarray, size: int, task: str, discretize: bool):
    step = 2 * RADIUS / (size - 1)
    if out.ndim == 2:
        img = class_image(out, size, discretize)
        return go.Image(z=img, x0=-RADIUS, dx=step, y0=RADIUS, dy=-step, hoverinfo="skip")
    z = signed_output(out, task, discretize).reshape(size, size)
    return go.Heatmap(
        x0=-RADIUS,
        dx=step,
        y0=-RADIUS,
        dy=step,
        z=z.astype(np.float32),  # half the bytes per frame on the wire
        zmin=-1,
        zmax=1,
        colorscale=DIVERGING,
        showscale=False,
        hoverinfo="skip",
    )


def boundary_figure(
    out: np.ndarray,
    size: int,
    task: str,
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray] | None,
    labels: dict[str, str],
    discretize: bool = False,
    height: int = 420,
) -> go.Figure:
    """The network's output over the input plane, with training (and optionally test) points.

    `out` is (size²,) for binary/regression or (size², K) for multi-class, row-major from the
    bottom row; `labels` has "title", "train", "test", "x1", "x2".
    """
    k = out.shape[1] if out.ndim == 2 else 2
    data = [_output_trace(out, size, task, discretize)]
    for pts, name, is_test in ((train, "train", False), (test, "test", True)):
        if pts is not None and len(pts[0]):
            data.append(_points(*pts, task, labels[name], is_test, k))
    span = [-RADIUS, RADIUS]
    layout = {
        "title": {"text": labels["title"]},
        "height": height,
        "margin": {"l": 40, "r": 10, "t": 40, "b": 40},
        "showlegend": test is not None,
        "legend": {"orientation": "h"},
        "xaxis": {"range": span, "title": {"text": labels["x1"]}, "constrain": "domain"},
        "yaxis": {"range": span, "title": {"text": labels["x2"]}, "scaleanchor": "x"},
    }
    return go.Figure(data=data, layout=layout)


def _two_panel_layout(titles: list[str], x_title: str) -> dict:
    """Side-by-side axes (built by hand: make_subplots costs ~20 ms a frame)."""
    layout = {
        "height": 300,
        "margin": {"l": 40, "r": 10, "t": 40, "b": 40},
        "legend": {"orientation": "h", "y": -0.3},
        "annotations": [],
    }
    n = len(titles)
    for i, title in enumerate(titles):
        lo, hi = (0.0, 1.0) if n == 1 else ((0.0, 0.45) if i == 0 else (0.55, 1.0))
        suffix = "" if i == 0 else str(i + 1)
        layout[f"xaxis{suffix}"] = {
            "domain": [lo, hi],
            "title": {"text": x_title},
            "anchor": f"y{suffix}",
        }
        layout[f"yaxis{suffix}"] = {"anchor": f"x{suffix}"}
        layout["annotations"].append(
            {
                "text": title,
                "x": (lo + hi) / 2,
                "y": 1.0,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
            }
        )
    return layout


def _log_ticks(values: np.ndarray) -> dict[str, Any]:
    """Tick values 1, 2, 5 × 10^k spanning the positive finite values, labelled plainly."""
    v = values[np.isfinite(values) & (values > 0)]
    if v.size == 0:
        return {}
    lo, hi = np.floor(np.log10(v.min())), np.ceil(np.log10(v.max()))
    ticks = [m * 10.0**k for k in range(int(lo), int(hi) + 1) for m in (1, 2, 5)]
    ticks = [x for x in ticks if v.min() / 2.5 <= x <= v.max() * 2.5]
    return {"tickvals": ticks, "ticktext": [f"{x:g}" for x in ticks]}


def gradient_health_figure(
    epoch: np.ndarray,
    grad_norm: np.ndarray,
    dead_pct: np.ndarray,
    saturated_pct: np.ndarray,
    labels: dict[str, str],
) -> go.Figure:
    """Per-layer gradient norm (log scale) and % dead / saturated units against epoch.

    `grad_norm` is (epochs, layers); `labels` has "norm", "units", "layer" (with {i}),
    "dead", "saturated", "epoch".
    """
    layout = _two_panel_layout([labels["norm"], labels["units"]], labels["epoch"])
    layout["yaxis"].update(type="log", **_log_ticks(grad_norm))
    layout["yaxis2"].update(range=[0, 100], ticksuffix="%")
    data = []
    n_layers = grad_norm.shape[1] if grad_norm.ndim == 2 else 0
    for i in range(n_layers):
        g = np.where(grad_norm[:, i] > 0, grad_norm[:, i], np.nan)  # log axis: hide zeros
        data.append(go.Scatter(x=epoch, y=g, mode="lines", name=labels["layer"].format(i=i + 1)))
    for ys, name, colour in ((dead_pct, "dead", "#7f7f7f"), (saturated_pct, "saturated", ORANGE)):
        if np.any(np.isfinite(ys)):
            data.append(
                go.Scatter(
                    x=epoch,
                    y=ys,
                    mode="lines",
                    name=labels[name],
                    xaxis="x2",
                    yaxis="y2",
                    line={"color": colour, "dash": "dash"},
                )
            )
    return go.Figure(data=data, layout=layout)
