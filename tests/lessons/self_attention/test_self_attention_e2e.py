"""Test the self-attention page in a real browser: worked example, bad input, language."""

import pytest
import torch
import torch.nn.functional as F

from tests.browser import assert_no_exception, open_lesson, wait_idle

pytestmark = pytest.mark.e2e
SLUG = "self_attention"


def test_worked_example_shows_torch_result(browser_page, app_url):
    """Test that the three-token preset button draws torch's outputs in the output heatmap."""
    page = browser_page
    open_lesson(page, app_url, SLUG)
    button = page.get_by_role("button", name="Worked example: three tokens of size 1")
    button.wait_for(timeout=60_000)  # the first page of a fresh server is slow on a busy machine
    button.click()
    wait_idle(page)
    page.get_by_text("5. Output = weights · V").wait_for()
    q, k, v = (torch.tensor(a, dtype=torch.float64).reshape(1, 3, 1) for a in
               ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]))  # fmt: skip
    out = F.scaled_dot_product_attention(q, k, v)[0, :, 0].tolist()
    chart = page.locator(".js-plotly-plot", has_text="5. Output = weights · V")
    for value in out:
        assert chart.get_by_text(f"{value:.2f}", exact=True).count() >= 1, value
    assert "self_attention.q_text" in page.url  # the preset is in the shareable URL
    assert_no_exception(page)


def test_bad_sentence_shows_message_in_chinese(browser_page, app_url):
    """Test that an odd character in the sentence gives a Chinese error, not a traceback."""
    page = browser_page
    open_lesson(page, app_url, SLUG, "lang=zh&self_attention.sentence=hi%20%3Cb%3E")
    alert = page.locator("[data-testid='stAlertContentError']")
    alert.first.wait_for()
    assert "不能使用这些字符" in alert.first.inner_text()
    assert_no_exception(page)
