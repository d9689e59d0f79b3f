"""The one wrapper around st.plotly_chart: full width, no mode bar unless asked, a stable key."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
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

    Each layer's data frame goes under a fixed dataset name ("d0", "d1", ... by layer), where
    altair names it by a hash of its content: otherwise the spec changed on every tick, and the
    browser now and then re-created the chart, which showed faded mid-training.

    Streamlit's to_dict() validates the spec against the Vega-Lite JSON schema on every draw,
    which was a third of a rerun's cost; the builders' specs are validated by their chart tests
    (which call to_dict() with validation on), so here it is skipped.
    """
    if type(chart).__name__ in ("Chart", "LayerChart"):
        # "fit-x": the width follows the column and `height` is the plot's own height; under
        # Streamlit's default "fit" the title, axis and legend ate a short chart's plot area.
        chart = chart.properties(autosize={"type": "fit-x", "contains": "padding"})
    spec = named_data_spec(chart) if isinstance(chart, alt.TopLevelMixin) else chart
    with st.container(key=key):
        st.vega_lite_chart(spec, width="stretch")


_PARTS = ("layer", "hconcat", "vconcat", "concat")
_ALTAIR_VIEW = {"continuousWidth": 300, "continuousHeight": 300}  # altair's theme, not ours


def named_data_spec(chart: Any) -> dict[str, Any]:
    """The chart's Vega-Lite spec (unvalidated) with every data frame in it under a name fixed by
    its place in the chart ("d0", "d1", ...), the frames themselves under "datasets" (as
    st.vega_lite_chart takes them). The chart is not changed."""
    datasets: dict[str, pd.DataFrame] = {}

    def renamed(node: Any) -> Any:
        node = node.copy(deep=False)
        if isinstance(getattr(node, "data", None), pd.DataFrame):
            name = f"d{len(datasets)}"
            datasets[name], node.data = node.data, alt.NamedData(name=name)
        for attr in _PARTS:
            parts = getattr(node, attr, alt.Undefined)
            if isinstance(parts, list):
                setattr(node, attr, [renamed(p) for p in parts])
        return node

    spec = renamed(chart).to_dict(validate=False)
    config = spec.get("config", {})
    if config.get("view") == _ALTAIR_VIEW:  # Streamlit leaves altair's default size out too
        del config["view"]
        if not config:
            del spec["config"]
    spec["datasets"] = datasets
    return spec


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
