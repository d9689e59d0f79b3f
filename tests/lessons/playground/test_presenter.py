"""Test the playground's presenter layout in AppTest (the browser check of the map's position is
tests/e2e/test_presenter_e2e.py)."""

from tests.apptest import page_test, secondary_labels


def test_presenter_mode_leaves_out_the_presets_with_their_title():
    """Test that the teaching presets (title and buttons) sit in the container that presenter
    mode leaves out, and the page still renders its map."""
    at = page_test("playground", {"present": "1"})
    assert not at.exception
    left_out = secondary_labels(at, "presets_playground")
    assert "**Teaching presets (one click each)**" in left_out and "Overfitting" in left_out
    assert at.session_state["playground.live.run"] is not None
