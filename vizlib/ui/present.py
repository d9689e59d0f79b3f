"""Presenter mode (`?present=1`): large type for a projector, the sidebar folded, long
explanations folded away; and the keyboard shortcuts every lesson shares.

Streamlit reserves the keys C and R (clear cache, rerun), so Reset is bound to 0, not R.
"""

from __future__ import annotations

import streamlit as st

from vizlib.ui.i18n import t

PRESENT_KEY = "present"
TOUR_KEY = "tour"
SHORTCUTS = {"start_pause": "Space", "next": "Right", "back": "Left", "reset": "0"}


def is_presenting() -> bool:
    """Whether presenter mode is on (the URL's `present=1`)."""
    return st.query_params.get(PRESENT_KEY) in ("1", "true", "on")


def tour_active() -> bool:
    """Whether a walkthrough is open on this page (it then owns the arrow keys)."""
    return bool(st.query_params.get(TOUR_KEY))


def nav_shortcut(direction: str) -> str | None:
    """The arrow key for a step-through's "next"/"back" button; None while a walkthrough owns it."""
    return None if tour_active() else SHORTCUTS[direction]


def explain(body: str, *, title: str | None = None) -> None:
    """A long explanation in Markdown: shown as is, or folded into an expander in presenter mode."""
    if is_presenting():
        with st.expander(title or t("present.more"), icon=":material/menu_book:"):
            st.markdown(body)
    else:
        st.markdown(body)
