"""The landing page: what the app teaches, and the learning path as ordered cards."""

import streamlit as st

from vizlib.ui.i18n import t
from vizlib.ui.lessons import available_lessons


def show() -> None:
    """The whole landing page."""
    st.title(t("home.title"))
    st.markdown(t("home.intro"))
    st.page_link("pages/teach.py", label=t("home.teach"), icon=":material/school:")
    st.subheader(t("home.path"))
    lessons = available_lessons()
    cols = st.columns(3)
    for i, lesson in enumerate(lessons):
        with cols[i % 3].container(border=True):
            st.markdown(f"**{i + 1}. {t(f'lessons.{lesson.slug}.title')}**")
            st.caption(t(f"lessons.{lesson.slug}.blurb"))
            st.page_link(f"pages/{lesson.slug}.py", label=t("home.open"), icon=lesson.icon)
    st.divider()
    st.markdown(t("home.how"))
    st.caption(t("home.footer"))
