"""Test in Chromium that the gridworld agent learns live: the return-per-episode curve rises
(screenshots in English and Chinese under /tmp/deep_q_e2e_<lang>.png)."""

import re
import time

import pytest

from tests.browser import assert_no_exception, open_lesson, pause_if_running, wait_idle

pytestmark = pytest.mark.e2e
SUMMARY = ".st-key-deep_q-chart-return_summary"  # "first 10 episodes: +a; last 10: +b"
# tabular Q-learning on a 5x5 world with a costly step: random walks score far below the
# learned shortest path, and a table learns within seconds even on a busy machine
QUERY = (
    "deep_q.agent=q&deep_q.layout=S..../...../...../...../....G"
    "&deep_q.step_reward=-0.1&deep_q.eps_decay=1500&deep_q.eps_end=0.0"
)


def _first_last(page) -> tuple[float, float] | None:
    """The mean return of the first and of the last ten episodes, read from the page's caption."""
    text = page.evaluate("(sel) => document.querySelector(sel)?.innerText || ''", SUMMARY)
    nums = re.findall(r"[+-]\d+\.\d+", text)
    return (float(nums[0]), float(nums[1])) if len(nums) == 2 else None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_return_curve_rises_while_training(browser_page, app_url, lang):
    """Test that after Start the episodes' returns rise from a random walk's to near optimal."""
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 1300})
    open_lesson(page, app_url, "deep_q", f"{QUERY}&lang={lang}")
    start = page.get_by_role("button", name="Start" if lang == "en" else "开始", exact=True)
    start.wait_for(timeout=120_000)  # a first run can take a minute on the shared 2-core box
    assert start.bounding_box()["y"] < 1000  # above the fold
    start.click()
    deadline = time.monotonic() + 90
    fl = _first_last(page)
    while time.monotonic() < deadline and (fl is None or fl[1] < fl[0] + 1.0):
        time.sleep(2)
        fl = _first_last(page)
    page.screenshot(path=f"/tmp/deep_q_e2e_{lang}.png")
    pause = page.get_by_role("button", name="Pause" if lang == "en" else "暂停").first
    pause_if_running(pause)  # training may have stopped by itself already
    assert_no_exception(page)
    assert fl is not None, "fewer than 20 episodes finished"
    assert fl[1] > fl[0] + 1.0


EDITOR = "[class*='st-key-deep_q-ed-chart'] .nsewdrag"
LAYOUT_IS = "(v) => document.querySelector(`input[aria-label^='Layout code']`)?.value === v"


def _cell_click(page, i: int, j: int, n: int, m: int) -> None:
    """Click the centre of cell (i, j) of the n x m editor grid."""
    drag = page.locator(EDITOR).first
    drag.scroll_into_view_if_needed()
    box = drag.bounding_box()
    x, y = box["x"] + (j + 0.5) * box["width"] / m, box["y"] + (i + 0.5) * box["height"] / n
    page.mouse.click(x, y)


def test_clicking_a_cell_edits_the_world(browser_page, app_url):
    """Test that two clicks on a cell make it a wall then a pit, and 'start' mode moves S."""
    page = browser_page
    open_lesson(page, app_url, "deep_q")
    page.locator(EDITOR).first.wait_for(timeout=120_000)
    for expect in (".#.G/.#.P/S...", ".P.G/.#.P/S..."):
        _cell_click(page, 0, 1, 3, 4)
        page.wait_for_function(LAYOUT_IS, arg=expect, timeout=30_000)
        wait_idle(page)
    page.get_by_text("moves the start there").click()
    wait_idle(page)
    _cell_click(page, 2, 3, 3, 4)
    page.wait_for_function(LAYOUT_IS, arg=".P.G/.#.P/...S", timeout=30_000)
    assert_no_exception(page)
