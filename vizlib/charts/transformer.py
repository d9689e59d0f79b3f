"""Vega-Lite charts for the tiny Transformer pages: training curves, attention grids, output vs
target, next-character probabilities. Labels come in as arguments (already translated).

They are redrawn every training tick, so each keeps a spec that depends only on the shapes and
labels, never on the values (Streamlit then swaps the data in place and the chart never blinks).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from vizlib.charts.colours import LIGHT_BLUE, LIGHT_ORANGE
from vizlib.charts.live import PALETTE, line_chart

ATTN_SCHEME = "blues"
PANEL_PX = 560  # width the attention maps of one layer share
RIGHT, TARGET, WRONG = LIGHT_BLUE, "#e8e8e8", LIGHT_ORANGE  # not green/red: colour-blind-safe


def training_curves_charts(
    loss: Sequence[float],
    eval_steps: Sequence[int],
    metrics: Mapping[str, Sequence[float]],
    names: Mapping[str, str],
    titles: tuple[str, str],
    x_label: str,
    *,
    height: int = 150,
) -> list[alt.LayerChart]:
    """Training loss per step (+ eval loss) on a log axis; then accuracies in percent, if any.

    `names` maps "loss" and each metric key to a legend name; metrics ending in "_acc" are
    accuracies (0–1, drawn as 0–100 %).
    """
    steps = np.arange(1, len(loss) + 1)
    series = {names["loss"]: (steps, loss)}
    if "eval_loss" in metrics:
        series[names["eval_loss"]] = (eval_steps, metrics["eval_loss"])
    charts = [line_chart(series, x_title=x_label, y_title="", title=titles[0], log_y=True,
                         height=height)]  # fmt: skip
    accs = [k for k in metrics if k.endswith("_acc")]
    if accs:
        acc = {names[k]: (eval_steps, 100 * np.asarray(metrics[k], dtype=float)) for k in accs}
        charts.append(line_chart(acc, x_title=x_label, y_title="%", title=titles[1],
                                 height=height, y_domain=(0.0, 100.0)))  # fmt: skip
    return charts


def show_token(tok: str) -> str:
    """Make whitespace tokens visible on an axis."""
    return {"\n": "↵", " ": "␣", "\t": "⇥"}.get(tok, tok)


def attention_frame(attention: np.ndarray, cell_title: str) -> pd.DataFrame:
    """Long rows (panel, q, k, w) of an (n_layer, n_head, T, T) array, layer-major."""
    att = np.asarray(attention, dtype=float)
    n_layer, n_head, n_tok, _ = att.shape
    panels = [cell_title.format(layer=i + 1, head=h + 1) for i in range(n_layer)
              for h in range(n_head)]  # fmt: skip
    cells = n_tok * n_tok
    return pd.DataFrame(
        {
            "panel": np.repeat(panels, cells),
            "q": np.tile(np.repeat(np.arange(n_tok), n_tok), n_layer * n_head),
            "k": np.tile(np.arange(n_tok), n_tok * n_layer * n_head),
            "w": att.ravel(),
        }
    )


def attention_grid_chart(
    attention: np.ndarray,
    tokens: Sequence[str],
    cell_title: str,
    x_label: str,
    y_label: str,
    value_label: str = "",
) -> alt.FacetChart:
    """One heatmap per (layer, head), a row per layer: rows = queries, columns = keys, colour =
    weight in [0, 1]. `attention` is (n_layer, n_head, T, T); `cell_title` formats {layer}, {head}.

    Each map's title is a facet header above it (never over another map's tick labels), and an
    axis shows only the labels that fit (never crammed).
    """
    att = np.asarray(attention, dtype=float)
    if att.ndim != 4 or att.shape[2] != att.shape[3] or att.shape[2] != len(tokens):
        raise ValueError(f"attention shape {att.shape} does not match {len(tokens)} tokens")
    n_layer, n_head, n_tok, _ = att.shape
    data = attention_frame(att, cell_title)
    order = list(dict.fromkeys(data["panel"]))
    side = int(np.clip((PANEL_PX - 40 * n_head) / n_head, 110, 320))
    labels = "[" + ",".join(_js(show_token(t)) for t in tokens) + "][datum.value]"
    axis = {"labelExpr": labels, "labelOverlap": "greedy", "labelFontSize": 12, "labelAngle": 0}
    return (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=alt.X("k:O", title=x_label, axis=alt.Axis(**axis)),
            y=alt.Y("q:O", title=y_label, axis=alt.Axis(**axis)),
            color=alt.Color(
                "w:Q", title=value_label, scale=alt.Scale(scheme=ATTN_SCHEME, domain=[0.0, 1.0])
            ),
            tooltip=[
                alt.Tooltip("q:O", title=y_label),
                alt.Tooltip("k:O", title=x_label),
                alt.Tooltip("w:Q", title=value_label, format=".3f"),
            ],
        )  # fmt: skip
        .properties(width=side, height=side)
        .facet(
            facet=alt.Facet("panel:N", sort=order, header=alt.Header(title=None, labelFontSize=13)),
            columns=n_head,
        )
        .resolve_axis(x="independent", y="independent")
    )


def output_vs_target_chart(
    target: Sequence[int | str],
    output: Sequence[int | str],
    row_names: tuple[str, str],
) -> alt.LayerChart:
    """Two rows of cells (target, model output); output cells blue when right, orange when wrong."""
    if len(target) != len(output):
        raise ValueError("target and output differ in length")
    n = len(target)
    right = [str(o) == str(t) for t, o in zip(target, output, strict=True)]
    data = pd.DataFrame(
        {
            "pos": list(range(1, n + 1)) * 2,
            "row": [row_names[0]] * n + [row_names[1]] * n,
            "text": [str(v) for v in target] + [str(v) for v in output],
            "state": ["target"] * n + ["right" if r else "wrong" for r in right],
        }
    )
    base = alt.Chart(data).encode(
        x=alt.X("pos:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("row:N", title=None, sort=list(row_names), axis=alt.Axis(labelFontSize=13)),
    )
    colour = alt.Scale(domain=["wrong", "target", "right"], range=[WRONG, TARGET, RIGHT])
    cells = base.mark_rect(stroke="white", strokeWidth=3).encode(
        color=alt.Color("state:N", scale=colour, legend=None)
    )
    text = base.mark_text(fontSize=18).encode(text=alt.Text("text:N"))
    return alt.layer(cells, text).properties(height=70)


def next_char_chart(
    probs: np.ndarray, chars: str, x_label: str, y_label: str, top_k: int = 15
) -> alt.Chart:
    """Bar chart of the `top_k` most likely next characters, most likely first."""
    p = np.asarray(probs, dtype=float)
    if p.shape != (len(chars),):
        raise ValueError("probs and chars differ in length")
    order = np.argsort(-p, kind="stable")[:top_k]
    data = pd.DataFrame({"char": [show_token(chars[i]) for i in order], "p": p[order]})
    base = alt.Chart(data).encode(
        x=alt.X("char:N", title=x_label, sort="-y", axis=alt.Axis(labelAngle=0, labelFontSize=14)),
        y=alt.Y("p:Q", title=y_label, axis=alt.Axis(format="%")),
    )
    tip = [alt.Tooltip("char:N", title=x_label), alt.Tooltip("p:Q", title=y_label, format=".1%")]
    return base.mark_bar(color=PALETTE[0]).encode(tooltip=tip).properties(height=170)


def _js(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
