"""Test the recurrent-cells page in a real browser: it loads, and Next changes the shown step."""

import pytest

from tests.browser import assert_no_exception, open_lesson, wait_idle

pytestmark = pytest.mark.e2e
SLUG = "recurrent_cells"


@pytest.mark.parametrize(
    "lang,next_label,before,after",
    [
        ("en", "Next", "Time step t = 1", "Time step t = 2"),
        ("zh", "下一步", "时间步 t = 1", "时间步 t = 2"),
    ],
)
def test_next_moves_to_the_next_time_step(browser_page, app_url, lang, next_label, before, after):
    """Test that the page loads with no exception and Next shows time step 2 (both languages)."""
    page = browser_page
    open_lesson(page, app_url, SLUG, f"lang={lang}")
    button = page.get_by_role("button", name=next_label)
    button.wait_for(timeout=60_000)  # the first page of a fresh server is slow on a busy machine
    page.get_by_text(before).wait_for()
    assert_no_exception(page)
    button.click()
    wait_idle(page)
    page.get_by_text(after).wait_for()
    assert "recurrent_cells.step=2" in page.url
    assert_no_exception(page)
