"""Test in Chromium that every page's interactive controls have an accessible name.

Every input, select, textarea, button and element with a control role is found in the DOM, and
its name is the browser's own (Chromium's accessibility node over the DevTools protocol): the
name a screen reader reads. Collapsed expanders are opened first, so their controls count too.
"""

import time

import pytest

from tests.browser import assert_no_exception, wait_idle
from vizlib.ui.lessons import available_lessons

pytestmark = pytest.mark.e2e
MAIN = "[data-testid='stMainBlockContainer']"
PAGES = [""] + [lesson.slug for lesson in available_lessons()]

# ARIA roles of the controls a keyboard or screen-reader user operates.
CONTROL_ROLES = {
    "textbox", "searchbox", "spinbutton", "combobox", "listbox", "slider", "button",
    "checkbox", "switch", "radio", "menuitemcheckbox", "menuitemradio", "tab",
}  # fmt: skip

# Where a control sits: its Streamlit element type and widget key (st-key-<key> class), if any.
DESCRIBE_JS = """function () {
  const el = this.nodeType === 1 ? this : this.parentElement;
  const keyed = el.closest("[class*='st-key-']");
  const key = keyed ? [...keyed.classList].find(c => c.startsWith("st-key-")) : "";
  const widget = el.closest("[data-testid^='st']");
  return [el.tagName.toLowerCase(), widget ? widget.dataset.testid : "", key || "",
          (el.outerHTML || "").slice(0, 160)].join(" | ");
}"""


def open_and_settle(page, app_url: str, slug: str, query: str, timeout_s: float = 90) -> None:
    """Open a page and wait until it drew everything: the script idle, no loading skeleton, and
    the count of elements and controls unchanged for 2 s (fragments such as the live panel come
    later). Generous timeouts: the suite may share a slow machine."""
    page.goto(f"{app_url}/{slug}?{query}")
    first = page.locator(f"{MAIN} [data-testid='stElementContainer']").first
    first.wait_for(state="attached", timeout=timeout_s * 1000)
    count_js = f"""() => document.querySelectorAll("[data-testid='stElementContainer'], {CONTROLS}")
        .length + (document.querySelector("[data-testid='stSkeleton']") ? 1e6 : 0)
        + (document.querySelector("[data-testid='stStatusWidget']") ? 2e6 : 0)
        + (document.querySelector("{MAIN} [data-testid='stElementContainer']") ? 0 : 4e6)"""
    deadline, last, since = time.monotonic() + timeout_s, -1, time.monotonic()
    while time.monotonic() < deadline:
        n = page.evaluate(count_js)
        if n != last or n >= 1e6:  # changed, still loading, or the script still running
            last, since = n, time.monotonic()
        elif time.monotonic() - since >= 2.0:
            return
        page.wait_for_timeout(250)


# Every element that is, or claims the role of, a control; Chromium computes each one's name.
CONTROLS = ", ".join(
    ["input:not([type=hidden])", "select", "textarea", "button", "summary"]
    + [f"[role={role}]" for role in sorted(CONTROL_ROLES)]
)


def _describe(cdp, node_id: int, role: str) -> str:
    obj = cdp.send("DOM.resolveNode", {"nodeId": node_id})
    res = cdp.send(
        "Runtime.callFunctionOn",
        {"objectId": obj["object"]["objectId"], "functionDeclaration": DESCRIBE_JS,
         "returnByValue": True},
    )  # fmt: skip
    return f"{role}: {res['result'].get('value', '')}"


def _named(node: dict) -> bool:
    """Whether Chromium computed a name for the node from something other than a placeholder
    (a placeholder is a hint that goes away on typing, not a label)."""
    name = node.get("name", {})
    used = [
        src
        for src in name.get("sources", [])
        if str(src.get("value", {}).get("value", "")).strip() and not src.get("superseded")
    ]
    only_hint = bool(used) and all(src.get("type") == "placeholder" for src in used)
    return bool(str(name.get("value", "")).strip()) and not only_hint


def open_expanders(page) -> None:
    """Click every closed expander open (Streamlit keeps a closed one's content hidden)."""
    clicked = False
    for summary in page.locator("details:not([open]) > summary").all():
        if summary.is_visible():
            summary.click()
            clicked = True
    if clicked and page.locator("[data-testid='stApp']").count():
        page.wait_for_timeout(500)  # the opened expanders draw their content
        wait_idle(page)


def _backend_ids(node: dict, out: dict[int, int]) -> dict[int, int]:
    """DOM nodeId -> backendNodeId for the whole document tree (from DOM.getDocument)."""
    out[node["nodeId"]] = node["backendNodeId"]
    for child in node.get("children", []):
        _backend_ids(child, out)
    return out


