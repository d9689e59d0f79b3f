"""Entry point: page config, the language switch, and navigation over the lesson pages."""

import streamlit as st

from vizlib.ui.i18n import LANG_KEY, LANGS, default_lang, t
from vizlib.ui.lessons import available_lessons

LANG_NAMES = {"en": "English", "zh": "简体中文"}


def language_switch() -> None:
    """English / 简体中文, kept in the URL (?lang=zh) so it persists across pages and links."""
    raw = st.query_params.get(LANG_KEY)
    if raw is not None and raw not in LANGS:
        st.sidebar.warning(t("common.lang_invalid", value=raw[:20]))
    st.sidebar.segmented_control(
        "🌐", LANGS, default=default_lang(), format_func=LANG_NAMES.get, key=LANG_KEY,
        bind="query-params", required=True, label_visibility="collapsed",
    )


def navigation() -> st.navigation:
    """Pages grouped into sections, titles through t()."""
    home = st.Page("pages/home.py", title=t("nav.home"), icon=":material/home:", default=True)
    sections: dict[str, list] = {t("nav.start"): [home]}
    for lesson in available_lessons():
        page = st.Page(f"pages/{lesson.slug}.py", title=t(f"lessons.{lesson.slug}.title"),
                       icon=lesson.icon, url_path=lesson.slug)
        sections.setdefault(t(f"nav.{lesson.section}"), []).append(page)
    return st.navigation(sections)


st.set_page_config(page_title="Deep Learning, Visibly", page_icon=":material/neurology:",
                   layout="wide")
language_switch()
navigation().run()
