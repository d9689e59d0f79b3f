"""Charts redrawn every training tick, as Vega-Lite (vizlib.charts.live): the training curves,
the |Q - Q*| map and CartPole's episode lengths. Their specs stay fixed; only the data changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np

from vizlib.charts.live import heatmap_chart, line_chart
from vizlib.lessons.deep_q.charts import LOSS_FLOOR, MAX_POINTS, moving_average

CURVE_H = 200  # px, title, axes and legend included (Streamlit fits the whole chart)


def thin(x: Sequence[float], y: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Every k-th point so that about MAX_POINTS remain (the last point kept)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    k = max(1, len(y) // MAX_POINTS)
    idx = np.unique(np.append(np.arange(0, len(y), k), len(y) - 1)) if len(y) else np.arange(0)
    return x[idx], y[idx]


def curve_charts(
    returns: Sequence[float],
    loss: Sequence[float],
    eps: Sequence[float],
    mae_steps: Sequence[int],
    mae: Sequence[float],
    labels: Mapping[str, str],
    window: int = 20,
) -> dict[str, alt.LayerChart]:
    """Return per episode and TD loss per step (log), each with its moving average; epsilon per
    step; mean |Q - Q*| over steps. Keyed returns, loss, eps, mae."""
    ep = np.arange(1, len(returns) + 1)
    loss = np.asarray(loss, dtype=float)
    st_ = np.flatnonzero(loss > 0) + 1  # steps with an update (none while the buffer fills)
    pos = np.maximum(loss[st_ - 1], LOSS_FLOOR)
    ma, step = labels["ma"], labels["step"]
    kw = {"height": CURVE_H}
    small = {"height": CURVE_H - 20}
    return {
        "returns": line_chart(
            {labels["returns"]: thin(ep, returns), ma: thin(ep, moving_average(returns, window))},
            x_title=labels["episode"], y_title="", title=labels["returns"], **kw,
        ),
        "loss": line_chart(
            {labels["loss"]: thin(st_, pos), ma: thin(st_, moving_average(pos, 10 * window))},
            x_title=step, y_title="", title=labels["loss"], log_y=True, **kw,
        ),
        "eps": line_chart(
            {labels["eps"]: thin(np.arange(1, len(eps) + 1), eps)},
            x_title=step, y_title="", title=labels["eps"], y_domain=(0.0, 1.02), **small,
        ),
        "mae": line_chart(
            {labels["mae"]: thin(mae_steps, mae)},
            x_title=step, y_title="", title=labels["mae"], **small,
        ),
    }  # fmt: skip


def error_chart(
    rows: Sequence[str],
    cells: Sequence[tuple[int, int]],
    err: np.ndarray,
    title: str,
    value_title: str,
    px: int = 240,
) -> alt.Chart:
    """max_a |Q(s, a) - Q*(s, a)| per cell (walls and terminal cells empty), colours fixed on
    [0, 1] so the spec does not change between ticks."""
    n, m = len(rows), len(rows[0])
    z = np.full((n, m), np.nan)
    for s, (i, j) in enumerate(cells):
        z[i, j] = err[s]
    return heatmap_chart(
        z, x_labels=[str(j) for j in range(m)], y_labels=[str(i) for i in range(n)],
        x_title="", y_title="", value_title=value_title, title=title, domain=(0.0, 1.0),
        scheme="reds", size=max(12, px // max(n, m)),
    )  # fmt: skip


def lengths_chart(
    lengths: Sequence[int], solved: float, labels: Mapping[str, str], window: int = 20
) -> alt.LayerChart:
    """Training episode lengths, their moving average, and the dashed 'solved' line."""
    ep = np.arange(1, len(lengths) + 1)
    ma = moving_average(lengths, window)
    return line_chart(
        {labels["length"]: thin(ep, lengths), labels["ma"]: thin(ep, ma)},
        x_title=labels["episode"], y_title=labels["steps"], refs={labels["solved"]: solved},
        y_domain=(0.0, 520.0), height=220,
    )  # fmt: skip
