"""Test every lesson page in AppTest: it renders, bad URLs get a notice, the language switches."""

import dataclasses
import importlib
import pkgutil

import pytest

import vizlib.core
import vizlib.lessons
from tests.apptest import app_test, page_test
from vizlib.core.config import QueryConfig
from vizlib.ui.i18n import load_catalogue
from vizlib.ui.lessons import available_lessons

SLUGS = [lesson.slug for lesson in available_lessons()]


def _configs() -> dict[str, type[QueryConfig]]:
    """Every page config in vizlib.core and vizlib.lessons, by namespace."""
    for pkg in (vizlib.core, vizlib.lessons):
        for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            importlib.import_module(mod.name)
    found, todo = {}, list(QueryConfig.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        found.setdefault(cls.NS, cls)
    return found


def _garbage_key(cls: type[QueryConfig]) -> str:
    """A field that can hold an invalid value: numeric or with choices."""
    for f in dataclasses.fields(cls):
        if f.metadata.get("choices") or f.metadata.get("lo") is not None:
            return cls.key(f.name)
    pytest.skip(f"{cls.__name__} has no field that can be invalid")


@pytest.mark.parametrize("slug", SLUGS)
def test_page_renders_without_exception(slug):
    """Test that the page runs to the end with no exception and no error message."""
    at = page_test(slug)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("slug", SLUGS)
def test_garbage_query_value_gives_a_notice(slug):
    """Test that an invalid URL value shows a warning naming its control by the on-screen label
    (not the internal URL key), and no exception."""
    cls = _configs().get(slug)
    if cls is None:
        pytest.skip(f"no config with NS={slug!r}")
    key = _garbage_key(cls)
    at = page_test(slug, {key: "%%garbage%%"})
    assert not at.exception
    notice = load_catalogue("en")["common.url_invalid"].split("{keys}")[0]
    shown = [w.value for w in at.warning]
    assert any(w.startswith(notice) and "“" in w and key not in w for w in shown), shown


@pytest.mark.parametrize("slug", SLUGS)
def test_language_switch_changes_the_title(slug):
    """Test that ?lang=zh shows the Chinese title and ?lang=en the English one."""
    en, zh = load_catalogue("en"), load_catalogue("zh")
    key = f"lessons.{slug}.title"
    assert page_test(slug, {"lang": "en"}).title[0].value == en[key]
    assert page_test(slug, {"lang": "zh"}).title[0].value == zh[key]
    assert en[key] != zh[key]


def test_app_landing_page_lists_every_available_lesson():
    """Test that the landing page has a card per lesson and no exception, in both languages."""
    for lang in ("en", "zh"):
        at = app_test({"lang": lang})
        assert not at.exception
        shown = "\n".join(m.value for m in at.markdown)
        cat = load_catalogue(lang)
        for slug in SLUGS:
            assert cat[f"lessons.{slug}.title"] in shown


def test_garbage_language_falls_back_with_a_notice():
    """Test that ?lang=xx shows a notice and the English landing page."""
    at = app_test({"lang": "xx"})
    assert not at.exception
    assert at.sidebar.warning and "xx" in at.sidebar.warning[0].value
    assert at.title[0].value == load_catalogue("en")["home.title"]
