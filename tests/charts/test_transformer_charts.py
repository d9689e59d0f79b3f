"""Test the tiny-Transformer figure builders on synthetic arrays."""

import numpy as np
import pytest

from vizlib.charts.transformer import (
    attention_grid_figure,
    next_char_figure,
    output_vs_target_figure,
    training_curves_figure,
)


def test_training_curves_have_loss_and_accuracy_traces():
    """Test that loss, eval loss and accuracies (in percent) become separate traces."""
    metrics = {"eval_loss": [2.0, 1.0], "token_acc": [0.5, 0.75], "seq_acc": [0.1, 0.2]}
    names = {"loss": "L", "eval_loss": "E", "token_acc": "T", "seq_acc": "S"}
    fig = training_curves_figure([3.0, 2.5, 2.0], [1, 3], metrics, names, ("a", "b"), "step")
    by_name = {tr.name: tr for tr in fig.data}
    assert set(by_name) == {"L", "E", "T", "S"}
    assert list(by_name["L"].x) == [1, 2, 3]
    np.testing.assert_allclose(by_name["T"].y, [50.0, 75.0])
    assert by_name["S"].xaxis == "x2"


def test_training_curves_without_accuracy_has_one_panel():
    """Test that a loss-only history (the char GPT) gives a single panel."""
    fig = training_curves_figure(
        [1.0], [1], {"eval_loss": [1.2]}, {"loss": "L", "eval_loss": "E"}, ("a", "b"), "step"
    )
    assert {tr.xaxis for tr in fig.data} == {"x"}


def test_attention_grid_has_one_heatmap_per_layer_and_head():
    """Test that an (L, nh, T, T) array gives L*nh heatmaps with the token labels on the axes."""
    rng = np.random.default_rng(0)
    att = rng.random((2, 3, 4, 4))
    fig = attention_grid_figure(att, ["a", " ", "\n", "a"], "L{layer} H{head}", "key", "query")
    heat = [tr for tr in fig.data if tr.type == "heatmap"]
    assert len(heat) == 6
    np.testing.assert_allclose(np.asarray(heat[4].z), att[1, 1])  # row-major: layer 2, head 2
    assert list(fig.layout.xaxis.ticktext) == ["a", "␣", "↵", "a"]
    titles = [a.text for a in fig.layout.annotations]
    assert "L2 H3" in titles


def test_attention_grid_rejects_mismatched_tokens():
    """Test that a token list of the wrong length raises ValueError."""
    with pytest.raises(ValueError):
        attention_grid_figure(np.zeros((1, 1, 3, 3)), ["a", "b"], "{layer}{head}", "k", "q")


def test_output_vs_target_marks_right_and_wrong():
    """Test that output cells are 1 where they equal the target and 0 where they differ."""
    fig = output_vs_target_figure([1, 2, 3], [1, 5, 3], ("target", "output"))
    z = np.asarray(fig.data[0].z)
    assert z[1].tolist() == [1.0, 0.0, 1.0]
    assert [list(r) for r in fig.data[0].text] == [["1", "2", "3"], ["1", "5", "3"]]


def test_next_char_figure_sorts_top_k():
    """Test that the bars show the top-k characters in decreasing probability."""
    probs = np.array([0.1, 0.5, 0.05, 0.35])
    fig = next_char_figure(probs, "ab\nd", "char", "p", top_k=3)
    assert list(fig.data[0].x) == ["b", "d", "a"]
    np.testing.assert_allclose(fig.data[0].y, [0.5, 0.35, 0.1])
