"""The one wrapper around st.plotly_chart: full width, no mode bar unless asked, a stable key."""

from __future__ import annotations

import functools
from typing import Any

import streamlit as st

from vizlib.ui import present


def show_figure(fig: Any, *, key: str, toolbar: bool = False, **kw: Any) -> Any:
    """Draw a plotly figure; a stable `key` lets Streamlit update it in place between reruns."""
    config = kw.pop("config", {}) | ({} if toolbar else {"displayModeBar": False})
    kw.setdefault("width", "stretch")
    return st.plotly_chart(fig, key=key, config=config, **kw)


def show_live_chart(chart: Any, *, key: str) -> None:
    """An altair chart redrawn every training tick (vizlib.charts.live), in a container keyed `key`
    so tests and layouts can find it; its spec stays fixed, so only its data is swapped.

    Streamlit's to_dict() validates the spec against the Vega-Lite JSON schema on every draw,
    which was a third of a rerun's cost; the builders' specs are validated by their chart tests
    (which call to_dict() with validation on), so here it is skipped.
    """
    if type(chart).__name__ in ("Chart", "LayerChart"):
        # "fit-x": the width follows the column and `height` is the plot's own height; under
        # Streamlit's default "fit" the title, axis and legend ate a short chart's plot area.
        chart = chart.properties(autosize={"type": "fit-x", "contains": "padding"})
    object.__setattr__(chart, "to_dict", functools.partial(type(chart).to_dict, chart,
                                                           validate=False))  # fmt: skip
    with st.container(key=key):
        st.altair_chart(chart, width="stretch")


def projector_type(fig: Any, size: int = 18) -> Any:
    """In presenter mode, chart text large enough for the back of a room (ticks, axis titles,
    legend, labels); otherwise the figure as it is. Returns the figure.

    A horizontal legend under the plot would run into the larger axis title, so it moves above.
    """
    if present.is_presenting():
        fig.update_layout(font_size=size, legend_font_size=size)
        fig.update_xaxes(tickfont_size=size - 1, title_font_size=size)
        fig.update_yaxes(tickfont_size=size - 1, title_font_size=size)
        legend = fig.layout.legend
        if legend.orientation == "h" and legend.y is not None and legend.y < 0:
            fig.update_layout(legend=dict(y=1.02, yanchor="bottom", x=0, xanchor="left"))
    return fig
