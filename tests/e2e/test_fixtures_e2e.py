"""Test the browser suite's own machinery: per-worker servers and browsers under pytest-xdist,
and that the Chinese-glyph check really tells a glyph from a missing-glyph box."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import CHROMIUM_ARGS, SERVERS, find_chromium
from tests.conftest import ROOT
from tests.e2e.glyphs import cjk_chars, missing_glyphs, render_cells

pytestmark = pytest.mark.e2e

PROBE_TESTS = """
import os

import pytest


@pytest.mark.parametrize("i", range(6))
def test_probe(i, app_url, browser_page):
    browser_page.goto(app_url + "/_stcore/health")
    assert browser_page.inner_text("body") == "ok"
    line = f"{os.environ.get('PYTEST_XDIST_WORKER')} {os.getpid()} {app_url}\\n"
    with open(os.environ["PROBE_OUT"], "a") as f:
        f.write(line)
"""


def test_app_url_is_a_server_this_worker_started(app_url):
    """Test that the session's server was started by this very pytest process (so each xdist
    worker has its own) and is still running."""
    assert app_url in SERVERS
    assert SERVERS[app_url].poll() is None


def test_two_workers_use_two_servers_and_two_browsers(tmp_path: Path):
    """Test that `pytest -n 2` gives each worker its own server port and its own browser: probe
    tests on both workers reach their worker's server through their worker's browser."""
    (tmp_path / "test_probe_e2e.py").write_text(PROBE_TESTS)
    out = tmp_path / "probe.txt"
    cmd = [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "tests.browser"]
    cmd += ["-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT), str(tmp_path)]
    env = {**os.environ, "PROBE_OUT": str(out)}
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    rows = [line.split() for line in out.read_text().splitlines()]
    assert len(rows) == 6
    by_worker: dict[str, set] = {}
    for worker, pid, url in rows:
        by_worker.setdefault(worker, set()).add((pid, url))
    assert sorted(by_worker) == ["gw0", "gw1"]
    assert all(len(v) == 1 for v in by_worker.values())  # one process, one server per worker
    urls = {url for v in by_worker.values() for _, url in v}
    assert len(urls) == 2  # two servers on two ports


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs fontconfig (Linux)")
def test_glyph_check_flags_boxes_when_no_cjk_font_is_available(browser, tmp_path: Path):
    """Test that with fontconfig limited to fonts without Chinese, the glyph check reports every
    character as a missing-glyph box; with the system's fonts, none (a CJK font is installed)."""
    fonts = [d for d in ("/usr/share/fonts/truetype/dejavu",) if Path(d).is_dir()]
    if not fonts:
        pytest.skip("DejaVu fonts not installed: no CJK-free font set to compare with")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><fontconfig>'
        + "".join(f"<dir>{d}</dir>" for d in fonts)
        + f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    title = "神经元与激活函数"
    chars = cjk_chars(title)
    found = {}
    no_cjk = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    chromium = browser.browser_type  # this worker's Playwright (a second one cannot start here)
    for name, env in (("system", None), ("no_cjk", no_cjk)):
        b = chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, env=env)
        page = b.new_page()
        page.set_content(f"<h1 style='font-family: sans-serif'>{title}</h1>")
        found[name] = missing_glyphs(chars, render_cells(page, chars, "h1"))
        b.close()
    assert found["no_cjk"] == chars
    assert found["system"] == []
