"""Test the teacher's tools in Chromium: the link builder's QR code decodes to its link, and the
link opens the page as built (presenter mode, hidden control); → advances a walkthrough."""

from __future__ import annotations

import io

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from tests.browser import assert_no_exception, open_lesson, wait_idle
from tests.live_checks import key_locator

pytestmark = pytest.mark.e2e
LARGE_TYPE = "() => parseFloat(getComputedStyle(document.documentElement).fontSize) >= 18"


def _switch(page, label: str) -> None:
    page.get_by_text(label, exact=True).click()
    wait_idle(page)


def test_the_link_builders_qr_code_opens_the_page_as_built(browser, app_url):
    """Test that the sidebar's builder shows a link and a QR code that decodes (zxing-cpp, from a
    screenshot) to that link, and that opening it gives presenter mode with the control hidden."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    page = ctx.new_page()
    open_lesson(page, app_url, "playground", "hide=playground.seed")
    assert key_locator(page, "playground.seed").count() == 0, "the link hides the seed"
    _switch(page, "Teach with this link")
    _switch(page, "Open in presenter mode")
    sidebar = page.locator("[data-testid='stSidebar']")
    url = sidebar.locator("[data-testid='stCode']").first.inner_text().strip()
    assert "present=1" in url and "hide=playground.seed" in url, url
    png = sidebar.locator("[data-testid='stImage'] img").first.screenshot()
    found = zxingcpp.read_barcodes(np.asarray(Image.open(io.BytesIO(png)).convert("L")))
    assert [r.text for r in found] == [url]
    student = ctx.new_page()
    student.goto(url)
    wait_idle(student)
    assert_no_exception(student)
    student.wait_for_function(LARGE_TYPE)  # presenter mode

    assert key_locator(student, "playground.seed").count() == 0
    ctx.close()


def test_the_right_arrow_advances_a_walkthrough_and_reveal_trains(browser, app_url):
    """Test that → moves the playground's walkthrough to its next step (in the URL too), and that
    a predict step's Reveal, after an answer is locked in, starts training."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    page = ctx.new_page()
    open_lesson(page, app_url, "playground", "tour=playground&step=1")
    assert_no_exception(page)
    key_locator(page, "_tour.playground.next").locator("button:enabled").wait_for()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**step=2**")
    wait_idle(page)
    panel = key_locator(page, "_tour.playground.panel")
    panel.get_by_role("radio").last.check(force=True)  # an answer
    wait_idle(page)
    panel.get_by_role("button", name="Lock in my answer").click()
    wait_idle(page)
    panel.get_by_role("button", name="Reveal").click()
    page.wait_for_function(
        "() => !document.querySelector('.st-key-playground-live-btn_pause button').disabled"
        " || document.body.innerText.includes('step 5000')"
        " || document.body.innerText.includes('diverged')"
    )
    assert_no_exception(page)
    ctx.close()
