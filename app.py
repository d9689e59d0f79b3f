"""Entry point: page config, the language switch, and navigation over the lesson pages."""

from pathlib import Path

import streamlit as st

from vizlib.ui import present, teach_link, tour
from vizlib.ui.controls import PAGE_FIELDS
from vizlib.ui.i18n import LANG_KEY, LANGS, default_lang, t
from vizlib.ui.lessons import available_lessons

LANG_NAMES = {"en": "English", "zh": "简体中文"}
# The tab icon is a bundled file (scripts/build_icon.py): a ":material/...:" page icon would be
# fetched from a web-font host by the browser, and the app must work offline.
ICON = Path(__file__).parent / "assets" / "icon.png"


def _chosen() -> None:
    st.session_state[LANG_KEY] = st.session_state["lang_switch"] or st.session_state[LANG_KEY]


def language_switch() -> None:
    """English / 简体中文; written back to the URL (?lang=zh) on every page so links keep it.

    The language is kept under a plain session key, not the widget's own key: Streamlit may drop
    a widget's state when the page changes, and the choice must survive that.
    """
    raw = st.query_params.get(LANG_KEY)
    if raw is not None and raw not in LANGS:
        st.sidebar.warning(t("common.lang_invalid", value=raw[:20]))
    if st.session_state.get(LANG_KEY) not in LANGS:
        st.session_state[LANG_KEY] = default_lang()
    st.session_state["lang_switch"] = st.session_state[LANG_KEY]
    st.sidebar.segmented_control(
        "🌐",
        LANGS,
        format_func=LANG_NAMES.get,
        key="lang_switch",
        required=True,
        label_visibility="collapsed",
        on_change=_chosen,
    )
    st.query_params[LANG_KEY] = st.session_state[LANG_KEY]


def navigation() -> st.navigation:
    """Pages grouped into sections, titles through t()."""
    home = st.Page("pages/home.py", title=t("nav.home"), icon=":material/home:", default=True)
    teach = st.Page(
        "pages/teach.py", title=t("nav.teach"), icon=":material/school:", url_path="teach"
    )
    sections: dict[str, list] = {t("nav.start"): [home, teach]}
    for lesson in available_lessons():
        page = st.Page(
            f"pages/{lesson.slug}.py",
            title=t(f"lessons.{lesson.slug}.title"),
            icon=lesson.icon,
            url_path=lesson.slug,
        )
        sections.setdefault(t(f"nav.{lesson.section}"), []).append(page)
    return st.navigation(sections)


def teacher_tools(slug: str, notice: st.delta_generator.DeltaGenerator) -> None:
    """After a lesson ran: the presenter switch and the link builder in the sidebar, and a notice
    for `hide=`/`lock=` names that are no setting of this page."""
    present.presenter_toggle()
    teach_link.builder(slug, tour.current(slug))
    unknown = present.unknown_controls(st.session_state.get(PAGE_FIELDS, set()))
    if unknown:
        names = ", ".join(f"“{n[:40]}”" for n in unknown[:8])
        notice.warning(t("teach.unknown_controls", names=names), icon="🔗")


language_switch()
presenting = present.keep_presenting()
st.set_page_config(
    page_title=t("app.title"),
    page_icon=ICON,
    layout="wide",
    initial_sidebar_state="collapsed" if presenting else "auto",
)
page = navigation()
notice = st.empty()
page.run()
if page.url_path in {lesson.slug for lesson in available_lessons()}:
    teacher_tools(page.url_path, notice)
