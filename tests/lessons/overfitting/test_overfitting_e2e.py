"""Test the overfitting lab in Chromium: Start makes the curves grow by themselves (fragment
ticks), in English and in Chinese; screenshots go to /tmp/overfitting-e2e-<lang>.png."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser import assert_no_exception, open_lesson, wait_idle

pytestmark = pytest.mark.e2e
START = {"en": "Start", "zh": "开始"}
POINTS_JS = """() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const counts = plots.map(p => (p.data || []).map(t => (t.x || []).length));
  return Math.max(0, ...counts.flat());
}"""


def _points(page) -> int:
    return int(page.evaluate(POINTS_JS))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_curves_move_while_training(browser_page, app_url, lang):
    """Test that after Start the curves gain points without any further click, with no error."""
    page = browser_page
    open_lesson(page, app_url, "overfitting", f"lang={lang}&overfitting.width=128")
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    before = _points(page)
    page.get_by_role("button", name=START[lang]).first.click()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _points(page) < before + 4:
        time.sleep(0.5)
    assert _points(page) >= before + 4
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    page.screenshot(path=f"/tmp/overfitting-e2e-{lang}.png", full_page=False)
    pause = page.get_by_role("button", name=re.compile("Pause|暂停")).first
    if pause.is_enabled():  # early stopping may have paused it already
        pause.click()
    wait_idle(page)
    assert_no_exception(page)
