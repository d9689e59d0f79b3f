"""The teacher's link builder, in the sidebar of every lesson: which controls students see
(hidden or locked, as TensorFlow Playground's `<control>_hide`), presenter mode, which
walkthrough step opens; then the link and a QR code big enough to project.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from vizlib.charts.qr import qr_png
from vizlib.core.tour import Tour
from vizlib.ui import present
from vizlib.ui.controls import PAGE_CONTROLS
from vizlib.ui.i18n import t

# URL keys the builder sets itself; every other key of the current URL is a setting (or lang).
OWN_KEYS = (present.HIDE_KEY, present.LOCK_KEY, present.PRESENT_KEY, present.TOUR_KEY, "step")


def base_url(path: str) -> str:
    """This app's address as the browser sees it, for page `path` (without a query)."""
    url = st.context.url or ""
    parts = urlsplit(url)
    if not parts.scheme:
        return f"/{path}"
    return f"{parts.scheme}://{parts.netloc}/{path}"


def link(
    path: str,
    settings: dict[str, str],
    *,
    hide: list[str] = (),
    lock: list[str] = (),
    presenting: bool = False,
    tour: str | None = None,
    step: int | None = None,
) -> str:
    """The link to page `path` with `settings` and the teacher's choices."""
    query = {k: v for k, v in settings.items() if k not in OWN_KEYS}
    if hide:
        query[present.HIDE_KEY] = ",".join(hide)
    if lock:
        query[present.LOCK_KEY] = ",".join(lock)
    if presenting:
        query[present.PRESENT_KEY] = "1"
    if tour:
        query[present.TOUR_KEY] = tour
        query["step"] = str(step or 1)
    return base_url(path) + ("?" + urlencode(query) if query else "")


def current_settings() -> dict[str, str]:
    """The page's settings as its URL holds them now (non-defaults, the language)."""
    return {k: st.query_params.get(k) for k in st.query_params.keys() if k not in OWN_KEYS}


def show_qr(url: str, *, caption: str) -> None:
    """The link as a QR code, or a notice when it is too long for one."""
    try:
        png = qr_png(url)
    except ValueError:
        st.warning(t("teach.qr_too_long", n=len(url)), icon="🔗")
        return
    st.image(png, caption=caption, alt=t("a11y.qr_alt"), width=280)


def builder(slug: str, tour: Tour | None) -> None:
    """The sidebar's "Teach with this link" switch and, when on, the builder for lesson `slug`."""
    controls = dict(st.session_state.get(PAGE_CONTROLS, {}))
    keys = list(controls)
    # Built only when switched on: a class's reruns then never pay for the QR code.
    if not st.sidebar.toggle(t("teach.link_title"), key=f"_teach.{slug}.on"):
        return
    for kind in (present.HIDE_KEY, present.LOCK_KEY):  # start from what this page's link says
        chosen = f"_teach.{slug}.{kind}"
        if chosen not in st.session_state:
            in_link = present.hidden if kind == present.HIDE_KEY else present.locked
            st.session_state[chosen] = [k for k in keys if in_link(k)]
    with st.sidebar.container(border=True):
        st.caption(t("teach.link_help"))
        hide = st.multiselect(
            t("teach.hide"), keys, format_func=controls.get, key=f"_teach.{slug}.hide"
        )
        lock = st.multiselect(
            t("teach.lock"),
            [k for k in keys if k not in hide],
            format_func=controls.get,
            key=f"_teach.{slug}.lock",
        )
        presenting = st.toggle(t("teach.present"), key=f"_teach.{slug}.present")
        step = None
        if tour is not None:
            opts = list(range(len(tour.steps) + 1))
            step = st.selectbox(
                t("teach.tour"),
                opts,
                format_func=lambda k: t("teach.no_tour") if k == 0 else t("tour.step_of", k=k,
                                                                           n=len(tour.steps)),
                key=f"_teach.{slug}.step",
            )  # fmt: skip
        url = link(
            slug,
            current_settings(),
            hide=hide,
            lock=lock,
            presenting=presenting,
            tour=slug if step else None,
            step=step,
        )
        st.code(url, language=None, wrap_lines=True)
        show_qr(url, caption=t("teach.qr_caption"))
