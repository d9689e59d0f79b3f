"""Browser-suite fixtures: a real `streamlit run` server on 127.0.0.1 and the system Chromium.

Loaded as a pytest plugin by tests/conftest.py, so every tests/**/test_*_e2e.py can use them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--disable-component-update",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    port: int | None = None, script: str = "app.py", cwd: Path = ROOT
) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run <script>` on loopback and wait until it answers its health check."""
    port = port or _free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit server did not start within 60 s")


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The base URL of a real streamlit server running this app."""
    proc, url = start_server()
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    """The system Chromium, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def browser_page(browser):
    """A fresh browser context and page (a new Streamlit session) for each test."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    yield page
    ctx.close()


def open_lesson(page, app_url: str, slug: str, query: str = "") -> None:
    """Open a lesson (slug "" for the landing page) and wait until Streamlit finished running."""
    q = f"?{query}" if query else ""
    page.goto(f"{app_url}/{slug}{q}")
    page.wait_for_selector("[data-testid='stApp']")
    wait_idle(page)


def wait_idle(page, timeout_s: float = 30) -> None:
    """Wait until the app is no longer running its script (status widget gone)."""
    page.wait_for_selector("[data-testid='stMainBlockContainer']", timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    time.sleep(0.5)
    while time.monotonic() < deadline:
        if page.locator("[data-testid='stStatusWidget']").count() == 0:
            return
        time.sleep(0.2)


def assert_no_exception(page) -> None:
    """No exception element on the page."""
    assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]
