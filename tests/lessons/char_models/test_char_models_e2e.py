"""Test in Chromium that the character-model lesson trains live: the loss falls, samples change."""

import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import assert_no_exception, open_lesson, wait_idle

pytestmark = pytest.mark.e2e
NS = "char_models"
QUERY = f"{NS}.hidden=64&{NS}.seq_len=16&{NS}.n_chars=80"
# The loss chart is Vega-Lite: its data is not in the DOM, so read the caption under it,
# "Validation loss now: <val> ... (step <n>)", in either language (the last number is the step).
VAL_NOW = re.compile(r"(\d+\.\d{3})\D+(\d+)\D*$")
CAPTION = "[data-testid='stCaptionContainer']"
VAL_CAPTION = re.compile(r"Validation loss now|当前验证损失")
BUTTONS = {"en": ("Start", "Pause"), "zh": ("开始", "暂停")}


def _read_val(page) -> tuple[int, float] | None:
    """(step, validation loss) from the caption under the loss chart, None before the first."""
    cap = page.locator(CAPTION, has_text=VAL_CAPTION)
    if cap.count() == 0:
        return None
    m = VAL_NOW.search(cap.first.inner_text().strip())
    return (int(m.group(2)), float(m.group(1))) if m else None


def _train_and_read(page, lang: str, seconds: float) -> tuple[str, str, list[float]]:
    start, pause = BUTTONS[lang]
    code = page.locator("[data-testid='stMain'] [data-testid='stCode']").first
    code.wait_for(timeout=60_000)
    before = code.inner_text()
    page.get_by_role("button", name=start).click()
    deadline = time.monotonic() + 240  # the shared test machine can be very loaded
    seen: dict[int, float] = {}

    def fallen() -> bool:  # two validation points at least, the last 0.2 nats below the first
        vals = [seen[k] for k in sorted(seen)]
        return len(vals) >= 2 and vals[-1] < vals[0] - 0.2

    while time.monotonic() < deadline and not fallen():  # validation every few steps
        time.sleep(seconds)
        got = _read_val(page)
        if got is not None:
            seen[got[0]] = got[1]
    val = [seen[k] for k in sorted(seen)]
    after = page.locator("[data-testid='stMain'] [data-testid='stCode']").first.inner_text()
    for _ in range(10):  # under heavy load a click can land mid-redraw and be lost: retry
        if page.get_by_role("button", name=start).is_enabled():
            break
        button = page.get_by_role("button", name=pause)
        if button.is_enabled():
            try:
                button.click(timeout=10_000)
            except PlaywrightTimeout:  # it was disabled again by a redraw in between: retry
                pass
        time.sleep(2)
    wait_idle(page, 60)
    return before, after, val


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_loss_falls_and_samples_change_while_training(browser_page, app_url, lang):
    """Test that after Start the validation curve falls and the sample text changes."""
    page = browser_page
    open_lesson(page, app_url, NS, f"lang={lang}&{QUERY}")
    before, after, val = _train_and_read(page, lang, 2.0)
    assert_no_exception(page)
    assert len(val) >= 2 and val[-1] < val[0] - 0.2, val
    assert after != before
    page.set_viewport_size({"width": 1400, "height": 4200})  # Streamlit scrolls inside the app
    time.sleep(2)
    page.screenshot(path=f"/tmp/char_models_e2e_{lang}.png")
