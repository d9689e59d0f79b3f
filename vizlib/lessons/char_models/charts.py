"""Figures and HTML for the character-model lesson: loss curves with baselines, the bigram count
matrix, and text coloured character by character (a unit's activation, a gate, top-5 guesses).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import plotly.graph_objects as go

from vizlib.charts.live import line_chart

NEG, POS, GATE, GUESS = (33, 102, 172), (178, 24, 43), (27, 120, 55), (90, 60, 160)
WHITE = (255, 255, 255)
SHOW = {"\n": "↵", " ": "␣", "\t": "⇥"}
MAX_POINTS = 1000  # training-loss points drawn; a long run is thinned, not truncated
PROJECTOR_PX = 18  # the loss chart's legend and axis titles in presenter mode (as plotly's)


def show_char(ch: str) -> str:
    """A visible stand-in for whitespace characters."""
    return SHOW.get(ch, ch)


def _mix(rgb: tuple[int, int, int], s: float) -> str:
    """White blended towards `rgb` by s in [0, 1]."""
    c = [round(w + (v - w) * s) for w, v in zip(WHITE, rgb)]
    return f"rgb({c[0]},{c[1]},{c[2]})"


def activation_colour(a: float, vmax: float) -> str:
    """Diverging colour: blue for negative, white at 0, red for positive, full at |a| = vmax."""
    s = float(np.clip(a / vmax, -1.0, 1.0)) if vmax > 0 else 0.0
    return _mix(POS if s >= 0 else NEG, abs(s))


def gate_colour(g: float) -> str:
    """Sequential colour for a gate value in [0, 1]: white (0, forget) to green (1, keep)."""
    return _mix(GATE, float(np.clip(g, 0.0, 1.0)))


def _cell(ch: str, bg: str, value: float, guesses: str) -> str:
    style = "display:inline-block;vertical-align:top;text-align:center;margin:0 1px 6px 0"
    top = (
        f'<div class="u" data-a="{value:.6g}" style="background:{bg};font-family:monospace;'
        f'font-size:1.05em;padding:1px 2px;min-width:0.8em">{html.escape(show_char(ch))}</div>'
    )
    return f'<span style="{style}">{top}{guesses}</span>'


def _guess_column(chars: Sequence[str], probs: Sequence[float]) -> str:
    rows = "".join(
        f'<div class="g" data-p="{p:.6g}" style="background:{_mix(GUESS, float(p))};'
        f"color:{'white' if p > 0.55 else 'black'};font-family:monospace;font-size:0.7em;"
        f'line-height:1.15">{html.escape(show_char(c))}</div>'
        for c, p in zip(chars, probs)
    )
    return f'<div style="border-top:1px solid #ddd">{rows}</div>'


def text_html(
    chars: Sequence[str],
    values: np.ndarray,
    colours: Sequence[str],
    guesses: Sequence[Sequence[str]] | None = None,
    guess_probs: np.ndarray | None = None,
) -> str:
    """Each character on its colour; optionally its top next-character guesses stacked below."""
    if len(chars) != len(values) or len(colours) != len(chars):
        raise ValueError("chars, values and colours differ in length")
    cells = []
    for t, ch in enumerate(chars):
        below = _guess_column(guesses[t], guess_probs[t]) if guesses is not None else ""
        cells.append(_cell(ch, colours[t], float(values[t]), below))
    return f'<div style="line-height:1;overflow-wrap:anywhere">{"".join(cells)}</div>'


def unit_text_html(
    chars: Sequence[str],
    acts: np.ndarray,
    vmax: float,
    guesses: Sequence[Sequence[str]] | None = None,
    guess_probs: np.ndarray | None = None,
) -> str:
    """Karpathy's view: text coloured by one unit's activation, top-k guesses under each char."""
    colours = [activation_colour(a, vmax) for a in acts]
    return text_html(chars, acts, colours, guesses, guess_probs)


def gate_text_html(chars: Sequence[str], gates: np.ndarray) -> str:
    """Text coloured by a gate's value in [0, 1]."""
    return text_html(chars, gates, [gate_colour(g) for g in gates])


def legend_html(left: str, mid: str, right: str, colours: Sequence[str]) -> str:
    """A small colour bar with three labels."""
    bar = "".join(
        f'<span style="background:{c};display:inline-block;width:2em">&nbsp;</span>'
        for c in colours
    )
    return (
        f'<div style="font-size:0.8em">{html.escape(left)} {bar} {html.escape(right)}'
        f" &nbsp;·&nbsp; {html.escape(mid)}</div>"
    )


def loss_chart(
    steps: Sequence[int],
    train: Sequence[float],
    val_steps: Sequence[int],
    val: Sequence[float],
    baselines: Mapping[str, float],
    labels: Mapping[str, str],
    height: int = 260,
    projector: bool = False,
) -> alt.LayerChart:
    """Train and validation loss (nats/char) per step, with dashed reference lines (Vega-Lite,
    redrawn every tick without blinking). For a `projector`: the legend beside the plot (a
    shorter chart) and larger type.

    At most MAX_POINTS training points are drawn (every k-th); non-finite losses are left out.
    """
    stride = max(1, -(-len(train) // MAX_POINTS))
    series = {
        labels["train"]: (list(steps)[::stride], list(train)[::stride]),
        labels["val"]: (list(val_steps), list(val)),
    }
    refs = {f"{name} = {value:.3f}": value for name, value in baselines.items()}
    # before the first step: frame the reference lines, so the empty chart already says what to beat
    ys = [v for v in baselines.values() if np.isfinite(v)]
    empty = len(train) == 0 and bool(ys)
    domain = (max(0.0, min(ys) - 0.5), max(ys) + 0.5) if empty else None
    chart = line_chart(
        series,
        x_title=labels["x"],
        y_title=labels["y"],
        refs=refs,
        height=height,
        y_domain=domain,
        legend_columns=1 if projector else 2,
        legend_orient="right" if projector else "bottom",
    )
    if not projector:
        return chart
    axis = chart.configure_axis(labelFontSize=PROJECTOR_PX - 2, titleFontSize=PROJECTOR_PX)
    return axis.configure_legend(labelFontSize=PROJECTOR_PX, labelLimit=0)


def count_matrix_figure(
    counts: np.ndarray, chars: str, x_label: str, y_label: str, hover: str
) -> go.Figure:
    """The bigram count matrix: row = current character, column = next, colour = count."""
    c = np.asarray(counts, dtype=float)
    if c.shape != (len(chars), len(chars)):
        raise ValueError("counts must be (V, V) for V characters")
    labels = [show_char(ch) for ch in chars]
    small = len(chars) <= 30  # numbers in the cells only when they can be read
    fig = go.Figure(
        go.Heatmap(
            z=c,
            x=labels,
            y=labels,
            colorscale="Blues",
            hovertemplate=hover + "<extra></extra>",
            text=c.astype(int) if small else None,
            texttemplate="%{text}" if small else None,
            textfont={"size": 8},
        )
    )
    fig.update_xaxes(title_text=x_label, type="category", side="top")
    fig.update_yaxes(title_text=y_label, type="category", autorange="reversed")
    fig.update_layout(height=640 if small else 720, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig
