"""Test the layout's rules by reading the imports: one folder per lesson, shared layers underneath.

Inside `vizlib/lessons/<slug>/` a file's role comes from its name: `view*.py` is Streamlit code,
`charts*.py` builds figures, every other file is compute. The shared layers are `vizlib/core`
(compute), `vizlib/charts` (figures) and `vizlib/ui` (Streamlit helpers). Lessons are found on
disk, so a lesson folder merged later is checked the same way.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

LESSONS_DIR = ROOT / "vizlib" / "lessons"
UI = {"streamlit"}
PLOTTING = {"plotly", "altair"}
NETWORK = {"requests", "urllib.request", "socket", "http.client"}
FILE_IO_CALLS = {"read_text", "read_bytes", "write_text", "write_bytes"}

# What each role may not import (a name matches itself and everything below it).
COMPUTE_FORBIDDEN = UI | PLOTTING | NETWORK | {"vizlib.charts", "vizlib.ui"}
CHARTS_FORBIDDEN = UI | {"torch", "vizlib.ui"}
VIEW_FORBIDDEN: set[str] = set()

# Shared modules that one lesson imports today, kept shared on purpose: the lessons being written
# now (recurrent cells, char models, deep Q-learning, overfitting) are their second users.
SHARED_BY_DESIGN = {
    "vizlib.core.char_lm": "char_gpt; the char-model lesson reuses the vocabulary and sampling",
    "vizlib.core.cnn": "cnn_mnist; the overfitting lesson trains the same small CNN",
    "vizlib.core.mlp": "playground; the overfitting and deep Q lessons build MLPs with it",
    "vizlib.charts.live": "the live-training rewrite draws every live lesson's per-tick charts",
    "vizlib.core.tour": "every lesson's walkthrough (tour.py) is built on it (issue 16)",
    "vizlib.ui.present": "presenter mode and shortcuts for every lesson (issue 16)",
}


def lessons() -> list[str]:
    """Every lesson package on disk."""
    return sorted(p.name for p in LESSONS_DIR.iterdir() if (p / "__init__.py").exists())


def _files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@cache
def _imports(path: Path) -> frozenset[str]:
    """Dotted names imported: modules, and module.name for each `from module import name`."""
    names = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return frozenset(names)


def _hits(names: frozenset[str], forbidden: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden))


def role(path: Path) -> str:
    """`view`, `charts` or `compute`: by folder for the shared layers, by name inside a lesson."""
    rel = path.relative_to(ROOT / "vizlib").parts
    if rel[0] == "ui":
        return "view"
    if rel[0] == "charts":
        return "charts"
    if rel[0] == "core":
        return "compute"
    if path.stem.startswith("view"):
        return "view"
    return "charts" if path.stem.startswith("charts") else "compute"


FORBIDDEN = {"view": VIEW_FORBIDDEN, "charts": CHARTS_FORBIDDEN, "compute": COMPUTE_FORBIDDEN}
ALL_VIZLIB = _files(ROOT / "vizlib")


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_lessons_are_found():
    """Test that every page in the navigation registry has its lesson folder with a view."""
    from vizlib.ui.lessons import LESSONS

    found = set(lessons())
    for lesson in LESSONS:
        if (ROOT / "pages" / f"{lesson.slug}.py").exists():
            assert lesson.slug in found, lesson.slug
            assert (LESSONS_DIR / lesson.slug / "view.py").exists(), lesson.slug


@pytest.mark.parametrize("path", ALL_VIZLIB, ids=_rel)
def test_file_imports_only_what_its_role_allows(path):
    """Test that compute files import no UI or plotting, and chart files no streamlit or torch."""
    bad = _hits(_imports(path), FORBIDDEN[role(path)])
    assert not bad, f"{_rel(path)} ({role(path)}) imports {bad}"


def test_only_views_import_streamlit():
    """Test that streamlit is imported only by view*.py in a lesson and by vizlib/ui."""
    bad = [_rel(p) for p in ALL_VIZLIB if role(p) != "view" and _hits(_imports(p), UI)]
    assert not bad, bad


@pytest.mark.parametrize("slug", lessons())
def test_a_lesson_imports_no_other_lesson(slug):
    """Test that a lesson's files import only their own lesson, never another one."""
    own = f"vizlib.lessons.{slug}"
    bad = []
    for path in _files(LESSONS_DIR / slug):
        for name in _imports(path):
            if name.startswith("vizlib.lessons.") and not (
                name == own or name.startswith(own + ".")
            ):
                bad.append(f"{_rel(path)} imports {name}")
    assert not bad, bad


