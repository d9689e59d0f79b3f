"""Print each page's rerun time through app.py (warm, and after a control moves) and the landing
page's first render in Chromium.

Run from the repository root: `python -m bench.pages [--runs N] [--only slug,...] [--no-browser]`.
Ends with `pages worst_warm_ms=<n> worst_after_change_ms=<n> landing_first_render_s=<n>`.
Wall times on a shared machine: compare them with the load average printed first.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from vizlib.ui.lessons import available_lessons

ROOT = Path(__file__).resolve().parents[1]
# Widget kinds tried, in order, for "a control moves": the first one on the page is moved.
MOVABLE = ("slider", "number_input", "selectbox", "text_input")


def _timed(at: AppTest) -> tuple[float, float]:
    """(wall ms, CPU ms of this process) of one rerun; CPU time suffers less from a busy machine."""
    start, cpu = time.perf_counter(), time.process_time()
    at.run()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def _medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def open_page(slug: str | None) -> AppTest:
    """An AppTest of app.py, navigated to the lesson `slug` (None: the landing page), run once."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    if slug is not None:
        at.switch_page(f"pages/{slug}.py").run()
    return at


def _other_value(w):
    """A valid value different from the widget's current one (None when there is none)."""
    kind = type(w).__name__
    if kind in ("Slider", "NumberInput"):
        v, hi = w.value, w.max
        if isinstance(v, (tuple, list)) or v is None:
            return None
        step = w.step or 1
        return v + step if hi is None or v + step <= hi else v - step
    if kind == "TextInput":  # same numbers, one more or one less trailing space
        v = w.value or ""
        return v.rstrip() if v.endswith(" ") else v + " "
    n = len(getattr(w, "options", []) or [])
    return None if n < 2 or w.index is None else (w.index + 1) % n  # a selectbox: next option


def mover(at: AppTest):
    """(widget kind, key) of the first main-area control that can take another value."""
    for kind in MOVABLE:
        for w in getattr(at, kind):
            if w.key and _other_value(w) is not None:
                return kind, w.key
    return None


def rerun_ms(slug: str | None, runs: int) -> tuple[tuple, tuple, str]:
    """Median (wall, CPU) ms of a warm rerun, and of a rerun right after a control moves (and
    which control moved)."""
    at = open_page(slug)
    at.run()  # a first rerun warms caches
    warm = _medians([_timed(at) for _ in range(runs)])
    found = mover(at)
    if found is None:
        return warm, (math.nan, math.nan), "-"
    kind, key = found
    times = []
    for _ in range(runs):
        widget = getattr(at, kind)(key=key)
        if kind == "selectbox":
            widget.select_index(_other_value(widget))
        else:
            widget.set_value(_other_value(widget))
        times.append(_timed(at))
    return warm, _medians(times), key


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
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated slugs (default: all)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium landing run")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    slugs = [s for s in args.only.split(",") if s] or [None] + [
        lesson.slug for lesson in available_lessons()
    ]
    worst_warm = worst_change = 0.0
    print(f"{'page (via app.py, median of ' + str(args.runs) + ')':34s}  wall/CPU ms")
    for slug in slugs:
        warm, change, key = rerun_ms(slug, args.runs)
        worst_warm = max(worst_warm, warm[0])
        worst_change = max(worst_change, change[0]) if not math.isnan(change[0]) else worst_change
        name = f"app.py -> {slug or 'home'}"
        print(
            f"{name:34s} warm {warm[0]:6.1f} / {warm[1]:6.1f}   "
            f"after change {change[0]:6.1f} / {change[1]:6.1f}  ({key})"
        )
    first = math.nan if args.no_browser else landing_first_render_s(args.runs)
    print(f"landing page first render (warm server, median) {first:.2f} s")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"pages worst_warm_ms={worst_warm:.0f} worst_after_change_ms={worst_change:.0f} "
        f"landing_first_render_s={first:.2f}"
    )


if __name__ == "__main__":
    main()
