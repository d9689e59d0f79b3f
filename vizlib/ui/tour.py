"""The walkthrough panel: a lesson's steps under its title, predict then reveal.

The position is in the URL (`?tour=<slug>&step=<k>`, 1-based; k = steps + 1 is the summary), so a
teacher can project step 3 and students open the same step. Answers and outcomes stay in the
session only. Entering a step loads its state into the page's widgets before they are drawn.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import streamlit as st

from vizlib.core.tour import Step, Tour, score, step_from_query
from vizlib.ui import live
from vizlib.ui.i18n import t
from vizlib.ui.present import SHORTCUTS, TOUR_KEY

STEP_KEY = "step"
_CURRENT = "_tour.current"  # session key: the Tour of the page being run


def _ss(slug: str, name: str) -> str:
    return f"_tour.{slug}.{name}"


def run_page(tour: Tour, show: Callable[[], None]) -> None:
    """Run a lesson page whose header offers the walkthrough `tour`."""
    st.session_state[_CURRENT] = tour
    show()


def current(slug: str) -> Tour | None:
    """The walkthrough of the page being run, when it is lesson `slug`'s."""
    tour = st.session_state.get(_CURRENT)
    return tour if tour is not None and tour.slug == slug else None


def position(tour: Tour) -> int | None:
    """The open step (0-based; len(steps) is the summary); None when the walkthrough is closed."""
    if st.query_params.get(TOUR_KEY) != tour.slug:
        return None
    raw = st.query_params.get(STEP_KEY, "1")
    if raw == str(len(tour.steps) + 1):
        return len(tour.steps)
    return step_from_query(tour, raw)


def _go(tour: Tour, k: int | None) -> None:
    st.session_state.pop(_ss(tour.slug, "entered"), None)  # the next run loads the step afresh
    if k is None:
        for key in (TOUR_KEY, STEP_KEY):
            st.query_params.pop(key, None)
    else:
        st.query_params[TOUR_KEY] = tour.slug
        st.query_params[STEP_KEY] = str(k + 1)


def _load(tour: Tour, k: int, revealed: bool) -> None:
    """Put step k's settings (defaults + everything before) into the page's widget state."""
    for cfg in tour.configs_at(k, revealed).values():
        for f in dataclasses.fields(cfg):
            st.session_state[cfg.key(f.name)] = getattr(cfg, f.name)


def _reveal(tour: Tour, k: int) -> None:
    step = tour.steps[k]
    revealed = st.session_state.setdefault(_ss(tour.slug, "revealed"), set())
    revealed.add(step.id)
    _load(tour, k, revealed=True)
    if step.numeric and step.outcome is not None:
        outcome = step.outcome(tour.configs_at(k, revealed=True))
        st.session_state.setdefault(_ss(tour.slug, "outcomes"), {})[step.id] = outcome
    if step.action == "train" and tour.live_ns:
        live.request_fresh_start(tour.live_ns)


def _commit(tour: Tour, step: Step) -> None:
    value = st.session_state.get(_ss(tour.slug, f"pick.{step.id}"))
    if value is not None:
        st.session_state.setdefault(_ss(tour.slug, "answers"), {})[step.id] = value


def header_row(slug: str) -> None:
    """Under a lesson's title: the walkthrough panel when open, else a button that opens it."""
    tour = current(slug)
    if tour is None:
        return
    raw = st.query_params.get(TOUR_KEY)
    k = position(tour)
    if raw is not None and k is None:
        note = t("tour.bad_link", tour=str(raw)[:40], n=len(tour.steps))
        st.warning(note, icon=":material/explore:")
        _go(tour, None)
    if k is None:
        st.button(
            t("tour.open_short", n=len(tour.steps)),
            help=t("tour.open", title=t(f"{slug}.tour.title"), n=len(tour.steps)),
            key=_ss(slug, "open"),
            icon=":material/explore:",
            on_click=_go,
            args=(tour, 0),
        )
        return
    entered = st.session_state.get(_ss(slug, "entered"))
    if entered != k and k < len(tour.steps):
        st.session_state[_ss(slug, "entered")] = k
        _load(tour, k, revealed=tour.steps[k].id in _revealed(tour))
    with st.container(border=True, key=_ss(slug, "panel")):
        # compact, so the page's own views stay on the first screen: title and navigation on one
        # row, the question and its button on another
        head, nav = st.columns([3, 2], vertical_alignment="center")
        with nav:
            _nav(tour, k)
        with head:
            _heading(tour, k)
        if k == len(tour.steps):
            _summary(tour)
        else:
            _step(tour, k)


