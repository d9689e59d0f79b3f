"""Test the backprop lesson in Chromium: step to the end, apply the update, bad expression."""

import pytest

from tests.browser import assert_no_exception, open_lesson, wait_idle

pytestmark = pytest.mark.e2e


def test_walk_to_end_and_apply_update(browser_page, app_url):
    """Test that Next shows step 1, To the end shows the update, Apply update restarts the walk."""
    page = browser_page
    open_lesson(page, app_url, "backprop")
    page.locator("[data-testid='stGraphVizChart']").first.wait_for(state="visible")
    page.get_by_role("button", name="Next »").click()
    page.get_by_text("Step 1 of 10").wait_for()
    page.get_by_role("button", name="To the end").click()
    page.get_by_text("Step 10 of 10").wait_for()
    page.get_by_role("button", name="Apply update").click()
    page.get_by_text("Update applied").wait_for()
    wait_idle(page)
    w1 = page.get_by_label("Weights W1 (2×2)").input_value()
    assert w1 != "1, 2; 3, 4" and w1.count(";") == 1
    assert page.get_by_text("autograd agrees").count() >= 1
    assert_no_exception(page)


def test_bad_expression_shows_message_in_chinese(browser_page, app_url):
    """Test that a dunder expression from the URL is refused with the Chinese message."""
    page = browser_page
    open_lesson(page, app_url, "backprop", "lang=zh&backprop.expr=a.__class__")
    page.get_by_text("不允许使用带双下划线的名字").wait_for()
    assert_no_exception(page)
