"""Test in Chromium, with every request that leaves 127.0.0.1 blocked, that each page loads with
no failed request and no console error, its icons come from the app, and its Chinese renders.

The only failures allowed are Streamlit's own connection probes on a page's first load:
Streamlit 1.67's frontend tries `/<page>/_stcore/health` and `/<page>/_stcore/host-config` first
(in case the app itself is served under the path `/<page>`), gets 404, then uses `/_stcore/...`.
No server setting changes this: the candidates come from the address bar (or from a
`window.__streamlit` object that only an embedding page can set), so a deep link to a lesson always
costs these two 404s, and the landing page (path `/`) none.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import assert_no_exception, open_lesson
from tests.e2e.glyphs import cjk_chars, missing_glyphs, render_cells
from vizlib.ui.lessons import available_lessons

pytestmark = pytest.mark.e2e
PAGES = ["", *(lesson.slug for lesson in available_lessons())]
CHARTS = ".js-plotly-plot, [data-testid='stVegaLiteChart'], [data-testid='stGraphVizChart']"
ICON_FONT_JS = """() => [...document.fonts]
  .filter(f => f.family.replace(/["']/g, '') === 'Material Symbols Rounded')
  .map(f => f.status)"""


def streamlit_probes(app_url: str, slug: str) -> set[str]:
    """The two URLs Streamlit's frontend probes, and gets 404 for, on a deep link to `slug`."""
    return (
        {f"{app_url}/{slug}/_stcore/health", f"{app_url}/{slug}/_stcore/host-config"}
        if slug
        else set()
    )


class Traffic:
    """Every request of a page that left loopback (blocked), failed, or logged a console error."""

    def __init__(self, page, app_url: str):
        self.host = urlsplit(app_url).hostname
        self.blocked: list[str] = []
        self.failed: list[str] = []  # "<url> <reason or HTTP status>"
        self.console: list[tuple[str, str]] = []  # (text, url of the resource it is about)
        page.route("**/*", self._route)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}"))
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.console.append((f"page error: {e}", "")))

    def _route(self, route) -> None:
        if urlsplit(route.request.url).hostname == self.host:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("internetdisconnected")

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.console.append((msg.text, msg.location.get("url", "")))


@pytest.mark.parametrize("slug", PAGES)
def test_page_loads_offline_with_its_icons_and_chinese_glyphs(browser_page, app_url, slug):
    """Test that a page (in Chinese) requests nothing beyond 127.0.0.1, has no failed request and
    no console error besides Streamlit's two named probes, loads its icon font from the app, and
    draws its title's Chinese characters as real glyphs, not missing-glyph boxes."""
    page = browser_page
    traffic = Traffic(page, app_url)
    open_lesson(page, app_url, slug, "lang=zh")
    if slug:
        page.locator(CHARTS).first.wait_for(state="visible", timeout=90_000)
    page.wait_for_load_state("networkidle")
    assert_no_exception(page)

    allowed = streamlit_probes(app_url, slug)
    assert traffic.blocked == [], "requests left 127.0.0.1"
    assert [f for f in traffic.failed if f"{f.split()[0]}" not in allowed or " 404" not in f] == []
    assert [c for c in traffic.console if c[1] not in allowed] == []
    assert "loaded" in page.evaluate(ICON_FONT_JS), "the Material Symbols font did not load"
    favicon = page.evaluate("() => document.querySelector(\"link[rel*='icon']\")?.href")
    assert favicon and urlsplit(favicon).hostname == traffic.host, favicon

    chars = cjk_chars(page.locator("h1").first.inner_text())
    assert len(chars) >= 2, "the Chinese page's title has too few Chinese characters to check"
    bad = missing_glyphs(chars, render_cells(page, chars, "h1"))
    assert bad == [], f"drawn as missing-glyph boxes (install a CJK font, fonts-noto-cjk): {bad}"
