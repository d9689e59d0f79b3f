"""Memory figure: server RSS growth per additional playground training session.

Starts a real `streamlit run` server, opens N browser sessions on the playground one after
another, trains each for a few seconds (all left open), and reads the server's RSS from /proc
after each. Growth per session = (RSS with N sessions − RSS with 1) / (N − 1).
Run: python -m bench.playground_memory [--sessions 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS, start_server, wait_idle


def rss_mb(pid: int) -> float:
    """Resident set size of process `pid` (and its children are not counted), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def open_and_train(browser, url: str, seconds: float):
    """A new browser session on the playground that trains for `seconds`, then pauses."""
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(90_000)
    page.goto(f"{url}/playground")
    page.wait_for_selector("[class*='boundary'] .js-plotly-plot")
    wait_idle(page, 60)
    page.get_by_role("button", name="Start").click()
    time.sleep(seconds)
    page.get_by_role("button", name="Pause").click()
    wait_idle(page, 60)
    return ctx


def main() -> None:
    """Print RSS after each session and the growth per additional session."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=4.0)
    args = ap.parse_args()
    proc, url = start_server()
    rss, contexts = [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for i in range(args.sessions):
                contexts.append(open_and_train(browser, url, args.seconds))
                time.sleep(1.0)
                rss.append(rss_mb(proc.pid))
                print(f"sessions open: {i + 1}, server RSS {rss[-1]:.1f} MB")
            for ctx in contexts:
                ctx.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    per = (rss[-1] - rss[0]) / (len(rss) - 1)
    print(f"playground rss_growth_per_session_mb={per:.1f}")


if __name__ == "__main__":
    main()
