"""Test that the tree passes ruff's lint and format checks (line length 100, see pyproject)."""

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _ruff(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("ruff") or str(ROOT / ".venv/bin/ruff")
    cmd = [exe, *args] if shutil.which(exe) else [sys.executable, "-m", "ruff", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [("check", "."), ("format", "--check", ".")])
def test_ruff_is_clean(args):
    """Test that `ruff check .` and `ruff format --check .` report nothing."""
    result = _ruff(*args)
    assert result.returncode == 0, result.stdout + result.stderr
