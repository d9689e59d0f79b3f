"""Test in Chromium that the playground trains live: the loss curve grows and falls, and the output
map is a picture that keeps changing."""

import re
import time

import pytest

from tests.browser import assert_no_exception, open_lesson

pytestmark = pytest.mark.e2e
CURVES = "[class*='playground-curves'] [data-testid='stVegaLiteChart']"
STATS = re.compile(r"Epoch\D*?(\d+).*?train loss\D*?([0-9.]+)", re.S)


def _stats(page) -> tuple[int, float]:
    """The epoch and train loss of the live stats line above the map (the curves' last point)."""
    m = STATS.search(page.locator("[data-testid='stMainBlockContainer']").inner_text())
    assert m, "no stats line"
    return int(m.group(1)), float(m.group(2))


def _live_map(page) -> str | None:
    """The live output map's data URI (while training), or None."""
    return page.evaluate(
        """() => { const img = document.querySelector("[class*='boundary_live'] img");
                   return img ? img.src.slice(-200) : null; }"""
    )


def test_loss_curve_grows_and_falls_while_training(browser_page, app_url):
    """Test that ~5 s after Start the train-loss curve has many epochs and its loss has fallen."""
    page = browser_page
    open_lesson(page, app_url, "playground")
    page.locator(CURVES).wait_for(state="visible", timeout=45_000)
    epoch0, loss0 = _stats(page)
    assert epoch0 == 0
    page.get_by_role("button", name="Start").click()
    time.sleep(5)
    first, _ = _stats(page)
    maps = {_live_map(page) for _ in range(10) if not time.sleep(0.1)}
    assert len(maps - {None}) >= 2  # the live map changed within one second
    time.sleep(2)
    later, loss = _stats(page)
    page.get_by_role("button", name="Pause").click()
    assert_no_exception(page)
    assert later > first > 5  # epochs keep accumulating: the curves grow
    assert loss < 0.7 * loss0
