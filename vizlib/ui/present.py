"""Presenter mode (`?present=1`): large type for a projector, the sidebar folded, long
explanations folded away; and the keyboard shortcuts every lesson shares.

Streamlit reserves the keys C and R (clear cache, rerun), so Reset is bound to 0, not R.
"""

from __future__ import annotations

import streamlit as st

from vizlib.ui.i18n import t

PRESENT_KEY = "present"
TOUR_KEY = "tour"
SHORTCUT_OWNER = "_shortcut_owner"  # session key: the live panel holding the shortcuts this run
SHORTCUTS = {"start_pause": "Space", "next": "Right", "back": "Left", "reset": "0"}


HIDE_KEY, LOCK_KEY = "hide", "lock"


def requested(kind: str) -> set[str]:
    """The controls a teacher's link hides (`kind="hide"`) or locks (`"lock"`): full keys
    (`playground.lr`) or bare field names (`lr`), comma-separated."""
    raw = ",".join(st.query_params.get_all(kind))
    return {part.strip() for part in raw.split(",") if part.strip()}


def _matches(key: str, names: set[str]) -> bool:
    return key in names or key.split(".", 1)[-1] in names


def hidden(key: str) -> bool:
    """Whether the link hides the control with widget key `key` (it keeps the link's value)."""
    return _matches(key, requested(HIDE_KEY))


def locked(key: str) -> bool:
    """Whether the link shows the control `key` but locks it at the link's value."""
    return _matches(key, requested(LOCK_KEY))


def unknown_controls(known_keys: set[str]) -> list[str]:
    """The names in `hide=`/`lock=` that are no setting of this page (a garbage link)."""
    names = requested(HIDE_KEY) | requested(LOCK_KEY)
    fields = {k.split(".", 1)[-1] for k in known_keys}
    return sorted(n for n in names if n not in known_keys and n not in fields)


def is_presenting() -> bool:
    """Whether presenter mode is on (`present=1` in the URL, or switched on in this session)."""
    raw = st.query_params.get(PRESENT_KEY)
    return (
        raw in ("1", "true", "on") if raw is not None else bool(st.session_state.get("_presenting"))
    )


def tour_active() -> bool:
    """Whether a walkthrough is open on this page (it then owns the arrow keys)."""
    return bool(st.query_params.get(TOUR_KEY))


def nav_shortcut(direction: str) -> str | None:
    """The arrow key for a step-through's "next"/"back" button; None while a walkthrough owns it."""
    return None if tour_active() else SHORTCUTS[direction]


def secondary(name: str):
    """A container for what a projected class can do without (presets, worked-example buttons,
    formula boxes): shown normally, left out in presenter mode so the main chart fits the screen.
    Use as `with present.secondary("presets"): ...`."""
    return st.container(key=f"secondary_{name}")


def explain(body: str, *, title: str | None = None) -> None:
    """A long explanation in Markdown: shown as is, or folded into an expander in presenter mode."""
    if is_presenting():
        with st.expander(title or t("present.more"), icon=":material/menu_book:"):
            st.markdown(body)
    else:
        st.markdown(body)


SESSION_KEY = "_presenting"  # kept in the session too, so presenter mode survives a page change

# Large type for the back of a room at 1280×720; the charts and the chosen controls stay.
_STYLE = """<style>
html { font-size: 19px; }
[data-testid="stMainBlockContainer"] { padding: 3.2rem 1.5rem 2rem; max-width: 100%; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.75rem; padding: 0 0 .2rem; }
/* tighter rows: large type, but the main chart still on the first 1280×720 screen */
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
[data-testid="stMetricValue"] { font-size: 1.7rem; }
[data-testid="stMainBlockContainer"] h2, [data-testid="stMainBlockContainer"] h3 {
  font-size: 1.35rem; }
[data-testid="stHeader"] { background: transparent; }
.st-key-page_blurb, [class*="st-key-secondary_"], .st-key-present_style { display: none; }
/* and their layout wrappers, which would still take a gap each */
[data-testid="stLayoutWrapper"]:has(> .st-key-page_blurb, > [class*="st-key-secondary_"],
  > .st-key-present_style) { display: none; }
</style>"""


def keep_presenting() -> bool:
    """Presenter mode from the URL or the session; written back to the URL (the app shell calls
    this once per run, before the page). Returns whether it is on."""
    ss = st.session_state
    raw = st.query_params.get(PRESENT_KEY)
    if raw is not None:
        ss[SESSION_KEY] = raw in ("1", "true", "on")
    on = bool(ss.get(SESSION_KEY))
    if on:
        st.query_params[PRESENT_KEY] = "1"
        # Markdown, not st.html: the browser loads st.html's renderer only when a page first
        # uses it, and while a slow page (char_models) keeps the server busy that took seconds,
        # so the page was first drawn, and measured, at 16 px. Markdown's renderer is there at
        # once. The container hides itself (no gap); a hidden <style> still applies.
        with st.container(key="present_style"):
            st.markdown(_STYLE, unsafe_allow_html=True)
    else:
        st.query_params.pop(PRESENT_KEY, None)
    return on


def _toggled() -> None:
    st.session_state[SESSION_KEY] = bool(st.session_state["_present_toggle"])


def presenter_toggle() -> None:
    """The sidebar switch for presenter mode."""
    st.session_state["_present_toggle"] = bool(st.session_state.get(SESSION_KEY))
    st.sidebar.toggle(
        t("present.toggle"), key="_present_toggle", on_change=_toggled, help=t("present.help")
    )


def shortcuts_help() -> None:
    """A small popover listing the keyboard shortcuts."""
    with st.popover(t("present.keys"), icon=":material/keyboard:"):
        for action, key in SHORTCUTS.items():
            st.markdown(f"`{t(f'present.key_names.{key}')}` — {t(f'present.actions.{action}')}")
        st.caption(t("present.keys_note"))
