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


# micrograd's neuron o = tanh(x1·w1 + x2·w2 + b): 10 values and 5 operations, 15 graph nodes
MICROGRAD_NEURON = (
    "backprop.expr=tanh(x1*w1 %2B x2*w2 %2B b)"
    "&backprop.values=x1=2, x2=0, w1=-3, w2=1, b=6.8813735870195432"
)
# The rendered font size of every text in the drawn graph, in CSS px (font size × SVG scale).
GRAPH_FONTS_JS = """(el) => [...el.querySelectorAll('svg text')].map(t => {
  const m = t.getScreenCTM();
  return parseFloat(t.getAttribute('font-size')) * Math.hypot(m.a, m.b);
})"""


def test_expression_graph_text_is_projector_readable(browser, app_url):
    """Test that a typed expression's graph at micrograd's size draws every text at >= 14 px, on a
    1440×900 screen, in both languages."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    try:
        open_lesson(page, app_url, "")  # a fresh server's first visit lands on the app first
        for lang in ("en", "zh"):
            open_lesson(page, app_url, "backprop", f"lang={lang}&{MICROGRAD_NEURON}")
            graph = page.locator("[data-testid='stGraphVizChart']").nth(1)
            graph.locator("svg text").first.wait_for()
            graph.scroll_into_view_if_needed()
            page.screenshot(path=f"/tmp/backprop_graph_{lang}.png")
            fonts = graph.evaluate(GRAPH_FONTS_JS)
            assert len(fonts) >= 15 and min(fonts) >= 14, (lang, sorted(fonts)[:5])
            assert_no_exception(page)
    finally:
        ctx.close()
