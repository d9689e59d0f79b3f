"""Plotly figures for the tiny Transformer pages: training curves, attention grids, output vs
target, next-character probabilities. Labels come in as arguments (already translated).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

ATTN_SCALE = "Blues"


def training_curves_figure(
    loss: Sequence[float],
    eval_steps: Sequence[int],
    metrics: Mapping[str, Sequence[float]],
    names: Mapping[str, str],
    titles: tuple[str, str],
    x_label: str,
) -> go.Figure:
    """Left: training loss per step (+ eval loss); right: accuracies (if any), in percent.

    `names` maps "loss" and each metric key to a legend name; metrics ending in "_acc" go right.
    """
    accs = [k for k in metrics if k.endswith("_acc")]
    fig = make_subplots(rows=1, cols=2 if accs else 1, subplot_titles=titles[: 2 if accs else 1])
    steps = np.arange(1, len(loss) + 1)
    fig.add_trace(go.Scatter(x=steps, y=list(loss), name=names["loss"], mode="lines"), 1, 1)
    if "eval_loss" in metrics:
        fig.add_trace(
            go.Scatter(
                x=list(eval_steps),
                y=list(metrics["eval_loss"]),
                name=names["eval_loss"],
                mode="lines+markers",
                marker={"size": 4},
            ),
            1,
            1,
        )
    for k in accs:
        y = 100 * np.asarray(metrics[k], dtype=float)
        fig.add_trace(go.Scatter(x=list(eval_steps), y=y, name=names[k], mode="lines"), 1, 2)
    fig.update_xaxes(title_text=x_label)
    fig.update_yaxes(type="log", row=1, col=1)
    if accs:
        fig.update_yaxes(range=[0, 101], ticksuffix="%", row=1, col=2)
    fig.update_layout(
        height=300,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def attention_grid_figure(
    attention: np.ndarray,
    tokens: Sequence[str],
    cell_title: str,
    x_label: str,
    y_label: str,
) -> go.Figure:
    """One heatmap per (layer, head): rows = queries, columns = keys, colour = weight in [0, 1].

    `attention` is (n_layer, n_head, T, T); `cell_title` is a format string with {layer}, {head}.
    """
    att = np.asarray(attention, dtype=float)
    if att.ndim != 4 or att.shape[2] != att.shape[3] or att.shape[2] != len(tokens):
        raise ValueError(f"attention shape {att.shape} does not match {len(tokens)} tokens")
    n_layer, n_head, n_tok, _ = att.shape
    titles = [
        cell_title.format(layer=i + 1, head=h + 1) for i in range(n_layer) for h in range(n_head)
    ]
    fig = make_subplots(
        rows=n_layer,
        cols=n_head,
        subplot_titles=titles,
        horizontal_spacing=0.06,
        vertical_spacing=50 / (230 * n_layer),  # about 50 px between layers
    )
    ticks = list(range(n_tok))
    labels = [_show(tok) for tok in tokens]
    for i in range(n_layer):
        for h in range(n_head):
            fig.add_trace(
                go.Heatmap(
                    z=att[i, h],
                    x=ticks,
                    y=ticks,
                    zmin=0.0,
                    zmax=1.0,
                    colorscale=ATTN_SCALE,
                    showscale=(i == 0 and h == 0),
                    hovertemplate="q=%{y} → k=%{x}: %{z:.3f}<extra></extra>",
                ),
                i + 1,
                h + 1,
            )
    fig.update_xaxes(tickvals=ticks, ticktext=labels, tickangle=0)
    fig.update_xaxes(title_text=x_label, title_standoff=2, row=n_layer)  # bottom row only
    fig.update_yaxes(tickvals=ticks, ticktext=labels, autorange="reversed")
    fig.update_yaxes(title_text=y_label, title_standoff=2, col=1)
    fig.update_layout(height=max(260, 230 * n_layer), margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def _show(tok: str) -> str:
    """Make whitespace tokens visible on an axis."""
    return {"\n": "↵", " ": "␣", "\t": "⇥"}.get(tok, tok)


def output_vs_target_figure(
    target: Sequence[int | str],
    output: Sequence[int | str],
    row_names: tuple[str, str],
) -> go.Figure:
    """Two rows of cells (target, model output); output cells green when right, red when wrong."""
    if len(target) != len(output):
        raise ValueError("target and output differ in length")
    right = [int(str(o) == str(t)) for t, o in zip(target, output, strict=True)]
    z = [[0.5] * len(target), [float(r) for r in right]]
    text = [[str(v) for v in target], [str(v) for v in output]]
    scale = [[0.0, "#f4a6a6"], [0.5, "#e8e8e8"], [1.0, "#9fd8a4"]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            y=list(row_names),
            x=list(range(1, len(target) + 1)),
            text=text,
            texttemplate="%{text}",
            textfont={"size": 18},
            colorscale=scale,
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=3,
            ygap=3,
            hoverinfo="skip",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(dtick=1)
    fig.update_layout(height=160, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def next_char_figure(
    probs: np.ndarray, chars: str, x_label: str, y_label: str, top_k: int = 15
) -> go.Figure:
    """Bar chart of the `top_k` most likely next characters, most likely first."""
    p = np.asarray(probs, dtype=float)
    if p.shape != (len(chars),):
        raise ValueError("probs and chars differ in length")
    order = np.argsort(-p, kind="stable")[:top_k]
    fig = go.Figure(
        go.Bar(
            x=[_show(chars[i]) for i in order],
            y=p[order],
            text=[f"{v:.1%}" for v in p[order]],
            textposition="outside",
        )
    )
    fig.update_xaxes(title_text=x_label, type="category")
    fig.update_yaxes(
        title_text=y_label,
        range=[0, min(1.0, float(p[order].max()) * 1.2 + 0.02)],
        tickformat=".0%",
    )
    fig.update_layout(height=260, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig
