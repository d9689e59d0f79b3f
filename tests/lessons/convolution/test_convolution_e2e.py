"""Test the convolution lesson in a real browser: a shared link reproduces it; typing updates it."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser import assert_no_exception, open_lesson, wait_idle

pytestmark = pytest.mark.e2e
EDGE_CASE = (
    "convolution.matrix=1,2,3,4;5,6,7,8;9,10,11,12;13,14,15,16&convolution.kernel=x"
    "&convolution.pad_mode=explicit&convolution.pad=1&convolution.stride=2"
)


def test_shared_link_opens_the_edge_case_with_its_feature_map(browser_page, app_url):
    """Test that the 4x4, p=1, k=3, s=2 link renders a 2x2 feature map with no exception."""
    open_lesson(browser_page, app_url, "convolution", EDGE_CASE)
    browser_page.get_by_text("Feature map (2×2)").first.wait_for(timeout=45_000)
    assert browser_page.locator(".js-plotly-plot").count() >= 3
    assert_no_exception(browser_page)


def test_typing_a_matrix_updates_the_page_and_the_link(browser_page, app_url):
    """Test that bad matrix text shows an error, and good text changes the output and the URL."""
    open_lesson(browser_page, app_url, "convolution")
    box = browser_page.get_by_role("textbox", name="Matrix as text")
    box.fill("1,2;3")
    box.press("Enter")
    browser_page.get_by_text("Row 2 has 1 cells").wait_for(timeout=30_000)
    box.fill("1,2,3;4,5,6;7,8,9")
    box.press("Enter")
    browser_page.get_by_text("Feature map (1×1)").first.wait_for(timeout=30_000)
    wait_idle(browser_page)
    query = parse_qs(urlparse(browser_page.url).query)
    assert query.get("convolution.matrix") == ["1,2,3;4,5,6;7,8,9"]
    assert_no_exception(browser_page)


def test_drawn_image_is_convolved(browser_page, app_url):
    """Test that a stroke drawn on the canvas becomes the convolved image (feature map shown)."""
    page = browser_page
    open_lesson(page, app_url, "")
    open_lesson(page, app_url, "convolution", "convolution.source=draw")
    canvas = page.locator("canvas").last
    canvas.wait_for()
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 60, box["y"] + 40)
    page.mouse.down()
    for k in range(30):
        page.mouse.move(box["x"] + 60 + k * 2, box["y"] + 40 + k * 4)
    page.mouse.up()
    page.get_by_text("Draw something on the canvas").wait_for(state="detached", timeout=60_000)
    wait_idle(page)
    assert page.locator(".js-plotly-plot").count() >= 1
    assert_no_exception(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_presenter_mode_step_buttons_show_their_whole_labels(browser, app_url, lang):
    """Test that at 1280×720 with present=1 no button label is cut off (the position slider's
    back/next buttons sit in the narrower main column, at the larger type)."""
    from tests.e2e.test_readable_e2e import TRUNCATED_JS

    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    page = ctx.new_page()
    try:
        open_lesson(page, app_url, "convolution", f"present=1&lang={lang}")
        page.locator("[class*='st-key-convolution-_nav'] button").nth(1).wait_for(timeout=60_000)
        wait_idle(page)
        assert page.evaluate(TRUNCATED_JS) == []
        assert_no_exception(page)
    finally:
        ctx.close()
