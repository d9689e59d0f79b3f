"""The header every lesson page starts with."""

from __future__ import annotations

import streamlit as st

from vizlib.ui.i18n import t


def page_header(slug: str) -> None:
    """The lesson's title and one-line introduction."""
    st.title(t(f"lessons.{slug}.title"))
    st.caption(t(f"lessons.{slug}.blurb"))
