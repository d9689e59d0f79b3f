"""Browser-suite fixtures: a real `streamlit run` server on 127.0.0.1 and the system Chromium.

Loaded as a pytest plugin by tests/conftest.py, so every tests/**/test_*_e2e.py can use them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Where a Chromium-family browser usually lives; CHROMIUM=/path/to/browser overrides the search.
BROWSER_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
BROWSER_PATHS = [
    "/usr/bin/chromium",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
]
INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk; "
    "macOS: install Google Chrome) or set CHROMIUM=/path/to/chromium"
)
CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM_DEFAULT = "/usr/bin/chromium"


def find_chromium() -> str | None:
    """The browser the suite drives: $CHROMIUM if set, else the first Chromium-family one found."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"] if Path(os.environ["CHROMIUM"]).is_file() else None
    found = [shutil.which(name) for name in BROWSER_NAMES] + BROWSER_PATHS
    return next((p for p in found if p and Path(p).is_file()), None)


def missing_browser() -> str | None:
    """Why the browser suite cannot run here (no Playwright, no browser), or None if it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    if find_chromium() is None:
        where = os.environ.get("CHROMIUM") or "PATH and the usual places"
        return f"no Chromium found ({where}): {INSTALL_HINT}"
    return None


SKIP_PREFIX = "browser tests skipped: "


def pytest_collection_modifyitems(config, items) -> None:
    """Outside CI, skip the browser tests when no browser can run (under CI=true they fail)."""
    reason = missing_browser()
    if reason is None or CI:
        return
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.skip(reason=SKIP_PREFIX + reason))


def pytest_terminal_summary(terminalreporter) -> None:
    """One clear line at the end when the browser tests were skipped (also under xdist)."""
    reasons = [
        r.longrepr[2]
        for r in terminalreporter.stats.get("skipped", [])
        if isinstance(r.longrepr, tuple) and SKIP_PREFIX in r.longrepr[2]
    ]
    if reasons:
        line = f"{len(reasons)} {reasons[0].split('Skipped: ')[-1]}"
        terminalreporter.write_line(line, yellow=True, bold=True)


# The browser the benches and the suite launch (the default path if none is found).
CHROMIUM = find_chromium() or CHROMIUM_DEFAULT
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


# The servers this process started, by URL: each pytest-xdist worker has its own (see app_url).
SERVERS: dict[str, subprocess.Popen] = {}


def start_server(
    port: int | None = None, script: str = "app.py", cwd: Path = ROOT
) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run <script>` on loopback and wait until it answers its health check.

    With no port given, a free one is picked, and another one tried if the server dies at start
    (another process took the port in between)."""
    for _attempt in range(3):
        proc, url = _launch(port or _free_port(), script, cwd)
        if _wait_healthy(proc, url):
            SERVERS[url] = proc
            return proc, url
        proc.kill()
        if port:
            break
    raise RuntimeError("streamlit server did not start within 60 s")


def _launch(port: int, script: str, cwd: Path) -> tuple[subprocess.Popen, str]:
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    cmd += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    # The shared config hides error details from learners; a failing browser test needs them,
    # so its page shows the exception's type, message and traceback instead of a redacted note.
    cmd += ["--client.showErrorDetails", "full"]
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc, f"http://127.0.0.1:{port}"


def _wait_healthy(proc: subprocess.Popen, url: str, timeout_s: float = 60) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def stop_server(proc: subprocess.Popen) -> None:
    """Terminate a server from start_server (kill it if it does not stop within 10 s)."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The base URL of a real streamlit server running this app.

    Session-scoped, so each pytest-xdist worker (a separate pytest session) starts its own server
    on its own free port, and its tests never share a server or a browser with another worker."""
    proc, url = start_server()
    yield url
    stop_server(proc)
    SERVERS.pop(url, None)


@pytest.fixture(scope="session")
def browser():
    """The system Chromium, driven by Playwright (never a downloaded browser); one per worker."""
    reason = missing_browser()
    if reason:  # only under CI=true: elsewhere these tests were skipped at collection
        pytest.fail(f"CI=true and the browser suite cannot run: {reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
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
    errors = page.locator("[data-testid='stException']")
    if errors.count():  # the exception itself first (the test servers show its details)
        raise AssertionError(
            f"{errors.first.inner_text()[:3000]}\n---\n{page.inner_text('body')[:1500]}"
        )


def pause_if_running(pause, tries: int = 10) -> bool:
    """Click Pause (a locator) until training is off; True when it is.

    Training may stop by itself (its step bound, early stopping) between the check and the
    click, and a click may land mid-redraw under load and be lost: neither is a failure, so
    the click waits only briefly and the check is repeated."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(tries):
        if not pause.is_enabled():
            return True
        try:
            pause.click(timeout=5_000)
        except PlaywrightTimeout:  # disabled in between: training stopped by itself
            pass
        time.sleep(1)
    return not pause.is_enabled()
