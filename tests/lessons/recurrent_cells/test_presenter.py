"""Test the recurrent-cells presenter layout in AppTest (the browser check of the heat map's
position is tests/e2e/test_presenter_e2e.py)."""

from tests.apptest import chart_specs, page_test


def _heat(at) -> dict:
    return next(s for s in chart_specs(at) if s.get("data") and s["data"][0]["type"] == "heatmap")


def _settings_in_a_column(at) -> bool:
    """Whether one column holds both the cell choice and the input sequence (a side column)."""
    return any(
        col.get("radio") and any(w.key == "recurrent_cells.seq" for w in col.get("text_input"))
        for col in at.columns
    )


def test_presenter_mode_folds_the_weights_and_sets_the_heat_map_type_large():
    """Test that with present=1 the weights expander starts folded, the settings sit in a column
    beside the step-through, the heat map's text is large, and Next still steps; without it, the
    weights are open and the heat map keeps the theme's type."""
    at = page_test("recurrent_cells", {"present": "1"})
    assert not at.exception
    assert at.expander[0].proto.expanded is False
    assert _settings_in_a_column(at)
    assert _heat(at)["layout"]["font"]["size"] >= 18
    at.button(key="recurrent_cells.next").click().run()
    assert not at.exception and at.session_state["recurrent_cells.step"] == 2
    normal = page_test("recurrent_cells")
    assert normal.expander[0].proto.expanded is True and not _settings_in_a_column(normal)
    assert "font" not in _heat(normal)["layout"]
