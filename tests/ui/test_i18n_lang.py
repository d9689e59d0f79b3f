"""Test how the language is chosen: ?lang=, else the browser locale, else English."""

from streamlit.testing.v1 import AppTest

from vizlib.ui.i18n import _from_locale


def test_locale_maps_to_a_catalogue():
    """Test that zh-* locales pick Chinese and everything else English."""
    assert _from_locale("zh-CN") == "zh" and _from_locale("zh-TW") == "zh"
    assert _from_locale("en-GB") == "en" and _from_locale("fr-FR") == "en"
    assert _from_locale(None) == "en"


def lang_app():
    import streamlit as st

    from vizlib.ui.i18n import lang, t

    st.markdown(f"{lang()}|{t('nav.home')}|{t('input.too_few', n=3)}|{t('no.such.key')}")


def test_query_param_sets_the_language_and_formats():
    """Test that ?lang=zh gives Chinese with placeholders filled; a missing key shows as itself."""
    at = AppTest.from_function(lang_app)
    at.query_params["lang"] = "zh"
    at.run()
    code, home, msg, missing = at.markdown[0].value.split("|")
    assert (code, home, missing) == ("zh", "首页", "no.such.key")
    assert "3" in msg


def test_english_is_the_fallback():
    """Test that with no ?lang and no browser locale the app speaks English."""
    at = AppTest.from_function(lang_app).run()
    assert at.markdown[0].value.split("|")[:2] == ["en", "Home"]
