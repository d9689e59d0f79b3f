"""Test the loss lesson's chart builders on synthetic data."""

import numpy as np

from tests.apptest import chart_specs, page_test
from vizlib.lessons.losses.charts import vector_bars_figure


def test_bars_have_both_axis_titles():
    """Test that the grouped bar chart titles its x axis (the elements) and its y axis."""
    fig = vector_bars_figure(
        ["1", "2"], {"y": np.array([1.0, 0.0]), "p": np.array([0.8, 0.2])}, "value", x_title="i"
    )
    assert fig.layout.xaxis.title.text == "i"
    assert fig.layout.yaxis.title.text == "value"
    assert [tr.name for tr in fig.data] == ["y", "p"]


def test_every_chart_on_the_page_titles_its_x_axis():
    """Test that each plotly chart on the page has a non-empty x-axis title, in both languages."""
    for lang in ("en", "zh"):
        at = page_test("losses", {"lang": lang})
        specs = chart_specs(at)
        assert len(specs) == 2
        for spec in specs:
            title = spec["layout"]["xaxis"].get("title", {}).get("text", "")
            assert title.strip(), spec["layout"]["xaxis"]
