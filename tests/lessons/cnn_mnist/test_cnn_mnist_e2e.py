"""Test the CNN-on-MNIST lesson in Chromium: live training advances, and a digit drawn on the
canvas (streamlit-drawable-canvas) is preprocessed and predicted."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser import assert_no_exception, open_lesson, wait_idle

pytestmark = pytest.mark.e2e
STATUS = re.compile(r"step (\d+) of at most")


def _open(page, app_url: str) -> None:
    open_lesson(page, app_url, "")  # through the app first, as a visitor would
    open_lesson(page, app_url, "cnn_mnist")
    page.get_by_text("Your own digit").wait_for(timeout=60_000)
    wait_idle(page)


def _step(page) -> int:
    text = page.get_by_text(STATUS).first.inner_text()
    return int(STATUS.search(text).group(1))


def test_live_training_advances_in_the_browser(browser_page, app_url):
    """Test that Start makes the step counter climb by itself (fragment ticks); Pause stops it."""
    page = browser_page
    _open(page, app_url)
    assert _step(page) == 0
    page.get_by_role("button", name="Start").click()
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and _step(page) < 20:
        time.sleep(0.5)
    first = _step(page)
    assert first >= 20
    page.get_by_role("button", name="Pause").click()
    page.get_by_text("Status: paused").first.wait_for(timeout=20_000)
    paused_at = _step(page)
    time.sleep(1.5)
    assert _step(page) == paused_at >= first
    assert_no_exception(page)


def test_drawn_digit_is_preprocessed_and_predicted(browser_page, app_url):
    """Test that a stroke drawn on the canvas shows the preprocessing stages and a prediction."""
    page = browser_page
    _open(page, app_url)
    canvas = page.locator("canvas").last  # fabric's top canvas receives the pointer events
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x0, y0 = box["x"], box["y"]
    page.mouse.move(x0 + 90, y0 + 60)
    page.mouse.down()
    for k in range(20):
        page.mouse.move(x0 + 90 + k * 5, y0 + 60)
    for k in range(30):
        page.mouse.move(x0 + 190 - k * 3, y0 + 60 + k * 6)
    page.mouse.up()
    page.get_by_text("5. 28×28, centred").wait_for(timeout=60_000)
    wait_idle(page)
    assert page.get_by_text("Read by the network as trained so far").count() == 1
    assert page.get_by_text(re.compile(r"^Prediction: \d with probability")).count() == 2
    assert_no_exception(page)
