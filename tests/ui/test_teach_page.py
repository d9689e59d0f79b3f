"""Tests of the "Teach with this" page and the link builder through app.py (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from vizlib.lessons.tours import all_tours
from vizlib.ui.lessons import available_lessons

ROOT = Path(__file__).resolve().parents[2]


def _app(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_teach_page_lists_every_walkthrough_with_plans_and_capacity(lang):
    """Test that the page runs in both languages with one card per walkthrough, two class plans
    and the capacity table."""
    at = _app("pages/teach.py", {"lang": lang})
    assert not at.exception
    tours = all_tours([lesson.slug for lesson in available_lessons()])
    assert len(at.expander) == len(tours)
    assert len(at.subheader) == 4
    assert any("|" in m.value for m in at.markdown), "the capacity table"


def test_the_link_builder_writes_hide_lock_present_and_the_walkthrough():
    """Test that choosing controls to hide and lock, and presenter mode, puts them in the link."""
    at = _app("pages/playground.py")
    assert not at.exception
    at.toggle(key="_teach.playground.on").set_value(True).run()
    at.multiselect(key="_teach.playground.hide").set_value(["playground.lr"]).run()
    at.multiselect(key="_teach.playground.lock").set_value(["playground.seed"]).run()
    at.toggle(key="_teach.playground.present").set_value(True).run()
    url = at.sidebar.code[-1].value
    assert "/playground?" in url
    assert "hide=playground.lr" in url and "lock=playground.seed" in url and "present=1" in url


def test_a_garbage_hide_gets_a_notice_and_the_page_still_runs():
    """Test that `hide=` naming no control of the page gets a notice, not an exception."""
    at = _app("pages/playground.py", {"hide": "<b>nonsense</b>,playground.lr"})
    assert not at.exception
    notes = [w.value for w in at.warning]
    assert any("nonsense" in n for n in notes), notes
    assert not any("playground.lr" in n for n in notes), "a real control is not reported"


def test_every_lesson_has_a_walkthrough():
    """Test that each lesson in the navigation has a walkthrough on the Teach page (what every
    walkthrough must be is checked in tests/test_tours.py)."""
    from vizlib.lessons.tours import TOURS

    assert set(TOURS) == {lesson.slug for lesson in available_lessons()}
