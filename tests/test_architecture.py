"""Test that imports point only downwards: core -> charts -> ui -> pages (and app.py)."""

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORBIDDEN = {
    "vizlib/core": {
        "streamlit",
        "plotly",
        "altair",
        "vizlib.charts",
        "vizlib.ui",
        "requests",
        "urllib.request",
        "socket",
    },
    "vizlib/charts": {"streamlit", "torch", "vizlib.ui"},
    "vizlib/ui": set(),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _files(layer: str) -> list[Path]:
    return sorted((ROOT / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", FORBIDDEN)
def test_layer_imports_nothing_above_it(layer):
    """Test that no module in the layer imports a forbidden (higher or UI) package."""
    bad = []
    for path in _files(layer):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def test_core_does_no_file_io():
    """Test that vizlib/core never opens files: callers pass data in."""
    bad = []
    for path in _files("vizlib/core"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                bad.append(str(path.relative_to(ROOT)))
            if isinstance(node, ast.Attribute) and node.attr in (
                "read_text",
                "read_bytes",
                "write_text",
                "write_bytes",
            ):
                bad.append(str(path.relative_to(ROOT)))
    assert not bad, bad


def test_no_global_torch_seeding():
    """Test that no code seeds torch or numpy globally (generators are passed explicitly)."""
    bad = []
    for layer in ("vizlib", "pages"):
        for path in _files(layer):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    dotted = ast.unparse(node.func)
                    if dotted in (
                        "torch.manual_seed",
                        "np.random.seed",
                        "numpy.random.seed",
                        "random.seed",
                    ):
                        bad.append(f"{path.relative_to(ROOT)}:{node.lineno} {dotted}")
    assert not bad, bad


def test_landing_page_does_not_import_torch():
    """Test that app.py, the landing page and the ui layer it uses never import torch."""
    chain = [ROOT / "app.py", ROOT / "pages/home.py", *_files("vizlib/ui")]
    chain = [p for p in chain if not p.name.startswith("pg_")]  # page-specific helpers may
    for path in chain:
        assert not any(n == "torch" or n.startswith("torch.") for n in _imports(path)), path
