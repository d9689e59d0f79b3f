"""Browser test of the character-level GPT lesson against a real streamlit server."""

import json
import time

import pytest

from tests.browser import assert_no_exception, open_lesson, wait_idle

pytestmark = pytest.mark.e2e


def test_char_gpt_bad_prompt_message_and_live_sample(browser_page, app_url):
    """Test that an unknown character gets a message, and training changes the sample text."""
    page = browser_page
    open_lesson(page, app_url, "char_gpt")
    box = page.get_by_role("textbox", name="Prompt (at most 32 characters")
    box.fill("Ma!")
    box.press("Enter")
    page.get_by_text("never occur in the training text").wait_for(timeout=30_000)
    box.fill("ma")
    box.press("Enter")
    wait_idle(page)
    code = page.locator("[data-testid='stMain'] [data-testid='stCode']").first
    code.wait_for(timeout=30_000)
    before = code.inner_text()
    page.get_by_role("button", name="Start").click()
    time.sleep(4)
    after = page.locator("[data-testid='stMain'] [data-testid='stCode']").first.inner_text()
    page.get_by_role("button", name="Pause").click()
    assert_no_exception(page)
    assert after.startswith("ma") and after != before, json.dumps([before, after])
