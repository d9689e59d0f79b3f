"""Test the overfitting lab in Chromium: Start makes the curves grow by themselves (fragment
ticks), in English and in Chinese; screenshots go to /tmp/overfitting-e2e-<lang>.png."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser import assert_no_exception, open_lesson, pause_if_running, wait_idle
from tests.live_checks import key_locator

pytestmark = pytest.mark.e2e
START = {"en": "Start", "zh": "开始"}
# What the accuracy chart (Vega-Lite) draws: its SVG paths, or its canvas pixels.
DRAWN_JS = """() => {
  const el = document.querySelector('.st-key-overfitting-curves-acc');
  if (!el) return '';
  const c = el.querySelector('canvas');
  if (c) return c.toDataURL();
  return [...el.querySelectorAll('svg.marks path')].map(p => p.getAttribute('d')).join('|');
}"""


def _drawn(page) -> str:
    return str(page.evaluate(DRAWN_JS))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_curves_move_while_training(browser_page, app_url, lang):
    """Test that after Start the accuracy chart is redrawn with new curves several times without
    any further click, with no error (patience at its most, so early stopping does not pause it)."""
    page = browser_page
    open_lesson(
        page, app_url, "overfitting", f"lang={lang}&overfitting.width=128&overfitting.patience=50"
    )
    key_locator(page, "overfitting.curves.acc").locator("svg, canvas").first.wait_for()
    seen = {_drawn(page)}
    page.get_by_role("button", name=START[lang]).first.click()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(seen) < 4:
        time.sleep(0.5)
        seen.add(_drawn(page))
    assert len(seen) >= 4  # the curves changed at least three times
    page.screenshot(path=f"/tmp/overfitting-e2e-{lang}.png", full_page=False)
    pause = page.get_by_role("button", name=re.compile("Pause|暂停")).first
    pause_if_running(pause)  # training may have stopped by itself already
    wait_idle(page)
    assert_no_exception(page)
