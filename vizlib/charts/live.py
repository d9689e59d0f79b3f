"""Charts that update every training tick: Vega-Lite (altair) line and heatmap charts.

Streamlit redraws a Vega-Lite chart whose spec is unchanged by swapping its data, so it never goes
blank between frames; a plotly figure re-sent every tick was seen blank or faded in up to a third
of samples in Chromium. Keep everything but the data fixed between ticks (titles, axes, domains).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

# Colour-blind-safe categorical palette (Okabe–Ito), blue and orange first.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
Series = Mapping[str, tuple[Sequence[float], Sequence[float]]]


def series_frame(series: Series, *, positive: bool = False) -> pd.DataFrame:
    """Long-format rows (x, y, series) from {name: (xs, ys)}, dropping nan/inf (and y <= 0 when
    `positive`, for a log axis)."""
    parts = []
    for name, (xs, ys) in series.items():
        x = np.asarray(xs, dtype=float)
        y = np.asarray(ys, dtype=float)
        keep = np.isfinite(x) & np.isfinite(y) & ((y > 0) if positive else True)
        parts.append(pd.DataFrame({"x": x[keep], "y": y[keep], "series": name}))
    if not parts:
        return pd.DataFrame({"x": [], "y": [], "series": []})
    return pd.concat(parts, ignore_index=True)


def line_chart(
    series: Series,
    *,
    x_title: str,
    y_title: str,
    title: str = "",
    log_y: bool = False,
    height: int = 240,
    refs: Mapping[str, float] | None = None,
    y_domain: tuple[float, float] | None = None,
    legend_columns: int | None = None,
    legend_orient: str = "bottom",
) -> alt.LayerChart:
    """Lines per series against a shared x, with optional dashed reference lines (name: y);
    `legend_columns` wraps a long legend into rows instead of letting it run off the chart;
    `legend_orient="right"` puts it beside the plot (a shorter chart, for a projector)."""
    data = series_frame(series, positive=log_y)
    names = list(series) + list(refs or {})
    color = alt.Color(
        "series:N",
        scale=alt.Scale(domain=names, range=list(PALETTE[: len(names)])),
        legend=alt.Legend(
            orient=legend_orient, title=None, columns=legend_columns or alt.Undefined
        ),
    )
    if data.empty:  # nothing trained yet: still draw the axes (an empty log axis collapses)
        log_y = False
        y_domain = y_domain or (0.0, 1.0)
    scale = alt.Scale(type="log") if log_y else alt.Scale(zero=False)
    if y_domain is not None:
        scale = alt.Scale(type="log" if log_y else "linear", domain=list(y_domain))
    x_scale = alt.Scale(domain=[0, 1]) if data.empty else alt.Scale()
    y_axis = alt.Axis(format="~g") if log_y else alt.Axis()
    lines = (
        alt.Chart(data)
        .mark_line()
        .encode(
            x=alt.X("x:Q", title=x_title, scale=x_scale),
            y=alt.Y("y:Q", title=y_title, scale=scale, axis=y_axis),
            color=color,
            tooltip=[alt.Tooltip("series:N"), alt.Tooltip("x:Q"), alt.Tooltip("y:Q", format=".4g")],
        )
    )
    ref_rows = [
        {"series": n, "y": v}
        for n, v in (refs or {}).items()
        if math.isfinite(v) and (v > 0 or not log_y)
    ]
    rules = (
        alt.Chart(pd.DataFrame(ref_rows, columns=["series", "y"]))
        .mark_rule(strokeDash=[6, 4])
        .encode(y=alt.Y("y:Q"), color=color)
    )
    return alt.layer(lines, rules).properties(title=title, height=height)


def heatmap_chart(
    z: np.ndarray,
    *,
    x_labels: Sequence[str],
    y_labels: Sequence[str],
    x_title: str,
    y_title: str,
    value_title: str,
    title: str = "",
    domain: tuple[float, float] = (0.0, 1.0),
    scheme: str = "viridis",
    size: int = 18,
    axes: bool = True,
) -> alt.Chart:
    """One heatmap (rows = y labels, columns = x labels) with a fixed colour domain."""
    z = np.asarray(z, dtype=float)
    rows, cols = z.shape
    keep = np.isfinite(z.ravel())  # NaN cells (gaps) are left empty
    frame = pd.DataFrame(
        {
            "x": np.tile(np.arange(cols), rows),
            "y": np.repeat(np.arange(rows), cols),
            "xl": np.tile(np.asarray(x_labels, dtype=object), rows),
            "yl": np.repeat(np.asarray(y_labels, dtype=object), cols),
            "v": z.ravel(),
        }
    )[keep]
    return (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X(
                "x:O", title=x_title, axis=alt.Axis(labelExpr=_label_expr(x_labels), labelAngle=0)
            ),
            y=alt.Y("y:O", title=y_title, axis=alt.Axis(labelExpr=_label_expr(y_labels))),
            color=alt.Color(
                "v:Q", title=value_title, scale=alt.Scale(scheme=scheme, domain=list(domain))
            ),
            tooltip=[
                alt.Tooltip("yl:N", title=y_title),
                alt.Tooltip("xl:N", title=x_title),
                alt.Tooltip("v:Q", title=value_title, format=".3f"),
            ],  # fmt: skip
        )
        .properties(title=title, width=size * cols, height=size * rows)
    )


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    x_title: str,
    y_title: str,
    title: str = "",
    y_domain: tuple[float, float] = (0.0, 1.0),
    percent: bool = True,
    height: int = 200,
) -> alt.LayerChart:
    """Bars in the given order (labels may change between ticks), each with its value above it,
    on a fixed y domain so that only the data changes between frames."""
    frame = pd.DataFrame(
        {"i": np.arange(len(labels)), "label": [str(s) for s in labels], "v": values}
    )
    fmt = ".0%" if percent else ".3g"
    base = alt.Chart(frame).encode(
        x=alt.X("label:N", title=x_title, sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "v:Q",
            title=y_title,
            scale=alt.Scale(domain=list(y_domain), clamp=True),
            axis=alt.Axis(format=fmt),
        ),
        tooltip=[alt.Tooltip("label:N", title=x_title), alt.Tooltip("v:Q", format=".4f")],
    )
    bars = base.mark_bar(color=PALETTE[0])
    text = base.mark_text(dy=-6, fontSize=11).encode(text=alt.Text("v:Q", format=".1%"))
    return alt.layer(bars, text).properties(title=title, height=height)


def _axis(labels: Sequence[str], shown: bool, angle: int | None = None) -> alt.Axis | None:
    if not shown:
        return None
    kw = {} if angle is None else {"labelAngle": angle}
    return alt.Axis(labelExpr=_label_expr(labels), **kw)


def _label_expr(labels: Sequence[str]) -> str:
    """A Vega expression mapping an integer position to its label (labels may repeat)."""
    quoted = ",".join(_js_string(str(s)) for s in labels)
    return f"[{quoted}][datum.value]"


def _js_string(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
