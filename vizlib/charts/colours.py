"""Colour-blind-safe colours the charts share (issue 16): Okabe–Ito hues by name, and a
blue/orange diverging scale for signed values, never a red–green pair."""

from __future__ import annotations

# Okabe–Ito (the same hues as vizlib.charts.live.PALETTE), by name.
BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE = "#0072B2", "#E69F00", "#009E73", "#CC79A7"
SKY_BLUE, VERMILLION, YELLOW, BLACK = "#56B4E9", "#D55E00", "#F0E442", "#000000"

# Signed values: orange below 0, near-white at 0, blue above (TF Playground's sides), as a plotly
# colorscale; both ends stay light enough for black text on them (contrast above 6:1).
ORANGE_BLUE = [[0.0, "#e08214"], [0.25, "#fdb863"], [0.5, "#f7f7f7"], [0.75, "#92c5de"],
               [1.0, "#4393c3"]]  # fmt: skip
# Light tints of both for cell backgrounds that carry black text.
LIGHT_BLUE, LIGHT_ORANGE = "#a6cee3", "#fdc07a"
