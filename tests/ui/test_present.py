"""Test presenter mode's style: how it reaches the browser, and only when presenter mode is on."""

from tests.apptest import app_test, page_test


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


def _walkthrough_button_in_a_column(at) -> bool:
    return any(b.label.startswith("Walkthrough") for col in at.columns for b in col.get("button"))


def test_the_walkthrough_button_sits_in_the_title_row():
    """Test that the button that opens the walkthrough sits in a column of the title's row (one
    row less above the main chart), in presenter mode and normally."""
    for query in ({"present": "1"}, {}):
        at = page_test("char_models", {**query, "char_models.hidden": "32"})
        assert not at.exception
        assert _walkthrough_button_in_a_column(at), query
