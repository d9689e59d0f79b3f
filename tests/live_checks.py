"""Shared browser checks for live lessons: no chart blinks while training, and the panel is in view.

`blank_samples` samples every chart region of the page in the browser itself (a timer in the page,
not round trips from Python), so the sampling interval holds even on a busy machine. A chart counts
as drawn once it shows a plotly SVG, a loaded image or a canvas at full opacity; a sample is "blank"
when a chart that was drawn before is missing, empty, or faded (Streamlit fades an element it has
not re-sent yet during a run).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

# Charts are identified by the st-key-* class of their nearest keyed container (stable across
# reruns), else by their order on the page.
_SAMPLER = r"""
async ([durationMs, everyMs]) => {
  const sel = "[data-testid='stPlotlyChart'], [data-testid='stImage'], "
    + "[data-testid='stVegaLiteChart'], [data-testid='stArrowVegaLiteChart'], .live-picture";
  const seen = new Set();
  const out = {samples: 0, blank: 0, events: []};
  const t0 = performance.now();
  const ident = (el, i) => {
    const c = el.closest("[class*='st-key-']");
    const k = c ? [...c.classList].find(x => x.startsWith('st-key-')) : null;
    return k || ('chart-' + i);
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 5 && r.height > 5;
  };
  const drawn = (el) => {
    if (el.querySelector('.main-svg, svg.marks')) return true;
    const img = el.matches('img') ? el : el.querySelector('img');
    // naturalWidth is the displayed ("current request") image: while a new src loads (the
    // "pending request") the old picture stays on screen and img.complete is false.
    if (img) return img.naturalWidth > 0;
    return el.querySelector('canvas') !== null;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  while (performance.now() - t0 < durationMs) {
    out.samples++;
    const now = new Map();
    [...document.querySelectorAll(sel)].filter(shown).forEach((e, i) => {
      const k = ident(e, i);
      if (!now.has(k) || drawn(e)) now.set(k, e);
    });
    let bad = [];
    for (const k of seen) {
      const e = now.get(k);
      if (!e || !drawn(e)) bad.push(k + (e ? ':empty' : ':missing'));
      else if (opacity(e) < 0.9) bad.push(k + ':faded');
    }
    if (bad.length) { out.blank++; out.events.push([Math.round(performance.now() - t0), bad]); }
    for (const [k, e] of now) if (drawn(e) && opacity(e) >= 0.9) seen.add(k);
    await new Promise(r => setTimeout(r, everyMs));
  }
  out.charts = [...seen];
  out.events = out.events.slice(0, 20);
  return out;
}
"""


@dataclass(frozen=True)
class BlankReport:
    """What the sampler saw: samples taken, samples with a blank chart, and the charts drawn."""

    samples: int
    blank: int
    charts: list[str]
    events: list


def blank_samples(page, seconds: float = 10.0, every_ms: int = 100) -> BlankReport:
    """Sample every chart region for `seconds`, every `every_ms`, and count the blank samples."""
    res = page.evaluate(_SAMPLER, [int(seconds * 1000), every_ms])
    return BlankReport(res["samples"], res["blank"], res["charts"], res["events"])


_FADED = r"""
() => [...document.querySelectorAll("[data-testid='stElementContainer']")].some(el => {
  const r = el.getBoundingClientRect();
  return r.width > 5 && r.height > 5 && parseFloat(getComputedStyle(el).opacity) < 0.9;
})
"""


def wait_settled(page, timeout_s: float = 20.0) -> None:
    """Wait until the full-page run that Start triggers has re-sent every element (nothing on
    the page is faded), so that sampling measures the training ticks, not that one page run."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and page.evaluate(_FADED):
        time.sleep(0.1)


def key_locator(page, key: str):
    """The element container of a widget or chart with Streamlit key `key`."""
    return page.locator(f".st-key-{key.replace('.', '-')}").first


def assert_above_the_fold(page, *locators, height: int | None = None) -> None:
    """Each locator's whole bounding box lies within the first screen (no scrolling)."""
    height = height or page.viewport_size["height"]
    for loc in locators:
        box = loc.bounding_box()
        assert box is not None, f"{loc} is not rendered"
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{loc} ends at y={box}"


@dataclass(frozen=True)
class LiveLesson:
    """A live lesson for the shared checks: its page, live namespace and main chart's key."""

    slug: str
    ns: str
    main_chart: str
    query: str = ""
    known_blink: str = ""  # why this page still blinks (the check then expects a failure)


# Every live lesson: a new one adds a line here and gets the shared browser checks.
LIVE_LESSONS = (
    LiveLesson("playground", "playground", "playground.map"),
    LiveLesson("cnn_mnist", "cnn_mnist", "cnn_mnist.curves"),
    LiveLesson("tiny_transformer", "tiny_transformer", "tiny_transformer.curves"),
    LiveLesson("char_gpt", "char_gpt", "char_gpt.curves"),
    LiveLesson("gradient_descent", "gradient_descent.fit", "gradient_descent.fit.line"),
    LiveLesson("overfitting", "overfitting", "overfitting.curves.acc"),
    LiveLesson(
        "overfitting", "overfitting.race", "overfitting.race.curves", "overfitting.mode=race"
    ),
    LiveLesson("deep_q", "deep_q", "deep_q.chart.map"),
    LiveLesson("deep_q", "deep_q.cp", "deep_q.cp.chart.cart", "deep_q.mode=cartpole"),
    LiveLesson("char_models", "char_models", "char_models.loss"),
)