def test_shared_layers_import_no_lesson():
    """Test that vizlib/core, charts and ui never import a lesson (they sit underneath)."""
    bad = []
    for layer in ("core", "charts", "ui"):
        for path in _files(ROOT / "vizlib" / layer):
            bad += [f"{_rel(path)} imports {n}" for n in _hits(_imports(path), {"vizlib.lessons"})]
    assert not bad, bad


def test_compute_does_no_file_io():
    """Test that compute files never open or read files: data is passed in (ui/assets reads it)."""
    bad = []
    for path in ALL_VIZLIB:
        if role(path) != "compute":
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                bad.append(f"{_rel(path)}:{node.lineno} open()")
            if isinstance(node, ast.Attribute) and node.attr in FILE_IO_CALLS:
                bad.append(f"{_rel(path)}:{node.lineno} .{node.attr}")
    assert not bad, bad


def test_no_global_torch_seeding():
    """Test that no code seeds torch or numpy globally (generators are passed explicitly)."""
    bad = []
    seeding = ("torch.manual_seed", "np.random.seed", "numpy.random.seed", "random.seed")
    for path in [*ALL_VIZLIB, *_files(ROOT / "pages")]:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                dotted = ast.unparse(node.func)
                if dotted in seeding:
                    bad.append(f"{_rel(path)}:{node.lineno} {dotted}")
    assert not bad, bad


def test_landing_page_does_not_import_torch():
    """Test that app.py, the landing page and the ui layer it uses never import torch."""
    chain = [ROOT / "app.py", ROOT / "pages/home.py", *_files(ROOT / "vizlib/ui")]
    bad = [_rel(p) for p in chain if _hits(_imports(p), {"torch"})]
    assert not bad, bad


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _shared_modules() -> list[str]:
    return [
        _module(p)
        for layer in ("core", "charts", "ui")
        for p in _files(ROOT / "vizlib" / layer)
        if p.stem != "__init__"
    ]


def _users() -> dict[str, set[str]]:
    """For each shared module, the lessons (and `app shell`) that use it, directly or through
    other shared modules."""
    shared = set(_shared_modules())
    paths = {m: ROOT / (m.replace(".", "/") + ".py") for m in shared}
    uses = {m: {n for n in _imports(paths[m]) if n in shared} for m in shared}
    users: dict[str, set[str]] = {m: set() for m in shared}
    entry = {slug: _files(LESSONS_DIR / slug) for slug in lessons()}
    entry["app shell"] = [ROOT / "app.py", ROOT / "pages/home.py", ROOT / "pages/teach.py"]
    for who, files in entry.items():
        todo = [n for p in files for n in _imports(p) if n in shared]
        seen: set[str] = set()
        while todo:
            m = todo.pop()
            if m not in seen:
                seen.add(m)
                todo += uses[m]
        for m in seen:
            users[m].add(who)
    return users


def test_shared_modules_are_shared():
    """Test that every module in vizlib/core, charts and ui serves two lessons or the app shell.

    A module only one lesson uses belongs in that lesson's folder, unless SHARED_BY_DESIGN says
    which lesson being written will be its second user.
    """
    users = _users()
    lonely = {
        m: sorted(who)
        for m, who in users.items()
        if len(who) < 2 and "app shell" not in who and m not in SHARED_BY_DESIGN
    }
    assert not lonely, lonely


def test_allow_listed_modules_exist():
    """Test that SHARED_BY_DESIGN names only shared modules that exist (no stale entries)."""
    assert set(SHARED_BY_DESIGN) <= set(_shared_modules())


def test_page_scripts_are_short_and_files_small():
    """Test that each page script is at most 15 lines and no vizlib file exceeds 300 lines."""
    pages = [p for p in _files(ROOT / "pages") if len(p.read_text().splitlines()) > 15]
    big = [p for p in ALL_VIZLIB if len(p.read_text().splitlines()) > 300]
    assert not pages and not big, [_rel(p) for p in pages + big]
