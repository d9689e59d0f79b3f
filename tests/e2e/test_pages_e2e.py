"""Test in a real browser that the landing page and every lesson load cleanly, charts visible."""

import pytest

from tests.browser import assert_no_exception, open_lesson, start_server
from vizlib.ui.lessons import available_lessons

pytestmark = pytest.mark.e2e
CHARTS = ".js-plotly-plot, [data-testid='stVegaLiteChart'], [data-testid='stGraphVizChart']"


def test_landing_page_lists_the_lessons(browser_page, app_url):
    """Test that the landing page renders its cards with links to every available lesson."""
    open_lesson(browser_page, app_url, "")
    assert_no_exception(browser_page)
    links = browser_page.locator("[data-testid='stPageLink']")
    links.nth(len(available_lessons()) - 1).wait_for()  # the cards render one by one
    assert links.count() >= len(available_lessons())


@pytest.mark.parametrize("slug", [lesson.slug for lesson in available_lessons()])
def test_lesson_loads_with_charts(browser_page, app_url, slug):
    """Test that the lesson renders in Chromium with no exception and at least one visible chart."""
    open_lesson(browser_page, app_url, slug)
    browser_page.locator(CHARTS).first.wait_for(state="visible", timeout=45_000)
    assert_no_exception(browser_page)


def test_language_switch_persists_across_pages(browser_page, app_url):
    """Test that ?lang=zh shows Chinese, and stays Chinese after navigating to another page."""
    open_lesson(browser_page, app_url, "", "lang=zh")
    browser_page.get_by_text("学习路线").wait_for()
    browser_page.locator("[data-testid='stPageLink'] a[href*='neuron']").first.click()
    browser_page.get_by_role("heading", name="神经元与激活函数").wait_for()
    assert "lang=zh" in browser_page.url


def test_deep_link_on_a_fresh_server_goes_through_the_app(browser):
    """Test that a teacher's link straight to a lesson, as a fresh server's first visit, gets the
    app's navigation and language (not Streamlit's raw pages/ folder listing)."""
    proc, url = start_server()
    try:
        page = browser.new_page()
        open_lesson(page, url, "neuron", "lang=zh&neuron.x1=-1.5")
        page.get_by_role("heading", name="神经元与激活函数").wait_for(timeout=30_000)
        page.get_by_text("简体中文").first.wait_for()  # the language switch is there
        page.get_by_text("-1.50").first.wait_for()  # the linked setting was applied
        assert_no_exception(page)
        page.close()
    finally:
        proc.terminate()
        proc.wait(10)
