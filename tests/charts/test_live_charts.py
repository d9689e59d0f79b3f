"""Test the live (Vega-Lite) chart builders with synthetic data."""

import math

import numpy as np

from vizlib.charts.live import bar_chart, heatmap_chart, line_chart, series_frame


def test_series_frame_drops_non_finite_and_non_positive_on_log():
    """Test that nan/inf rows are dropped, and y <= 0 too when the axis is logarithmic."""
    s = {"a": ([0, 1, 2, 3], [1.0, math.nan, 0.0, 2.0]), "b": ([0], [math.inf])}
    lin = series_frame(s)
    assert lin["y"].tolist() == [1.0, 0.0, 2.0] and set(lin["series"]) == {"a"}
    assert series_frame(s, positive=True)["y"].tolist() == [1.0, 2.0]


def test_line_chart_has_lines_and_dashed_reference_rules():
    """Test that the chart layers the series' lines and one dashed rule per reference value."""
    spec = line_chart(
        {"train": ([1, 2, 3], [3.0, 2.0, 1.5]), "val": ([2], [2.5])},
        x_title="step",
        y_title="loss",
        refs={"uniform": 3.3, "bigram": 2.4},
        log_y=True,
    ).to_dict()
    lines, rules = spec["layer"]
    assert lines["mark"]["type"] == "line" and rules["mark"]["type"] == "rule"
    assert rules["mark"]["strokeDash"] == [6, 4]
    assert lines["encoding"]["y"]["scale"]["type"] == "log"
    domain = lines["encoding"]["color"]["scale"]["domain"]
    assert domain == ["train", "val", "uniform", "bigram"]


def test_heatmap_chart_labels_cells_and_fixes_the_colour_domain():
    """Test that every cell is one row of data, labels map positions, and the domain is fixed."""
    z = np.arange(6.0).reshape(2, 3) / 5
    spec = heatmap_chart(
        z, x_labels=["a", "b", "c"], y_labels=["p", "q"], x_title="key", y_title="query",
        value_title="weight",
    ).to_dict()  # fmt: skip
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 6
    assert {(r["yl"], r["xl"], r["v"]) for r in rows} == {
        (q, k, z[i, j]) for i, q in enumerate("pq") for j, k in enumerate("abc")
    }
    assert spec["encoding"]["color"]["scale"]["domain"] == [0.0, 1.0]
    assert "['a','b','c']" in spec["encoding"]["x"]["axis"]["labelExpr"]


def test_empty_line_chart_still_has_axes():
    """Test that before any training the chart keeps fixed axes instead of collapsing."""
    spec = line_chart({"train": ([], [])}, x_title="step", y_title="loss").to_dict()
    enc = spec["layer"][0]["encoding"]
    assert enc["x"]["scale"]["domain"] == [0, 1] and enc["y"]["scale"]["domain"] == [0.0, 1.0]


def test_bar_chart_keeps_the_given_order_and_a_fixed_domain():
    """Test that bars keep the caller's order (no alphabetical sort), one row per bar, with a
    fixed y domain and each bar's value printed above it."""
    spec = bar_chart(["b", "a", "↵"], [0.5, 0.3, 0.2], x_title="next", y_title="p").to_dict()
    bars, text = spec["layer"]
    assert bars["mark"]["type"] == "bar" and text["mark"]["type"] == "text"
    assert bars["encoding"]["x"]["sort"] is None
    assert bars["encoding"]["y"]["scale"]["domain"] == [0.0, 1.0]
    rows = next(iter(spec["datasets"].values()))
    assert [(r["label"], r["v"]) for r in rows] == [("b", 0.5), ("a", 0.3), ("↵", 0.2)]


def test_line_chart_legend_wraps_into_columns_when_asked():
    """Test that `legend_columns` reaches the legend, and that the default leaves it unset."""
    series = {"a": ([1], [1.0])}
    wrapped = line_chart(series, x_title="x", y_title="y", legend_columns=2).to_dict()
    plain = line_chart(series, x_title="x", y_title="y").to_dict()
    assert wrapped["layer"][0]["encoding"]["color"]["legend"]["columns"] == 2
    assert "columns" not in plain["layer"][0]["encoding"]["color"]["legend"]
