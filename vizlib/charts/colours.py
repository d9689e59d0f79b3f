"""Colour-blind-safe colours the charts share (issue 16): Okabe–Ito hues by name, and a
blue/orange diverging scale for signed values, never a red–green pair."""

from __future__ import annotations

# Okabe–Ito (the same hues as vizlib.charts.live.PALETTE), by name.
BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE = "#0072B2", "#E69F00", "#009E73", "#CC79A7"
SKY_BLUE, VERMILLION, YELLOW, BLACK = "#56B4E9", "#D55E00", "#F0E442", "#000000"

# Signed values: orange below 0, near-white at 0, blue above (TF Playground's sides), as a plotly
# colorscale. Light tints of both for cell backgrounds that carry black text.
ORANGE_BLUE = [[0.0, "#b35806"], [0.25, "#f1a340"], [0.5, "#f7f7f7"], [0.75, "#6baed6"],
               [1.0, "#08519c"]]  # fmt: skip
LIGHT_BLUE, LIGHT_ORANGE = "#a6cee3", "#fdc07a"
