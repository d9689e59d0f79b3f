"""Browser figure: how many times per second the playground's output heatmap changes while training.

Starts a real `streamlit run` server, opens the playground in the system Chromium, warms it up,
presses Start and samples the heatmap's data every 10 ms in the page for several seconds.
Run: python -m bench.playground_browser [--screenshot PATH]
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, wait_idle

BOUNDARY = "[class*='boundary'] .js-plotly-plot"
# Count changes of the heatmap's values (sampled every 10 ms) over `ms` milliseconds.
COUNT_JS = """(ms) => new Promise(resolve => {
  const sig = () => {
    const el = document.querySelector(SELECTOR);
    if (!el || !el.data || !el.data[0] || !el.data[0].z) return null;
    const z = el.data[0].z;  // plotly >= 6 sends numpy arrays base64-encoded
    return typeof z.bdata === "string" ? z.bdata : JSON.stringify(z);
  };
  let last = sig(), changes = 0;
  const id = setInterval(() => {
    const s = sig();
    if (s !== null && s !== last) { changes++; last = s; }
  }, 10);
  setTimeout(() => { clearInterval(id); resolve(changes); }, ms);
})""".replace("SELECTOR", repr(BOUNDARY))


def measure(url: str, seconds: float, runs: int, screenshot: str | None) -> list[float]:
    """Updates per second of the heatmap in `runs` separate training runs."""
    rates = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        page.goto(f"{url}/playground")
        page.wait_for_selector(BOUNDARY)
        wait_idle(page)
        for _ in range(runs):
            page.get_by_role("button", name="Reset").click()
            wait_idle(page)
            page.get_by_role("button", name="Start").click()
            time.sleep(1.0)  # let the fragment timer start
            changes = page.evaluate(COUNT_JS, int(seconds * 1000))
            rates.append(changes / seconds)
            page.get_by_role("button", name="Pause").click()
            wait_idle(page)
        if screenshot:
            page.screenshot(path=screenshot, full_page=True)
        browser.close()
    return rates


def main() -> None:
    """Print the heatmap update rate (median over runs) and the summary line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--screenshot")
    args = ap.parse_args()
    proc, url = start_server()
    try:
        rates = measure(url, args.seconds, args.runs, args.screenshot)
    finally:
        proc.terminate()
        proc.wait(10)
    print("heatmap updates/s per run:", ", ".join(f"{r:.1f}" for r in rates))
    print(f"playground browser_heatmap_updates_per_s={statistics.median(rates):.1f}")


if __name__ == "__main__":
    main()
