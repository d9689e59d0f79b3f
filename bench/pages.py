"""Print each page's warm rerun time (AppTest) and the landing page's first render in Chromium.

Run from the repository root: `python -m bench.pages [--runs N]`. Ends with
`pages worst_warm_ms=<n> landing_first_render_s=<n>`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from vizlib.ui.lessons import available_lessons

ROOT = Path(__file__).resolve().parents[1]


def warm_rerun_ms(script: str, runs: int) -> float:
    """Median wall time of a rerun after the first (cold) run, in ms."""
    at = AppTest.from_file(str(ROOT / script), default_timeout=120).run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def landing_first_render_s(runs: int) -> float:
    """Median seconds from navigation to the landing page's cards being visible, warm server."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, start_server

    proc, url = start_server()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            times = []
            for i in range(runs + 1):  # the first visit warms the server
                ctx = browser.new_context()
                page = ctx.new_page()
                start = time.perf_counter()
                page.goto(url)
                page.locator("[data-testid='stPageLink']").first.wait_for(timeout=60_000)
                if i:
                    times.append(time.perf_counter() - start)
                ctx.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    worst = 0.0
    for script in ["app.py"] + [f"pages/{lesson.slug}.py" for lesson in available_lessons()]:
        ms = warm_rerun_ms(script, args.runs)
        worst = max(worst, ms)
        print(f"{script:32s} warm rerun median {ms:8.1f} ms")
    first = landing_first_render_s(args.runs)
    print(f"landing page first render (warm server, median) {first:.2f} s")
    print(f"pages worst_warm_ms={worst:.0f} landing_first_render_s={first:.2f}")


if __name__ == "__main__":
    main()
