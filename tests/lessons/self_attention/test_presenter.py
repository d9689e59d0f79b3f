"""Test the self-attention presenter layout in AppTest (the browser check of the attention
weights' position is tests/e2e/test_presenter_e2e.py)."""

from tests.apptest import chart_specs, chart_title, page_test, secondary_labels


def _titles(at) -> list[str]:
    return [chart_title(s) for s in chart_specs(at)]


def test_presenter_mode_shows_the_attention_weights_first_and_leaves_out_the_examples():
    """Test that with present=1 the attention weights (and the tempered scores beside them) are
    the page's first charts, X and the projections start folded, and the worked examples sit in
    the container presenter mode leaves out; normally the stages come in order from X."""
    at = page_test("self_attention", {"present": "1"})
    assert not at.exception
    titles = _titles(at)
    assert "attention weights" in titles[1], titles[:3]
    assert at.expander[0].proto.expanded is False
    assert any(
        "Worked example" in label for label in secondary_labels(at, "self_attention_presets")
    )
    normal = page_test("self_attention")
    assert "attention weights" not in _titles(normal)[1]
    assert normal.expander[0].proto.expanded is True
