"""Test presenter mode in Chromium at 1280×720 (a projector): each lesson's main chart is fully on
the first screen, the type is large and the sidebar folded; and the keyboard shortcuts work."""

from __future__ import annotations

import pytest

from tests.browser import assert_no_exception, open_lesson
from tests.live_checks import assert_above_the_fold, key_locator

pytestmark = pytest.mark.e2e

# Each lesson's main chart (its Streamlit key) and, while its presenter layout still pushes the
# chart below the first screen, why (the check then expects a failure).
PRESENTER_MAIN = {
    "neuron": ("neuron.chart", ""),
    "losses": ("losses.bars", ""),
    "gradient_descent": ("gradient_descent.fit.line", ""),
    "backprop": ("backprop.graph", ""),  # the step-through graph: what a class follows
    "playground": ("playground.boundary", ""),
    "overfitting": ("overfitting.curves.acc", ""),
    "convolution": ("convolution._out", ""),
    "cnn_mnist": ("cnn_mnist.curves", ""),
    "recurrent_cells": ("recurrent_cells.heat_h", ""),
    "char_models": ("char_models.loss", ""),
    "self_attention": ("self_attention.chart.stage1.right", ""),
    "tiny_transformer": ("tiny_transformer.curves", ""),
    "char_gpt": ("char_gpt.curves", ""),
    "deep_q": ("deep_q.chart.map", ""),
}


@pytest.fixture
def projector(browser):
    """A fresh session in a 1280×720 window."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    yield page
    ctx.close()


@pytest.mark.parametrize("slug", sorted(PRESENTER_MAIN))
def test_presenter_mode_shows_the_main_chart_on_the_first_screen(projector, app_url, slug):
    """Test that with ?present=1 the sidebar is folded, the type is large, and the lesson's main
    chart's whole bounding box is inside the 1280×720 window without scrolling."""
    key, known = PRESENTER_MAIN[slug]
    if known:
        pytest.xfail(f"presenter layout: {known}")
    open_lesson(projector, app_url, slug, "present=1")
    assert_no_exception(projector)
    projector.wait_for_function(
        "() => parseFloat(getComputedStyle(document.documentElement).fontSize) >= 18"
    )
    chart = key_locator(projector, key)
    chart.wait_for()
    # drawn, not the empty placeholder a chart briefly is (a 48 px box would pass any fold)
    chart.locator("canvas, svg, img").first.wait_for()
    assert_above_the_fold(projector, chart)
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, box
    main = projector.locator("[data-testid='stMain']").bounding_box()
    assert main["x"] < 50, f"the sidebar is open: the main area starts at x={main['x']}"


def test_space_starts_and_pauses_training_on_the_playground(projector, app_url):
    """Test that pressing Space (no text box focused) starts training, and again pauses it."""
    open_lesson(projector, app_url, "playground")
    pause = key_locator(projector, "playground.live.btn_pause").locator("button")
    assert pause.is_disabled()
    projector.evaluate("document.activeElement && document.activeElement.blur()")  # no widget
    projector.keyboard.press("Space")
    projector.wait_for_function(
        "() => !document.querySelector('.st-key-playground-live-btn_pause button').disabled"
    )
    projector.keyboard.press("Space")
    projector.wait_for_function(
        "() => document.querySelector('.st-key-playground-live-btn_pause button').disabled"
    )
    assert_no_exception(projector)
