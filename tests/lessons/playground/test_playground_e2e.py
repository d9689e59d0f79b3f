"""Test in Chromium that the playground trains live: the loss curve grows and falls, and the output
map is a picture that keeps changing."""

import base64
import time

import numpy as np
import pytest

from tests.browser import assert_no_exception, open_lesson

pytestmark = pytest.mark.e2e
CURVES = "[class*='curves'] .js-plotly-plot"
READ_JS = """(sel) => {
  const el = document.querySelector(sel);
  if (!el || !el.data) return null;
  const y = el.data[0].y;  // the train-loss line; plotly >= 6 sends arrays base64-encoded
  return y && y.bdata ? {dtype: y.dtype, bdata: y.bdata} : {list: Array.from(y || [])};
}"""


def _train_loss(page) -> np.ndarray:
    raw = page.evaluate(READ_JS, CURVES)
    if raw is None:
        return np.array([])
    if "list" in raw:
        return np.array(raw["list"], dtype=float)
    return np.frombuffer(base64.b64decode(raw["bdata"]), dtype=raw["dtype"])


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
    assert len(_train_loss(page)) == 1
    page.get_by_role("button", name="Start").click()
    time.sleep(5)
    first = _train_loss(page)
    maps = {_live_map(page) for _ in range(10) if not time.sleep(0.1)}
    assert len(maps - {None}) >= 2  # the live map changed within one second
    time.sleep(2)
    later = _train_loss(page)
    page.get_by_role("button", name="Pause").click()
    assert_no_exception(page)
    assert len(later) > len(first) > 5
    assert later[-1] < 0.7 * later[0]
