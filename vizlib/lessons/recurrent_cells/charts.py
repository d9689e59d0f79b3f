"""Figures for the recurrent-cells lesson: states over time (heatmaps), gradient norms (log axis).

Labels arrive translated. Figures are plain dicts built without plotly's validation (fast warm
reruns); the chart tests rebuild them with validation on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from vizlib.charts.colours import BLUE, BLUISH_GREEN, VERMILLION

MARK = "#111111"
DIVERGING = [[0.0, "#2166ac"], [0.5, "#f7f7f7"], [1.0, "#b2182b"]]  # blue < 0 (white) < red
COLOURS = {"rnn": VERMILLION, "lstm": BLUE, "gru": BLUISH_GREEN}  # Okabe–Ito, no red–green


def _fig(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    layout = {"template": {}, "margin": {"l": 50, "r": 10, "t": 40, "b": 40}, **layout}
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def _text(m: np.ndarray) -> list[list[str]]:
    return [[f"{v:.2f}".replace("-", "−") if np.isfinite(v) else "" for v in row] for row in m]


def state_heatmap_figure(
    states: np.ndarray, step: int, title: str, *, x_title: str, unit_label: str
) -> go.Figure:
    """A state over time: columns t = 0..T, rows the units (red > 0 > blue); column `step` boxed."""
    z = np.asarray(states, dtype=float).T  # (H, T+1)
    h, cols = z.shape
    finite = np.isfinite(z)
    peak = float(np.abs(z[finite]).max()) if finite.any() else 1.0
    trace = {
        "type": "heatmap",
        "z": np.where(finite, z, np.nan),
        "x": list(range(cols)),
        "y": list(range(1, h + 1)),
        "colorscale": DIVERGING,
        "zmid": 0.0,
        "zmin": -(peak or 1.0),
        "zmax": peak or 1.0,
        "xgap": 2,
        "ygap": 2,
        "text": _text(z),
        "texttemplate": "%{text}",
        "hovertemplate": "t=%{x} · %{y}: %{z:.4f}<extra></extra>",
        "colorbar": {"thickness": 10},
    }
    box = {
        "type": "rect",
        "x0": step - 0.5,
        "x1": step + 0.5,
        "y0": 0.5,
        "y1": h + 0.5,
        "line": {"color": MARK, "width": 3},
    }
    layout = {
        "title": {"text": title, "font": {"size": 14}},
        "height": 110 + 45 * h,
        "xaxis": {"title": {"text": x_title}, "tickvals": list(range(cols)), "showgrid": False},
        "yaxis": {
            "title": {"text": unit_label},
            "tickvals": list(range(1, h + 1)),
            "autorange": "reversed",
            "showgrid": False,
        },
        "shapes": [box],
    }
    return _fig([trace], layout)


def norm_kinds(norms: np.ndarray) -> dict[str, np.ndarray]:
    """Masks over t: a positive finite norm, exactly 0 (underflow), inf/nan (overflow)."""
    norms = np.asarray(norms, dtype=float)
    finite = np.isfinite(norms)
    return {"ok": finite & (norms > 0), "zero": finite & (norms == 0), "bad": ~finite}


def _limits(series: Mapping[str, np.ndarray]) -> tuple[float, float]:
    """Floor and ceiling of the log axis: a decade beyond the smallest and largest shown norm."""
    good = [n[norm_kinds(n)["ok"]] for n in series.values()]
    good = np.concatenate(good) if good else np.array([])
    if good.size == 0:
        return 1e-10, 1e10
    return float(good.min()) / 10, float(good.max()) * 10


def _panel(kind: str, norms: np.ndarray, k: int, floor: float, ceil: float, names: Mapping) -> list:
    """The panel's line, plus markers on the floor (norm 0) and the ceiling (inf/nan)."""
    t = np.arange(1, len(norms) + 1)
    m = norm_kinds(norms)
    axes = {"xaxis": f"x{k}" if k > 1 else "x", "yaxis": f"y{k}" if k > 1 else "y"}
    colour = COLOURS.get(kind, "#555")
    out = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": t,
            "y": np.where(m["ok"], norms, np.nan),
            "name": names["line"],
            "line": {"color": colour, "width": 2},
            "showlegend": False,
            "hovertemplate": "t=%{x}: %{y:.3e}<extra></extra>",
            **axes,
        }
    ]
    for key, y, symbol in (("zero", floor, "x"), ("bad", ceil, "triangle-up")):
        if m[key].any():
            out.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "x": t[m[key]],
                    "y": np.full(int(m[key].sum()), y),
                    "name": names[key],
                    "marker": {"symbol": symbol, "color": colour, "size": 7},
                    "legendgroup": key,
                    "showlegend": True,
                    "hoverinfo": "name",
                    **axes,
                }
            )
    return out


def gradient_norms_figure(
    series: Mapping[str, np.ndarray],
    titles: Mapping[str, str],
    names: Mapping[str, str],
    *,
    x_title: str,
    y_title: str,
) -> go.Figure:
    """‖∂L/∂h_t‖ over t, one log-scale panel per cell, side by side with a shared y-axis.

    Norms that underflowed to 0 are drawn as crosses on the floor and inf/nan ones as triangles
    on the ceiling (`names` labels them), so no panel is ever blank.
    """
    floor, ceil = _limits(series)
    data: list[dict[str, Any]] = []
    layout: dict[str, Any] = {
        "height": 380,
        "annotations": [],
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.25},
    }
    n, gap = len(series), 0.04
    width = (1 - gap * (n - 1)) / n
    lo, hi = np.log10(floor) - 0.3, np.log10(ceil) + 0.3
    for k, (kind, norms) in enumerate(series.items(), start=1):
        data += _panel(kind, np.asarray(norms, dtype=float), k, floor, ceil, names)
        x0 = (k - 1) * (width + gap)
        sfx = "" if k == 1 else str(k)
        layout[f"xaxis{sfx}"] = {
            "domain": [x0, x0 + width],
            "anchor": f"y{sfx}",
            "title": {"text": x_title},
        }
        extra = {"title": {"text": y_title}} if k == 1 else {"matches": "y"}
        layout[f"yaxis{sfx}"] = {
            "type": "log",
            "range": [lo, hi],
            "anchor": f"x{sfx}",
            "exponentformat": "power",
            "showticklabels": k == 1,
            **extra,
        }
        layout["annotations"].append(
            {
                "text": f"<b>{titles[kind]}</b>",
                "x": x0 + width / 2,
                "y": 1.08,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "xanchor": "center",
            }
        )
    seen = set()
    for trace in data:  # one legend entry per marker kind, not one per panel
        if trace.get("showlegend"):
            trace["showlegend"] = trace["legendgroup"] not in seen
            seen.add(trace["legendgroup"])
    return _fig(data, layout)


def series_summary(series: Mapping[str, np.ndarray]) -> dict[str, dict[str, int]]:
    """How many t of each cell underflowed to 0 or overflowed to inf/nan."""
    return {k: {m: int(v.sum()) for m, v in norm_kinds(n).items()} for k, n in series.items()}
