"""Test presenter mode's style: how it reaches the browser, and only when presenter mode is on."""

from tests.apptest import app_test


def _styles(at) -> list[str]:
    return [m.value for m in at.markdown if "<style>" in m.value and "font-size: 19px" in m.value]


def test_presenter_style_is_sent_as_markdown_in_a_self_hiding_container():
    """Test that with present=1 the large-type style comes as Markdown (its renderer is loaded
    with the page; st.html's is fetched on first use and arrived seconds late on a busy server),
    inside the container the style itself hides; without present=1 there is no such style."""
    at = app_test({"present": "1"})
    assert not at.exception
    (style,) = _styles(at)
    assert ".st-key-present_style" in style
    assert not [h for h in at.get("html") if "font-size: 19px" in h.proto.body]
    assert not _styles(app_test())
