"""The header every lesson page starts with."""

from __future__ import annotations

import contextlib

import streamlit as st

from vizlib.ui import controls, present, tour
from vizlib.ui.i18n import t


def _leave_pages_folder_mode() -> None:
    """Make a deep link on a fresh server go through app.py.

    Streamlit treats a folder named pages/ beside the entry point as an old-style multipage app
    until `st.navigation` first runs in the process; a teacher's link straight to a lesson would
    then bypass app.py (no language switch, a raw file list as navigation). `st.navigation` clears
    this flag itself; we clear it here too and rerun, so the run goes through app.py.

    This writes Streamlit's private `PagesManager.uses_pages_directory`. Streamlit 1.67 has no
    supported switch for it (no config option turns pages/ discovery off); its documented way out
    is a folder not named pages/ (e.g. app_pages/), which would move the documented top-level
    layout. So the hack stays, and tests/e2e/test_pages_e2e.py checks a fresh server's deep link.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# Less empty space above the title, so a lesson's live panel fits on a projector's first screen.
_COMPACT_TOP = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
[data-testid="stMainBlockContainer"] h1 { padding-top: 0.25rem; }
/* no room for the key hints in the narrow Start/Pause and walkthrough buttons; see Keys */
[class*="-live-btn_"] kbd, [class*="st-key-_tour-"] kbd { display: none; }
/* Live charts (every Vega-Lite chart here, and the inline live pictures) keep their last frame
   at full strength until a run re-sends them: Streamlit fades an element it has not re-sent yet
   after 0.5 s, which on a busy server (a class) read as a blink at every slow tick. */
[data-testid="stElementContainer"][data-stale="true"]:has([data-testid="stVegaLiteChart"],
  [data-testid="stArrowVegaLiteChart"], .live-picture) { opacity: 1 !important; transition: none; }
</style>"""


def page_header(slug: str) -> None:
    """The lesson's title and one-line introduction (folded away in presenter mode), then its
    walkthrough (or the button that opens it) and the keyboard-shortcut help."""
    _leave_pages_folder_mode()
    controls.start_page_run()
    st.session_state.pop(present.SHORTCUT_OWNER, None)  # the first live panel drawn takes them
    st.html(_COMPACT_TOP)
    # The button that opens the walkthrough shares the title's row: one row less above the main
    # chart. An open walkthrough's panel keeps the full width under the title.
    beside = not present.tour_active()
    row = st.columns([6, 2, 1.3] if beside else [6, 1], vertical_alignment="center")
    row[0].title(t(f"lessons.{slug}.title"))
    with row[-1]:
        present.shortcuts_help()
    with st.container(key="page_blurb"):
        st.caption(t(f"lessons.{slug}.blurb"))
    with row[1] if beside else contextlib.nullcontext():
        tour.header_row(slug)
