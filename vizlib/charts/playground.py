"""Playground charts: output heatmap with the data points, loss/accuracy curves, gradient health.

Colours follow TF Playground: orange for class 0 / negative, blue for class 1 / positive.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

ORANGE, BLUE, GREEN, GREY = "#f59322", "#0877bd", "#2ca02c", "#e8eaeb"
CLASS_COLOURS = (ORANGE, BLUE, GREEN, "#9467bd", "#d62728", "#8c564b")
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


def _points(fig: go.Figure, x: np.ndarray, y: np.ndarray, task: str, name: str, test: bool):
    if len(x) == 0:
        return
    if task == "regression":
        colour = y
        marker = {"color": y, "colorscale": DIVERGING, "cmin": -1, "cmax": 1}
    else:
        colour = [CLASS_COLOURS[int(c) % len(CLASS_COLOURS)] for c in y]
        marker = {"color": colour}
    line = {"color": "black", "width": 1.5} if test else {"color": "white", "width": 1}
    fig.add_trace(
        go.Scatter(
            x=x[:, 0],
            y=x[:, 1],
            mode="markers",
            name=name,
            marker={**marker, "size": 6, "line": line, "symbol": "circle"},
            hovertemplate="x1=%{x:.2f}<br>x2=%{y:.2f}<extra>" + name + "</extra>",
        )
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
    fig = go.Figure()
    if out.ndim == 2:
        img = class_image(out, size, discretize)
        fig.add_trace(
            go.Image(
                z=img,
                x0=-RADIUS,
                dx=2 * RADIUS / (size - 1),
                y0=RADIUS,
                dy=-2 * RADIUS / (size - 1),
                hoverinfo="skip",
            )
        )
    else:
        axis = np.linspace(-RADIUS, RADIUS, size)
        z = signed_output(out, task, discretize).reshape(size, size)
        fig.add_trace(
            go.Heatmap(
                x=axis,
                y=axis,
                z=z,
                zmin=-1,
                zmax=1,
                colorscale=DIVERGING,
                showscale=False,
                hoverinfo="skip",
            )
        )
    _points(fig, *train, task, labels["train"], test=False)
    if test is not None:
        _points(fig, *test, task, labels["test"], test=True)
    fig.update_xaxes(range=[-RADIUS, RADIUS], title=labels["x1"], constrain="domain")
    fig.update_yaxes(range=[-RADIUS, RADIUS], title=labels["x2"], scaleanchor="x", autorange=False)
    fig.update_layout(
        title=labels["title"],
        height=height,
        margin={"l": 40, "r": 10, "t": 40, "b": 40},
        showlegend=test is not None,
        legend={"orientation": "h"},
    )
    return fig


def curves_figure(
    epoch: np.ndarray,
    train_loss: np.ndarray,
    test_loss: np.ndarray,
    train_acc: np.ndarray | None,
    test_acc: np.ndarray | None,
    labels: dict[str, str],
) -> go.Figure:
    """Train/test loss (and accuracy when given) against epoch, side by side.

    `labels` has "loss", "acc", "train", "test", "epoch".
    """
    cols = 2 if train_acc is not None else 1
    titles = [labels["loss"], labels["acc"]][:cols]
    fig = make_subplots(rows=1, cols=cols, subplot_titles=titles)
    series = [(train_loss, test_loss, 1)]
    if train_acc is not None:
        series.append((train_acc, test_acc, 2))
    for tr, te, col in series:
        for ys, name, colour, dash in ((tr, "train", BLUE, None), (te, "test", ORANGE, "dot")):
            fig.add_trace(
                go.Scatter(
                    x=epoch,
                    y=ys,
                    name=labels[name],
                    mode="lines",
                    line={"color": colour, "dash": dash},
                    legendgroup=name,
                    showlegend=col == 1,
                ),
                row=1,
                col=col,
            )
        fig.update_xaxes(title=labels["epoch"], row=1, col=col)
    if train_acc is not None:
        fig.update_yaxes(range=[0, 1.02], row=1, col=2)
    fig.update_layout(
        height=300,
        margin={"l": 40, "r": 10, "t": 40, "b": 40},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


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
    fig = make_subplots(rows=1, cols=2, subplot_titles=[labels["norm"], labels["units"]])
    n_layers = grad_norm.shape[1] if grad_norm.ndim == 2 else 0
    for i in range(n_layers):
        g = np.where(grad_norm[:, i] > 0, grad_norm[:, i], np.nan)  # log axis: hide zeros
        fig.add_trace(
            go.Scatter(x=epoch, y=g, mode="lines", name=labels["layer"].format(i=i + 1)),
            row=1,
            col=1,
        )
    for ys, name, colour in ((dead_pct, "dead", "#7f7f7f"), (saturated_pct, "saturated", ORANGE)):
        if np.any(np.isfinite(ys)):
            fig.add_trace(
                go.Scatter(
                    x=epoch,
                    y=ys,
                    mode="lines",
                    name=labels[name],
                    line={"color": colour, "dash": "dash"},
                ),
                row=1,
                col=2,
            )
    fig.update_yaxes(type="log", row=1, col=1)
    fig.update_yaxes(range=[0, 100], ticksuffix="%", row=1, col=2)
    fig.update_xaxes(title=labels["epoch"])
    fig.update_layout(height=300, margin={"l": 40, "r": 10, "t": 40, "b": 40})
    return fig
