"""Test that no lesson figure carries an empty or placeholder annotation (shown as "new text")."""

import pytest

from tests.apptest import chart_specs, page_test

PLACEHOLDERS = {"", "new text", "none", "null"}
# The lessons whose static figures this suite owns, each at its defaults plus a state that draws
# more of its figures (a preset with saturation, both pooling inputs...).
CASES = [
    ("neuron", {}),
    ("neuron", {"neuron.act": "tanh", "neuron.x1": "4"}),
    ("losses", {}),
    ("losses", {"losses.kind": "ce"}),
    ("backprop", {}),
    ("convolution", {}),
    ("convolution", {"convolution.pool_input": "input"}),
    ("self_attention", {}),
]


def bad_annotations(spec: dict) -> list[str]:
    """The texts of annotations in a plotly spec that are empty or a placeholder."""
    layout = spec.get("layout", {})
    return [
        repr(a.get("text"))
        for a in layout.get("annotations", [])
        if str(a.get("text") or "").strip().lower() in PLACEHOLDERS
    ]


def test_bad_annotations_finds_a_missing_text():
    """Test that the check flags an annotation without text (the neuron chart's old defect)."""
    spec = {"layout": {"annotations": [{"text": "saturated"}, {"x": 0, "showarrow": False}]}}
    assert bad_annotations(spec) == ["None"]


@pytest.mark.parametrize(("slug", "query"), CASES)
def test_no_figure_has_an_empty_or_placeholder_annotation(slug, query):
    """Test that every annotation of every plotly figure on the page has a real text."""
    at = page_test(slug, query)
    assert not at.exception
    specs = chart_specs(at)
    assert specs, f"{slug} drew no chart"
    bad = [b for spec in specs for b in bad_annotations(spec)]
    assert not bad, f"{slug} {query}: annotations {bad}"