def _revealed(tour: Tour) -> set:
    return st.session_state.get(_ss(tour.slug, "revealed"), set())


def _heading(tour: Tour, k: int) -> None:
    title = t(f"{tour.slug}.tour.title")
    n = len(tour.steps)
    where = t("tour.summary") if k == n else t("tour.step_of", k=k + 1, n=n)
    st.markdown(f":material/explore: **{title}** · {where}")


def _step(tour: Tour, k: int) -> None:
    step, base = tour.steps[k], f"{tour.slug}.tour.{tour.steps[k].id}"
    st.markdown(t(f"{base}.text"))
    if step.kind == "predict":
        _predict(tour, step, base)


def _predict(tour: Tour, step: Step, base: str) -> None:
    answers = st.session_state.get(_ss(tour.slug, "answers"), {})
    said = answers.get(step.id)
    pick = _ss(tour.slug, f"pick.{step.id}")
    label = f"**{t('tour.predict')}** {t(f'{base}.q')}"
    ask, act = st.columns([5, 1], vertical_alignment="bottom")
    with ask:
        if step.numeric:
            st.number_input(label, value=None, key=pick, disabled=said is not None)
        else:
            fmt = lambda c: t(f"{base}.c.{c}")  # noqa: E731
            st.radio(
                label,
                step.choices,
                index=None,
                format_func=fmt,
                key=pick,
                disabled=said is not None,
                horizontal=True,
            )
    with act:
        if said is None:
            st.button(t("tour.commit"), key=pick + ".commit", on_click=_commit, args=(tour, step))
        elif step.id not in _revealed(tour):
            k = tour.index(step.id)
            st.button(
                t("tour.reveal"),
                key=pick + ".reveal",
                type="primary",
                on_click=_reveal,
                args=(tour, k),
                width="stretch",
            )
    if said is None or step.id not in _revealed(tour):
        return
    truth = st.session_state.get(_ss(tour.slug, "outcomes"), {}).get(step.id, step.answer)
    ok = score(tour, {step.id: said}, {step.id: truth})[0][3]
    said_text, truth_text = _show_answer(step, base, said), _show_answer(step, base, truth)
    verdict = t("tour.right" if ok else "tour.wrong", said=said_text, truth=truth_text)
    (st.success if ok else st.info)(verdict + " " + t(f"{base}.reveal"))


def _show_answer(step: Step, base: str, value: object) -> str:
    if step.numeric:
        return f"{float(value):.4g}"
    return t(f"{base}.c.{value}")


def _nav(tour: Tour, k: int) -> None:
    n = len(tour.steps)
    back, nxt, close = st.columns([1, 1, 1], gap="small")
    back.button(
        t("tour.back"),
        key=_ss(tour.slug, "back"),
        icon=":material/arrow_back:",
        disabled=k == 0,
        on_click=_go,
        args=(tour, k - 1),
        shortcut=SHORTCUTS["back"],
        width="stretch",
    )
    nxt.button(
        t("tour.finish") if k == n - 1 else t("tour.next"),
        key=_ss(tour.slug, "next"),
        icon=":material/arrow_forward:",
        disabled=k >= n,
        on_click=_go,
        args=(tour, k + 1),
        shortcut=SHORTCUTS["next"],
        width="stretch",
    )
    close.button(
        t("tour.close"),
        key=_ss(tour.slug, "close"),
        icon=":material/close:",
        on_click=_go,
        args=(tour, None),
        width="stretch",
    )


def _summary(tour: Tour) -> None:
    answers = st.session_state.get(_ss(tour.slug, "answers"), {})
    outcomes = st.session_state.get(_ss(tour.slug, "outcomes"), {})
    rows = [r for r in score(tour, answers, outcomes) if r[0] in _revealed(tour)]
    if not rows:
        st.caption(t("tour.summary_empty"))
        return
    table = []
    for step_id, said, truth, ok in rows:
        step = tour.steps[tour.index(step_id)]
        base = f"{tour.slug}.tour.{step_id}"
        table.append(
            {
                t("tour.col_question"): t(f"{base}.q"),
                t("tour.col_said"): _show_answer(step, base, said),
                t("tour.col_outcome"): _show_answer(step, base, truth),
                t("tour.col_right"): "✓" if ok else "✗",
            }
        )
    right = sum(r[3] for r in rows)
    st.markdown(t("tour.score", right=right, n=len(rows)))
    st.dataframe(table, hide_index=True)
