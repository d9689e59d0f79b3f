"""Test in Chromium at 1440×900 that the static lessons are readable: no cut-off button label."""

import pytest

from tests.browser import assert_no_exception, open_lesson, wait_idle

pytestmark = pytest.mark.e2e
SLUGS = ["neuron", "losses", "backprop", "convolution", "self_attention"]

# Each visible button's label element (the markdown container Streamlit clips with an ellipsis)
# whose content is wider than its box.
TRUNCATED_JS = """() => [...document.querySelectorAll("[data-testid='stMain'] button")]
  .filter(b => b.offsetParent !== null)
  .map(b => {
    const el = b.querySelector("[data-testid='stMarkdownContainer']") || b;
    return {text: b.innerText.trim(), sw: el.scrollWidth, cw: el.clientWidth};
  })
  .filter(r => r.text && r.sw > r.cw + 1)"""


@pytest.fixture
def wide_page(browser):
    """A fresh 1440×900 page (a projector-size laptop screen)."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    yield page
    ctx.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("slug", SLUGS)
def test_no_button_label_is_cut_off(wide_page, app_url, slug, lang):
    """Test that every visible button's label fits its button (scrollWidth <= clientWidth + 1)."""
    open_lesson(wide_page, app_url, slug, f"lang={lang}")
    assert_no_exception(wide_page)
    wide_page.locator("[data-testid='stMain'] button").first.wait_for(timeout=90_000)
    wait_idle(wide_page)
    cut = wide_page.evaluate(TRUNCATED_JS)
    wide_page.screenshot(path=f"/tmp/readable_{slug}_{lang}.png")
    assert not cut, cut
