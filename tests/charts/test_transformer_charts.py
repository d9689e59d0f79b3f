"""Test the tiny-Transformer chart builders (Vega-Lite) on synthetic arrays."""

import numpy as np
import pytest

from tests.apptest import chart_title, vega_rows
from vizlib.charts.transformer import (
    attention_grid_chart,
    next_char_chart,
    output_vs_target_chart,
    training_curves_charts,
)


def test_training_curves_have_loss_and_accuracy_series():
    """Test that loss and eval loss share a log chart and accuracies (in percent) get their own."""
    metrics = {"eval_loss": [2.0, 1.0], "token_acc": [0.5, 0.75], "seq_acc": [0.1, 0.2]}
    names = {"loss": "L", "eval_loss": "E", "token_acc": "T", "seq_acc": "S"}
    loss, acc = (
        c.to_dict()
        for c in training_curves_charts([3.0, 2.5, 2.0], [1, 3], metrics, names, ("a", "b"), "s")
    )
    rows = vega_rows(loss)
    assert [r["x"] for r in rows if r["series"] == "L"] == [1, 2, 3]
    assert {r["series"] for r in rows} == {"L", "E"}
    assert loss["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    t_rows = [r["y"] for r in vega_rows(acc) if r["series"] == "T"]
    np.testing.assert_allclose(t_rows, [50.0, 75.0])
    assert chart_title(acc) == "b"


def test_training_curves_without_accuracy_has_one_chart():
    """Test that a loss-only history (the char GPT) gives a single chart."""
    charts = training_curves_charts(
        [1.0], [1], {"eval_loss": [1.2]}, {"loss": "L", "eval_loss": "E"}, ("a", "b"), "step"
    )
    assert len(charts) == 1


def test_attention_grid_has_one_map_per_layer_and_head():
    """Test that an (L, nh, T, T) array gives L*nh facet panels in layer-major order, with the
    weights of each map in place and whitespace tokens made visible on the axes."""
    rng = np.random.default_rng(0)
    att = rng.random((2, 3, 4, 4))
    spec = attention_grid_chart(
        att, ["a", " ", "\n", "a"], "L{layer} H{head}", "key", "query"
    ).to_dict()
    assert spec["facet"]["sort"] == ["L1 H1", "L1 H2", "L1 H3", "L2 H1", "L2 H2", "L2 H3"]
    assert spec["columns"] == 3
    rows = [r for r in vega_rows(spec) if r["panel"] == "L2 H2"]
    z = np.zeros((4, 4))
    for r in rows:
        z[r["q"], r["k"]] = r["w"]
    np.testing.assert_allclose(z, att[1, 1])
    axis = spec["spec"]["encoding"]["x"]["axis"]
    assert "'␣'" in axis["labelExpr"] and "'↵'" in axis["labelExpr"]


def test_attention_grid_titles_sit_in_headers_and_labels_never_overlap():
    """Test the two defects of the plotly grid: each map's title is a facet header (drawn apart
    from the tick labels, not an annotation over them), and crowded tick labels are thinned."""
    spec = attention_grid_chart(np.full((2, 1, 30, 30), 1 / 30), list("x" * 30), "{layer}{head}",
                                "key", "query").to_dict()  # fmt: skip
    assert "title" not in spec["spec"]
    for ax in ("x", "y"):
        assert spec["spec"]["encoding"][ax]["axis"]["labelOverlap"] == "greedy"


def test_attention_grid_rejects_mismatched_tokens():
    """Test that a token list of the wrong length raises ValueError."""
    with pytest.raises(ValueError):
        attention_grid_chart(np.zeros((1, 1, 3, 3)), ["a", "b"], "{layer}{head}", "k", "q")


def test_output_vs_target_marks_right_and_wrong():
    """Test that output cells are 'right' where they equal the target and 'wrong' elsewhere."""
    rows = vega_rows(output_vs_target_chart([1, 2, 3], [1, 5, 3], ("target", "output")).to_dict())
    out = [r for r in rows if r["row"] == "output"]
    assert [r["state"] for r in out] == ["right", "wrong", "right"]
    assert [r["text"] for r in rows if r["row"] == "target"] == ["1", "2", "3"]
    assert [r["text"] for r in out] == ["1", "5", "3"]


def test_next_char_chart_sorts_top_k():
    """Test that the bars show the top-k characters in decreasing probability."""
    probs = np.array([0.1, 0.5, 0.05, 0.35])
    rows = vega_rows(next_char_chart(probs, "ab\nd", "char", "p", top_k=3).to_dict())
    assert [r["char"] for r in rows] == ["b", "d", "a"]
    np.testing.assert_allclose([r["p"] for r in rows], [0.5, 0.35, 0.1])
