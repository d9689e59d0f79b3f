"""Live (Vega-Lite) charts of the linear-regression fit: the line, the MSE per step, θ's path.

They are redrawn every training tick; their specs depend only on the data and the grid, never on
θ, so Streamlit swaps their data in place and they never blink.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from vizlib.lessons.gradient_descent.charts import shade

GD, EXACT, DATA = "#D55E00", "#555555", "#0072B2"  # Okabe–Ito vermillion, grey, blue
MAX_POINTS = 1500  # loss points sent per tick


def fit_line_chart(
    x: np.ndarray,
    y: np.ndarray,
    theta: np.ndarray,
    exact: np.ndarray,
    *,
    title: str,
    data_label: str,
    gd_label: str,
    exact_label: str,
) -> alt.LayerChart:
    """The data, the current GD line θ0 + θ1·x and the exact least-squares line (dashed), on
    axes fixed by the data (so the line can be seen from step 0 on, and leaves the box when it
    diverges)."""
    pad = 0.1 * max(1.0, float(np.ptp(x)))
    x0, x1 = float(x.min()) - pad, float(x.max()) + pad
    lo, hi = float(y.min()), float(y.max())
    span = max(1.0, hi - lo)
    names = [data_label, gd_label, exact_label]
    colour = alt.Color("series:N", scale=alt.Scale(domain=names, range=[DATA, GD, EXACT]),
                       legend=alt.Legend(orient="top-left", title=None, fillColor="white",
                                         padding=4))  # fmt: skip
    xs = alt.X("x:Q", title="x", scale=alt.Scale(domain=[x0, x1], nice=False))
    ys = alt.Y("y:Q", title="y", scale=alt.Scale(domain=[lo - span, hi + span], nice=False))
    pts = pd.DataFrame({"x": x, "y": y, "series": data_label})
    grid = np.array([x0, x1])
    lines = pd.DataFrame(
        {
            "x": np.concatenate([grid, grid]),
            "y": np.concatenate([theta[0] + theta[1] * grid, exact[0] + exact[1] * grid]),
            "series": [gd_label] * 2 + [exact_label] * 2,
            "dash": [0, 0, 1, 1],
        }
    )
    dots = alt.Chart(pts).mark_circle(size=110, opacity=1).encode(x=xs, y=ys, color=colour)
    segs = (
        alt.Chart(lines)
        .mark_line(clip=True)
        .encode(
            x=xs,
            y=ys,
            color=colour,
            strokeDash=alt.StrokeDash("dash:N", scale=alt.Scale(domain=[0, 1],
                                      range=[[1, 0], [6, 4]]), legend=None),
            strokeWidth=alt.StrokeWidth("dash:N", scale=alt.Scale(domain=[0, 1], range=[3, 2]),
                                        legend=None),
        )
    )  # fmt: skip
    return alt.layer(dots, segs).properties(title=title, height=170)


def fit_loss_chart(losses: np.ndarray, *, title: str, x_label: str, y_label: str) -> alt.LayerChart:
    """MSE against step on a log axis (zeros and non-finite values left out), with a dot on the
    latest value so the chart shows the starting loss before the first step."""
    loss = np.asarray(losses, dtype=float)
    steps = np.arange(len(loss))
    if len(loss) > MAX_POINTS:  # thinned for the browser, the last step kept
        idx = np.unique(np.linspace(0, len(loss) - 1, MAX_POINTS).round().astype(int))
        loss, steps = loss[idx], steps[idx]
    keep = np.isfinite(loss) & (loss > 0)
    data = pd.DataFrame({"step": steps[keep], "mse": loss[keep]})
    base = alt.Chart(data).encode(
        x=alt.X("step:Q", title=x_label, axis=alt.Axis(format="~d", tickMinStep=1)),
        # "~g": 0.001, 1, 1e-16 (one notation on the axis, no SI prefixes like "100µ")
        y=alt.Y("mse:Q", title=y_label, scale=alt.Scale(type="log"), axis=alt.Axis(format="~g")),
    )
    line = base.mark_line(color=GD)
    dot = base.properties(data=data.tail(1)).mark_circle(size=70, color=GD, opacity=1)
    return alt.layer(line, dot).properties(title=title, height=170)


def surface_path_chart(
    xs: np.ndarray,
    ys: np.ndarray,
    z: np.ndarray,
    path: np.ndarray,
    minimum: tuple[float, float],
    *,
    title: str,
    shade_label: str,
) -> alt.LayerChart:
    """The MSE surface as a heatmap (shade = log10(1 + J − min J)) with θ's path on it and a star
    at the exact minimum. `z[i, j]` is J at (xs[j], ys[i]); `path` is (k, 2)."""
    dx, dy = (xs[1] - xs[0]) / 2, (ys[1] - ys[0]) / 2
    gx, gy = np.meshgrid(xs, ys)
    cells = pd.DataFrame({"a": (gx - dx).ravel(), "a2": (gx + dx).ravel(),
                          "b": (gy - dy).ravel(), "b2": (gy + dy).ravel(),
                          "s": shade(z).ravel()})  # fmt: skip
    sx = alt.Scale(domain=[float(xs[0] - dx), float(xs[-1] + dx)], nice=False, zero=False)
    sy = alt.Scale(domain=[float(ys[0] - dy), float(ys[-1] + dy)], nice=False, zero=False)
    heat = (
        alt.Chart(cells)
        .mark_rect()
        .encode(
            x=alt.X("a:Q", title="θ₀", scale=sx),
            x2=alt.X2("a2:Q"),
            y=alt.Y("b:Q", title="θ₁", scale=sy),
            y2=alt.Y2("b2:Q"),
            color=alt.Color("s:Q", title=shade_label, scale=alt.Scale(scheme="viridis"),
                            legend=None),
        )
    )  # fmt: skip
    pts = pd.DataFrame({"a": path[:, 0], "b": path[:, 1], "i": np.arange(len(path))})
    enc = {"x": alt.X("a:Q", scale=sx), "y": alt.Y("b:Q", scale=sy)}
    trail = (
        alt.Chart(pts)
        .mark_line(color=GD, strokeWidth=2.5, clip=True)
        .encode(order=alt.Order("i:Q"), **enc)
    )
    star = (
        alt.Chart(pd.DataFrame({"a": [minimum[0]], "b": [minimum[1]]}))
        .mark_point(shape="diamond", size=140, filled=True, color="white", stroke="black")
        .encode(**enc)
    )
    return alt.layer(heat, trail, star).properties(title=title, height=260)
