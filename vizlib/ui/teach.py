"""The "Teach with this" page: how to run a class, a walkthrough per lesson with its link and QR
code, suggested plans for a 45- and a 90-minute class, and what one server can hold."""

from __future__ import annotations

import streamlit as st

from vizlib.core.tour import Tour
from vizlib.ui import teach_link
from vizlib.ui.i18n import t
from vizlib.ui.lessons import available_lessons

# Suggested class plans: (lesson, minutes). Walkthroughs take 5–10 minutes each with discussion.
PLANS = {
    "45": (("neuron", 8), ("gradient_descent", 12), ("backprop", 10), ("playground", 15)),
    "90": (
        ("neuron", 8),
        ("losses", 7),
        ("gradient_descent", 12),
        ("backprop", 10),
        ("playground", 15),
        ("overfitting", 13),
        ("cnn_mnist", 15),
        ("self_attention", 10),
    ),
}


def _plan(minutes: str) -> None:
    known = {lesson.slug for lesson in available_lessons()}
    rows = [(slug, m) for slug, m in PLANS[minutes] if slug in known]
    st.markdown(f"**{t(f'teach_page.plan_{minutes}')}**")
    lines = [
        f"{i + 1}. {t(f'lessons.{slug}.title')} — {t('teach_page.minutes', m=m)}"
        for i, (slug, m) in enumerate(rows)
    ]
    st.markdown("\n".join(lines))


def _tour_card(tour: Tour, presenting: bool) -> None:
    title = t(f"lessons.{tour.slug}.title")
    with st.expander(f"{title} · {t(f'{tour.slug}.tour.title')}", icon=":material/explore:"):
        text, code = st.columns([3, 2])
        with text:
            for k, step in enumerate(tour.steps):
                base = f"{tour.slug}.tour.{step.id}"
                kind = t(f"teach_page.kind_{step.kind}")
                line = t(f"{base}.q") if step.kind == "predict" else t(f"{base}.text")
                st.markdown(f"{k + 1}. *{kind}* — {line}")
            st.page_link(
                f"pages/{tour.slug}.py",
                label=t("teach_page.open_tour"),
                icon=":material/play_arrow:",
                query_params={"tour": tour.slug, "step": "1"},
            )
        with code:
            url = teach_link.link(tour.slug, {}, presenting=presenting, tour=tour.slug, step=1)
            st.code(url, language=None, wrap_lines=True)
            teach_link.show_qr(url, caption=t("teach_page.qr_caption", title=title))


def show(tours: dict[str, Tour]) -> None:
    """The whole page."""
    st.title(t("teach_page.title"))
    st.markdown(t("teach_page.intro"))
    st.subheader(t("teach_page.how_title"))
    st.markdown(t("teach_page.how"))
    st.subheader(t("teach_page.tours_title"))
    presenting = st.toggle(t("teach_page.links_present"), key="_teach_page.present")
    for tour in tours.values():
        _tour_card(tour, presenting)
    st.subheader(t("teach_page.plans_title"))
    left, right = st.columns(2)
    with left:
        _plan("45")
    with right:
        _plan("90")
    st.subheader(t("teach_page.capacity_title"))
    st.markdown(t("teach_page.capacity"))
