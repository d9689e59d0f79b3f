"""Browser figure: how many times per second the playground's output map changes while training.

Starts a real `streamlit run` server, opens the playground in the system Chromium, warms it up,
presses Start and samples the heatmap's data every 10 ms in the page for several seconds.
A change counts only once the new image has loaded. For context it also measures the ceiling on
this machine right now: the frame rate of a bare live panel (same helper and timing settings, a
counter instead of charts).
Run: python -m bench.playground_browser [--screenshot PATH]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, start_server, wait_idle
from vizlib.lessons.playground.view import FRAME_GAP_S, FRAMES, INTERVAL_S

BARE_APP = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from vizlib.ui import live

class Counter:
    def train_step(self):
        return 1.0

live.session_trainer("bare", 1, Counter)

def render(_, frames):
    slot = st.empty()
    for _ in frames:
        st.session_state["ticks"] = st.session_state.get("ticks", 0) + 1
        slot.markdown(f"Ticks {{st.session_state['ticks']}}")

live.live_panel(
    "bare", render, max_steps=10**7, budget_s=0.0, interval_s={INTERVAL_S}, frames={FRAMES},
    frame_gap_s={FRAME_GAP_S},
)
"""

BOUNDARY = "[class*='boundary'] .js-plotly-plot"
# Count changes of the heatmap's values (sampled every 10 ms) over `ms` milliseconds.
COUNT_JS = """(ms) => new Promise(resolve => {
  const sig = () => {
    const img = document.querySelector("[class*='boundary'] img");  // the live PNG while training
    if (img) return img.complete && img.naturalWidth > 0 ? img.src : null;  // loaded only
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


def _ticks(page) -> int:
    return int(re.search(r"Ticks (\d+)", page.inner_text("body")).group(1))


def bare_ticks_per_s(seconds: float) -> float:
    """Frames per second of a bare live panel (the ceiling set by machine and helper)."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "bare.py").write_text(BARE_APP)
        proc, url = start_server(script="bare.py", cwd=Path(tmp))
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.set_default_timeout(60_000)
                page.goto(url)
                page.get_by_role("button", name="Start").click()
                time.sleep(1.0)
                first = _ticks(page)
                time.sleep(seconds)
                rate = (_ticks(page) - first) / seconds
                browser.close()
        finally:
            proc.terminate()
            proc.wait(10)
    return rate


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
    bare = bare_ticks_per_s(args.seconds)
    print("heatmap updates/s per run:", ", ".join(f"{r:.1f}" for r in rates))
    print(
        f"ceiling now: a bare live panel shows {bare:.1f} frames/s "
        f"({FRAMES} frames per tick, {FRAME_GAP_S} s apart, a tick every {INTERVAL_S} s)"
    )
    print(f"playground browser_heatmap_updates_per_s={statistics.median(rates):.1f}")


if __name__ == "__main__":
    main()
