"""Calibration of bench.classroom's lightweight student against real Chromium pages.

On one server, N Chromium pages train (Start) the given lessons and count, in the page, how often
the live panel's status line shows a new step (sampled every 10 ms); then N lightweight clients do
the same ("apart": the browsers' own CPU use slows the server too), then N pages and N clients
train in one class ("together": same server load for both). Prints rates per student and ratios.
Run: python -m bench.classroom_browser [--students 1,2,4] [--seconds 10] [--lessons playground]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from playwright.sync_api import sync_playwright

from bench.classroom import LESSONS, Lesson, join, student_figures
from bench.proc_stats import load_average, stop_server
from bench.st_client import status_pattern
from tests.browser import CHROMIUM, CHROMIUM_ARGS, start_server, wait_idle

# Count the status line's step changes over `ms` milliseconds (sampled every 10 ms); the count
# is left in window.__vizCount, so that every page counts over the same window.
COUNT_JS = """([ms, rx]) => { window.__vizCount = new Promise(resolve => {
  const re = new RegExp(rx);
  let el = null;  // the status line's element, found again only when it was replaced
  const find = () => {
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.nodeValue.includes("Status:")) return n.parentElement;
    }
    return null;
  };
  const step = () => {
    if (!el || !el.isConnected) el = find();
    const m = el ? el.textContent.match(re) : null;
    return m ? m.groups.step : null;
  };
  let last = step(), changes = 0;
  const id = setInterval(() => {
    const s = step();
    if (s !== null && s !== last) { changes++; last = s; }
  }, 10);
  setTimeout(() => { clearInterval(id); resolve(changes); }, ms);
}); }"""


def browser_rates(
    url: str, lessons: list[Lesson], seconds: float
) -> tuple[list[float], float, float]:
    """Updates per second seen by one Chromium page per lesson in `lessons`, all at once, and
    the (monotonic) window they were counted in."""
    rx = status_pattern().pattern.replace("(?P<step>", "(?<step>").replace("\\ ", " ")  # JS syntax
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        pages = []
        for lesson in lessons:
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
            page = ctx.new_page()
            page.set_default_timeout(90_000)
            page.goto(f"{url}/{lesson.slug}")
            page.get_by_role("button", name="Start").wait_for()
            wait_idle(page)
            pages.append(page)
        for page in pages:
            page.get_by_role("button", name="Start").click()
        time.sleep(2.0)
        t0 = time.monotonic()
        for page in pages:
            page.evaluate(COUNT_JS, [int(seconds * 1000), rx])
        time.sleep(seconds)
        counts = [page.evaluate("() => window.__vizCount") for page in pages]
        t1 = time.monotonic()
        browser.close()
    return [c / seconds for c in counts], t0, t1


async def client_rates(url: str, lessons: list[Lesson], seconds: float) -> list[float]:
    """Updates per second seen by one lightweight client per lesson, all at once."""
    rx = status_pattern()
    students = await asyncio.gather(*(join(url, lesson, rx, 0.0) for lesson in lessons))
    await asyncio.sleep(2.0)
    t0 = time.monotonic()
    await asyncio.sleep(seconds)
    rates = [student_figures(s, t0, t0 + seconds)[0] for s in students]
    await asyncio.gather(*(s.client.close() for s in students))
    return rates


async def together(url: str, lessons: list[Lesson], seconds: float):
    """Chromium pages and as many lightweight clients in one class, counted over one window."""
    rx = status_pattern()
    students = await asyncio.gather(*(join(url, lesson, rx, 0.0) for lesson in lessons))
    chrome, t0, t1 = await asyncio.to_thread(browser_rates, url, lessons, seconds)
    light = [student_figures(s, t0, t1)[0] for s in students]
    await asyncio.gather(*(s.client.close() for s in students))
    return chrome, light


def _row(mode: str, n: int, chrome: list[float], light: list[float]) -> None:
    c, li = statistics.median(chrome), statistics.median(light)
    ratio = li / c if c else float("nan")
    print(f"{mode:<9}{n:>3} {c:>15.2f} {li:>13.2f} {ratio:>6.2f}  {load_average()}", flush=True)
    print(f"    per page chromium {[round(x, 2) for x in chrome]}")
    print(f"    per client        {[round(x, 2) for x in light]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--students", default="1,2,4", help="class sizes to compare")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--lessons", default="playground", help="comma-separated, spread over pages")
    args = ap.parse_args()
    mix = [LESSONS[s] for s in args.lessons.split(",")]
    proc, url = start_server()
    try:
        print(f"{'mode':<9}{'N':>3} {'chromium upd/s':>15} {'client upd/s':>13} {'ratio':>6}  load")
        for n in (int(x) for x in args.students.split(",")):
            lessons = [mix[i % len(mix)] for i in range(n)]
            chrome, _, _ = browser_rates(url, lessons, args.seconds)
            time.sleep(2.0)
            light = asyncio.run(client_rates(url, lessons, args.seconds))
            _row("apart", n, chrome, light)  # N pages, then N clients
            time.sleep(2.0)
            _row("together", n, *asyncio.run(together(url, lessons, args.seconds)))
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main()
