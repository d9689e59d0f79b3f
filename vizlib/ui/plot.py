"""The one wrapper around st.plotly_chart: full width, no mode bar unless asked, a stable key."""

from __future__ import annotations

from typing import Any

import streamlit as st


def show_figure(fig: Any, *, key: str, toolbar: bool = False, **kw: Any) -> Any:
    """Draw a plotly figure; a stable `key` lets Streamlit update it in place between reruns."""
    config = kw.pop("config", {}) | ({} if toolbar else {"displayModeBar": False})
    kw.setdefault("width", "stretch")
    return st.plotly_chart(fig, key=key, config=config, **kw)
