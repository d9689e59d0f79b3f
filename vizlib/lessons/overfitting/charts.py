"""Figures of the overfitting lab: the live curves with the generalisation gap shaded (Vega-Lite)
and the batch strip (an inline PNG), redrawn every tick; the capacity sweep and the gallery's
digits (plotly, drawn when the page runs). Labels arrive translated.
"""

from __future__ import annotations

import copy
import functools
import html
from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from vizlib.charts.live import PALETTE, series_frame
from vizlib.charts.raster import LIVE_PICTURE, data_uri, png_bytes, tile_images

# Okabe–Ito (colour-blind safe): train blue, validation green, test orange, the gap vermillion
TRAIN, VAL, TEST, GAP = PALETTE[0], PALETTE[2], PALETTE[1], PALETTE[5]
GAP_FILL = "rgba(213, 94, 0, 0.2)"
# a five-pointed star as a Vega-Lite SVG-path shape (unit size, centred)
STAR = (
    "M0,-1L0.22,-0.31L0.95,-0.31L0.36,0.12L0.59,0.81L0,0.38"
    "L-0.59,0.81L-0.36,0.12L-0.95,-0.31L-0.22,-0.31Z"
)
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


def _dash(names: Sequence[str], dashed: Sequence[str]) -> alt.StrokeDash:
    return alt.StrokeDash(
        "series:N",
        scale=alt.Scale(
            domain=list(names), range=[[4, 3] if n in dashed else [1, 0] for n in names]
        ),
        legend=None,
    )


def gap_chart(
    steps: Sequence[int],
    series: dict[str, tuple[str, Sequence[float]]],
    labels: dict[str, str],
    best: tuple[int, float] | None = None,
    stop_step: int | None = None,
    y_domain: tuple[float, float] | None = None,
    height: int = 220,
    legend: bool = True,
) -> dict[str, Any]:
    """Train, validation (dashed) and test lines over steps, the train-test gap as a shaded band,
    the best-validation point as a star and a dashed rule where patience ran out: a Vega-Lite
    spec whose data sit under "datasets" as data frames (for st.vega_lite_chart).

    series: {"train"|"val"|"test": (name, values)}; labels: title, x, y, gap, best, stop.
    The layers and dataset names never change, so the spec is fixed and only the data change;
    it is built (and validated) once per labels and options, which keeps each tick cheap.
    """
    (tn, train), (vn, val), (sn, test) = series["train"], series["val"], series["test"]
    spec = copy.deepcopy(
        _gap_layout((tn, vn, sn), tuple(sorted(labels.items())), y_domain, height, legend)
    )
    n = min(len(steps), len(train), len(test))
    band = pd.DataFrame({"x": steps[:n], "y": train[:n], "y2": test[:n], "series": labels["gap"]})
    star = [{"x": best[0], "y": best[1], "what": labels["best"]}] if best else []
    stop = [{"x": stop_step, "what": labels["stop"]}] if stop_step is not None else []
    spec["datasets"] = {
        "band": band.astype({"x": float, "y": float, "y2": float}),
        "lines": series_frame({tn: (steps, train), vn: (steps, val), sn: (steps, test)}),
        "best": pd.DataFrame(star, columns=["x", "y", "what"]),
        "stop": pd.DataFrame(stop, columns=["x", "what"]),
    }
    return spec


@functools.lru_cache(maxsize=64)
def _gap_layout(
    names3: tuple[str, str, str],
    label_items: tuple[tuple[str, str], ...],
    y_domain: tuple[float, float] | None,
    height: int,
    legend: bool,
) -> dict[str, Any]:
    """The gap chart's spec without data (read-only: callers copy it)."""
    labels = dict(label_items)
    names = [*names3, labels["gap"]]
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=names, range=[TRAIN, VAL, TEST, GAP]),
        legend=alt.Legend(orient="bottom", title=None) if legend else None,
    )
    axis = alt.Axis(format="d", tickMinStep=1)  # steps are whole numbers
    x = alt.X("x:Q", title=labels["x"], scale=alt.Scale(zero=True), axis=axis)
    y_scale = alt.Scale(zero=False) if y_domain is None else alt.Scale(domain=list(y_domain))
    y = alt.Y("y:Q", title=labels["y"], scale=y_scale)
    tip = [alt.Tooltip("series:N"), alt.Tooltip("x:Q"), alt.Tooltip("y:Q", format=".3f")]

    def data(name: str) -> alt.Chart:
        return alt.Chart(alt.NamedData(name=name))

    layers = [
        data("band").mark_area(opacity=0.25).encode(x=x, y=y, y2="y2:Q", color=colour),
        data("lines")
        .mark_line()
        .encode(x=x, y=y, color=colour, strokeDash=_dash(names, [names3[1]]), tooltip=tip),
        data("best")
        .mark_point(shape=STAR, filled=True, size=220, color=VAL, stroke="black")
        .encode(x=x, y=y, tooltip=["what:N", alt.Tooltip("y:Q", format=".3f")]),
        data("stop").mark_rule(strokeDash=[6, 4], color="#555").encode(x=x, tooltip=["what:N"]),
        data("stop")
        .mark_text(align="left", dx=3, dy=-4, baseline="bottom", color="#555")
        .encode(x=x, y=alt.value(12), text="what:N"),
    ]
    return alt.layer(*layers).properties(title=labels["title"], height=height).to_dict()


def strip_png(images: np.ndarray, scale: int = 2) -> bytes:
    """A row of 28×28 digits in [0, 1] (ink bright, on black as the model sees them) as a PNG."""
    return png_bytes(tile_images(images, gap=2, scale=scale, fill=96))


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


def digits_html(images: np.ndarray, captions: Sequence[str], title: str, alt: str) -> str:
    """A row of 28x28 digits in [0, 1] (ink bright, on black) as inline pictures, a caption under
    each and the title above: HTML for st.html. An inline picture swaps without going blank when
    the page reruns (a plotly heatmap re-sent was seen empty for a moment)."""
    tiles = "".join(
        '<figure style="margin:0;text-align:center">'
        f'<img src="{data_uri(strip_png(img[None], scale=3))}" '
        f'alt="{html.escape(alt)}: {html.escape(c)}" decoding="sync" width="84" height="84">'
        f'<figcaption style="font-size:0.85em">{html.escape(c)}</figcaption></figure>'
        for img, c in zip(np.asarray(images, dtype=float), captions, strict=True)
    )
    return (
        f'<div class="{LIVE_PICTURE}"><p style="margin:0 0 0.3em 0"><b>{html.escape(title)}</b></p>'
        f'<div style="display:flex;flex-wrap:wrap;gap:6px">{tiles}</div></div>'
    )
