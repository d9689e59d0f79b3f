"""Test the translations: identical keys in both languages, and no prose outside t() in pages."""

import ast
import re
import string

import pytest

from tests.conftest import ROOT
from vizlib.ui.i18n import load_catalogue

PROSE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_catalogues_have_identical_keys():
    """Test that every English key has a Chinese text and vice versa."""
    en, zh = load_catalogue("en"), load_catalogue("zh")
    assert sorted(en.keys() - zh.keys()) == [] and sorted(zh.keys() - en.keys()) == []


def test_placeholders_match_between_languages():
    """Test that a text's {placeholders} are the same in both languages."""
    en, zh = load_catalogue("en"), load_catalogue("zh")
    fields = lambda s: {f[1] for f in string.Formatter().parse(s) if f[1]}  # noqa: E731
    bad = [k for k in en if fields(en[k]) != fields(zh.get(k, ""))]
    assert not bad, bad


def test_no_text_is_left_empty():
    """Test that no catalogue entry is blank."""
    for code in ("en", "zh"):
        assert [k for k, v in load_catalogue(code).items() if not v.strip()] == []


def _literals(path):
    """String constants in a page, without docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.lineno, node.value


# Page code: the entry scripts, and the lessons' views and the landing page they call.
PAGE_CODE = sorted(
    [*(ROOT / "pages").glob("*.py"), *(ROOT / "vizlib/lessons").glob("*/view*.py")]
    + [ROOT / "vizlib/ui/home.py"]
)


@pytest.mark.parametrize("path", PAGE_CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_have_no_literal_prose(path):
    """Test that a page has no user-visible prose or Chinese outside t() (LaTeX is allowed)."""
    bad = [
        (line, s)
        for line, s in _literals(path)
        if "\\" not in s
        and not s.lstrip().startswith("<style>")  # CSS, not text a learner reads
        and (PROSE.search(s) or CJK.search(s))
    ]
    assert not bad, bad


def test_every_t_key_used_in_pages_exists():
    """Test that literal keys passed to t() in pages and ui exist in the catalogue."""
    en = load_catalogue("en")
    files = [*PAGE_CODE, *(ROOT / "vizlib/ui").glob("*.py"), ROOT / "app.py"]
    missing = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value not in en
            ):
                missing.append(f"{path.name}: {node.args[0].value}")
    assert not missing, missing
