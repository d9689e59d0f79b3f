"""The one wrapper around st.plotly_chart: full width, no mode bar unless asked, a stable key."""

from __future__ import annotations

import functools
from typing import Any

import streamlit as st


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
