"""Test that every image has a text alternative, translated (issue 16: accessibility).

Streamlit never turns an st.image caption into the <img>'s alt, so every st.image passes `alt=`
too; inline <img> pictures (PNG/SVG data URIs in st.html) carry an alt attribute.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.apptest import app_test, page_test
from tests.conftest import ROOT
from vizlib.ui.i18n import load_catalogue
from vizlib.ui.lessons import available_lessons

SLUGS = [lesson.slug for lesson in available_lessons()]
SOURCES = sorted(
    [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "vizlib").rglob("*.py")]
)


def _images(slug: str, lang: str) -> list:
    """The st.image pictures (url, caption, alt) on a page opened through app.py."""
    at = app_test({"lang": lang})
    if slug:
        at.switch_page(f"pages/{slug}.py").run()
    assert not at.exception, at.exception
    return [img for el in at.get("image") for img in el.proto.imgs]


@pytest.mark.parametrize("slug", ["", *SLUGS], ids=["home", *SLUGS])
def test_every_image_on_the_page_has_a_translated_alt(slug):
    """Test that each st.image on the page (the teacher's QR code on every lesson) has an alt
    text, and that the Chinese page's alt texts are Chinese ones (not the English)."""
    en, zh = _images(slug, "en"), _images(slug, "zh")
    assert len(en) == len(zh)
    for a, b in zip(en, zh, strict=True):
        assert a.alt.strip() and b.alt.strip(), (slug, a.caption, a.alt)
        assert a.alt != b.alt, f"{slug}: alt {a.alt!r} is not translated"
    if slug:
        assert en, f"{slug}: expected at least the teacher's QR code"


def test_the_overfitting_strip_after_training_has_its_alt():
    """Test that the augmented-digit strip, drawn only once training ran, has the catalogue's alt
    text (its translation is covered by the source check below and the catalogue tests)."""
    lang = "en"
    at = page_test("overfitting", {"overfitting.width": "32"})
    at.button(key="overfitting.live.btn_start").click().run()
    at.run()
    alts = [img.alt for el in at.get("image") for img in el.proto.imgs]
    assert load_catalogue(lang)["a11y.overfitting_strip_alt"] in alts, alts


def _call_name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else ""


def _literal(node: ast.expr | None) -> bool:
    """A plain string typed in the code (an untranslated text); "" (decorative) is allowed."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != ""


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_st_image_call_passes_a_translated_alt(path: Path):
    """Test, from the source, that every `.image(...)` call passes `alt=` (and any caption) as
    something other than a typed-in string, i.e. through t(): this covers images that appear
    only after training (the overfitting lesson's augmented digits)."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) == "image":
            kw = {k.arg: k.value for k in node.keywords}
            where = f"{path.name}:{node.lineno}"
            assert "alt" in kw, f"{where}: st.image without alt="
            assert not _literal(kw["alt"]) and not _literal(kw.get("caption")), where


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_inline_img_tag_has_an_alt_attribute(path: Path):
    """Test that each <img> written in the code (inline PNG/SVG pictures) has an alt="..."."""
    tree = ast.parse(path.read_text())
    parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts
        ):
            text = node.value
        else:
            continue
        if "<img " in text:
            assert "alt=" in text, f"{path.name}:{node.lineno}: <img> without alt"