def unnamed_controls(page) -> list[str]:
    """Each control on the page that Chromium exposes (not hidden) with no accessible name, or
    with only a placeholder for one. The accessibility tree is fetched once for the whole page
    (a call per control took ~1.4 s on the playground's 80 controls)."""
    open_expanders(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("Accessibility.enable")
    doc = cdp.send("DOM.getDocument", {"depth": -1})["root"]
    backend = _backend_ids(doc, {})
    ax = {n["backendDOMNodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]
          if "backendDOMNodeId" in n}  # fmt: skip
    found = []
    for node_id in cdp.send(
        "DOM.querySelectorAll", {"nodeId": doc["nodeId"], "selector": CONTROLS}
    )["nodeIds"]:
        node = ax.get(backend.get(node_id))
        if node is None or node.get("ignored"):
            continue
        role = node.get("role", {}).get("value", "")
        if role in CONTROL_ROLES and not _named(node):
            found.append(_describe(cdp, node_id, role))
    cdp.detach()
    return found


def page_report(page) -> list[str]:
    """The unnamed controls of the page, then of each popover opened in turn (e.g. Keys)."""
    found = unnamed_controls(page)
    for button in page.locator("[data-testid='stPopoverButton']").all():
        if button.is_visible():
            button.click()
            page.wait_for_timeout(300)
            found += [f"(in popover) {f}" for f in unnamed_controls(page)]
            page.keyboard.press("Escape")
    return list(dict.fromkeys(found))


# Every page in English; in Chinese a sample (labels come from the same t() keys, and the
# catalogues have identical key sets): the suite's time goes to pages, not to languages.
ZH_SAMPLE = ("", "playground", "convolution")
CASES = [(s, "en") for s in PAGES] + [(s, "zh") for s in ZH_SAMPLE if s in PAGES]


@pytest.mark.parametrize("slug, lang", CASES, ids=[f"{s or 'home'}-{lang}" for s, lang in CASES])
def test_every_control_has_an_accessible_name(browser_page, app_url, slug, lang):
    """Test that no button, input, select, slider, checkbox, switch or radio on the page (with
    its expanders and popovers opened) lacks an accessible name."""
    open_and_settle(browser_page, app_url, slug, f"lang={lang}")
    assert_no_exception(browser_page)
    missing = page_report(browser_page)
    assert not missing, "controls with no accessible name:\n" + "\n".join(missing)


# Views a page only shows after a choice (their own controls): the page and its query.
OTHER_VIEWS = [
    ("convolution", "convolution.source=image"),
    ("convolution", "convolution.source=mnist"),
    ("convolution", "convolution.source=draw"),
    ("cnn_mnist", "cnn_mnist.view=errors"),
    ("cnn_mnist", "cnn_mnist.view=deep"),
    ("overfitting", "overfitting.mode=race"),
    ("overfitting", "overfitting.mode=sweep"),
    ("self_attention", "self_attention.source=matrices"),
    ("deep_q", "deep_q.mode=cartpole"),
    ("playground", "playground.dataset=csv"),
]


@pytest.mark.parametrize("slug, query", OTHER_VIEWS, ids=[q for _, q in OTHER_VIEWS])
def test_every_control_in_other_views_has_an_accessible_name(browser_page, app_url, slug, query):
    """Test the same in the views a page shows only after a choice (image sources, modes)."""
    open_and_settle(browser_page, app_url, slug, query)
    assert_no_exception(browser_page)
    missing = page_report(browser_page)
    assert not missing, "controls with no accessible name:\n" + "\n".join(missing)


def test_the_check_finds_unnamed_controls(browser):
    """Test that the check reports a bare button, a bare input, an input named only by its
    placeholder, an unnamed slider role and an unlabelled checkbox, and none of their labelled
    twins (aria-label, <label for>, a wrapping <label>, aria-labelledby, visible text)."""
    page = browser.new_page()
    page.set_content(
        """<button></button><input><input placeholder="hint"><div role="slider" tabindex="0"
        aria-valuenow="1"></div><input type="checkbox" id="c">
        <button>Go</button><input aria-label="x"><label for="y">Y</label><input id="y">
        <label>Z <input type="checkbox"></label><span id="n">N</span>
        <div role="slider" tabindex="0" aria-valuenow="1" aria-labelledby="n"></div>"""
    )
    found = unnamed_controls(page)
    page.close()
    assert len(found) == 5, found
    roles = [f.split(":")[0] for f in found]
    assert roles == ["button", "textbox", "textbox", "slider", "checkbox"], found
