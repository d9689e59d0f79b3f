"""Test that nothing mutable is shared between users: no module-level state, separate sessions."""

import ast

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.ui.test_live import live_app

MUTABLE_CALLS = {"list", "dict", "set", "defaultdict", "deque", "OrderedDict", "Counter"}


def _module_level_mutables(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        value = node.value
        mutable = isinstance(
            value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
        )
        if isinstance(value, ast.Call):
            mutable = getattr(value.func, "id", getattr(value.func, "attr", "")) in MUTABLE_CALLS
        for name in names:
            # ALL_CAPS names are read-only tables by convention (never mutated)
            if mutable and not name.isupper() and not name.startswith("__"):
                yield f"{path.relative_to(ROOT)}:{node.lineno} {name}"


def test_no_module_level_mutable_state():
    """Test that vizlib and pages define no lower-case module-level lists, dicts or sets."""
    files = [
        *ROOT.joinpath("vizlib").rglob("*.py"),
        *ROOT.joinpath("pages").glob("*.py"),
        ROOT / "app.py",
    ]
    bad = [hit for path in files for hit in _module_level_mutables(path)]
    assert not bad, bad


def test_two_sessions_train_separate_models():
    """Test that training in one session leaves another session's model untouched."""
    a = AppTest.from_function(live_app, default_timeout=30).run()
    b = AppTest.from_function(live_app, default_timeout=30).run()
    a.button(key="toy.live.btn_step").click().run()
    a.button(key="toy.live.btn_step").click().run()
    b.run()
    assert a.session_state["toy.live.run"].steps == 2
    assert b.session_state["toy.live.run"].steps == 0
    assert a.session_state["toy.live.run"].trainer is not b.session_state["toy.live.run"].trainer
