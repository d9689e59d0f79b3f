"""Test in Chromium that the Tiny Transformer page trains live and its attention maps change."""

import time

import pytest

from tests.browser import assert_no_exception, open_lesson

pytestmark = pytest.mark.e2e
ATTN = "[class*='tiny_transformer-attn'] [data-testid='stVegaLiteChart']"
# the attention maps are a live Vega-Lite chart: its drawn cells (their fill colours) are the maps
READ_Z = """(sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  const cells = [...el.querySelectorAll("path")].map(p => p.getAttribute("fill"));
  return cells.length ? cells.join(",") : null;
}"""


def test_tiny_transformer_attention_maps_change_while_training(browser_page, app_url):
    """Test that after Start the first attention map changes and accuracy metrics appear."""
    page = browser_page
    open_lesson(page, app_url, "tiny_transformer")
    page.locator(ATTN).wait_for(state="visible", timeout=45_000)
    before = page.evaluate(READ_Z, ATTN)
    assert before is not None
    page.get_by_role("button", name="Start").click()
    page.get_by_text("Whole answers right").first.wait_for(timeout=45_000)
    time.sleep(3)
    after = page.evaluate(READ_Z, ATTN)
    page.get_by_role("button", name="Pause").click()
    assert_no_exception(page)
    assert after is not None and after != before
