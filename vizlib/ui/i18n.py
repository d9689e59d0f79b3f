"""Translations: `t(key)` looks a dotted key up in the English or Simplified Chinese catalogue.

The language comes from the language switch (session state), else `?lang=`, else the browser
locale, else English.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

LANGS = ("en", "zh")
LANG_KEY = "lang"
I18N_DIR = Path(__file__).resolve().parents[2] / "assets" / "i18n"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in table.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = str(v)
    return out


def load_catalogue(code: str, root: Path = I18N_DIR) -> dict[str, str]:
    """Read `<code>.toml` into a flat {dotted key: text} dict."""
    return _flatten(tomllib.loads((root / f"{code}.toml").read_text(encoding="utf-8")))


@st.cache_resource(show_spinner=False)
def _catalogue(code: str) -> dict[str, str]:
    # read-only and shared by every session: one parse per process
    return load_catalogue(code)


def _from_locale(locale: str | None) -> str:
    return "zh" if (locale or "").lower().startswith("zh") else "en"


def default_lang() -> str:
    """The language before the user picks one: ?lang=, else the browser locale, else English."""
    raw = st.query_params.get(LANG_KEY)
    if raw in LANGS:
        return raw
    try:
        return _from_locale(st.context.locale)
    except Exception:  # no browser context (bare mode)
        return "en"


def lang() -> str:
    """The current language code, "en" or "zh"."""
    chosen = st.session_state.get(LANG_KEY)
    return chosen if chosen in LANGS else default_lang()


def t(key: str, **fmt: Any) -> str:
    """The text for `key` in the current language, formatted with `fmt`."""
    text = _catalogue(lang()).get(key) or _catalogue("en").get(key)
    if text is None:
        return key  # a missing key is visible, and tests/test_i18n.py catches it
    return text.format(**fmt) if fmt else text


def scoped_t(ns: str) -> Callable[..., str]:
    """A t() for one lesson's own keys: `scoped_t("rnn")("title")` reads `rnn.title`."""

    def lesson_t(key: str, **fmt: Any) -> str:
        return t(f"{ns}.{key}", **fmt)

    return lesson_t
