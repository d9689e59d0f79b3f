"""Test the gradient-descent page in Chromium: bad start message, and the live fit really trains."""

import re
import time

import pytest

from tests.browser import assert_no_exception, open_lesson, wait_idle

pytestmark = pytest.mark.e2e
SLUG = "gradient_descent"


def test_bad_start_point_shows_message_and_race_still_draws(browser_page, app_url):
    """Test that a nonsense start from the URL gives an error while the race charts still render."""
    open_lesson(browser_page, app_url, SLUG, "gradient_descent.start=hello")
    browser_page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=90_000)
    browser_page.get_by_text("is not a start point").wait_for()
    assert_no_exception(browser_page)


def test_live_fit_trains_in_the_browser(browser_page, app_url):
    """Test that pressing Start makes the timed fragment train the regression (steps increase)."""
    open_lesson(browser_page, app_url, SLUG)
    browser_page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=90_000)
    browser_page.get_by_role("button", name=re.compile(r"Start$")).click()
    status = browser_page.get_by_text(re.compile(r"Status: training · step [1-9]\d* "))
    status.wait_for(timeout=60_000)
    first = int(re.search(r"step (\d+)", status.inner_text()).group(1))
    deadline = time.monotonic() + 20
    later = first
    while time.monotonic() < deadline and later <= first:
        time.sleep(0.5)
        text = browser_page.get_by_text(re.compile(r"Status: .* step \d+")).inner_text()
        later = int(re.search(r"step (\d+)", text).group(1))
    assert later > first
    assert_no_exception(browser_page)


def test_clicking_the_map_picks_the_start_point(browser_page, app_url):
    """Test that two clicks on the contour map each become the typed start point."""
    open_lesson(browser_page, app_url, SLUG)
    plot = browser_page.locator(".js-plotly-plot").first
    plot.wait_for(state="visible", timeout=90_000)
    field = browser_page.get_by_test_id("stTextInputField").first
    for fx, fy, want in ((0.8, 0.2, "1.8, 1.8"), (0.2, 0.5, "-1.8, 0")):
        # the map is redrawn after each pick: find it afresh, and click again if a click landed
        # while plotly was still wiring its handlers (the same point picks the same start)
        for _ in range(3):
            wait_idle(browser_page)
            drag = plot.locator(".nsewdrag").first
            drag.scroll_into_view_if_needed()
            time.sleep(1)
            box = drag.bounding_box()
            browser_page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and field.input_value() != want:
                time.sleep(0.3)
            if field.input_value() == want:
                break
        assert field.input_value() == want
    assert_no_exception(browser_page)
