"""Test that the attention chart builders produce valid plotly figures with the expected traces."""

import base64

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from vizlib.lessons.self_attention.charts import (
    MAX_TEXT_CELLS,
    NEG_INF,
    diff_bar_figure,
    heads_figure,
    matrix_figure,
)


def decode_array(v) -> np.ndarray:
    """A plotly array as numpy: a list, an array, or plotly's base64 typed-array dict."""
    if isinstance(v, dict):
        flat = np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"])
        shape = [int(n) for n in str(v.get("shape", len(flat))).split(",")]
        return flat.reshape(shape).astype(float)
    return np.array(v, dtype=float)  # None -> nan


def _validated(fig: go.Figure) -> dict:
    """Rebuild with plotly's validation on: raises if the unvalidated spec is invalid."""
    return go.Figure(fig.to_dict()).to_dict()


def test_matrix_figure_numbers_labels_and_notes():
    """Test that a matrix becomes one heatmap with its numbers, tick labels and row notes."""
    m = np.array([[0.5, -1.25], [2.0, 0.0]])
    fig = _validated(matrix_figure(m, ["the", "the"], ["a", "b"], "Title", row_notes=["n1", "n2"]))
    (tr,) = fig["data"]
    assert tr["type"] == "heatmap"
    assert tr["text"] == [["0.50", "−1.25"], ["2.00", "0"]]
    assert fig["layout"]["yaxis"]["ticktext"] == [
        "the",
        "the",
    ]  # duplicates stay two rows
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["n1", "n2"]
    assert fig["layout"]["title"]["text"] == "Title"
    assert tr["zmid"] == 0.0 and tr["zmax"] == 2.0


def test_masked_cells_are_blank_and_marked():
    """Test that -inf cells have no colour (None) and show the −∞ sign."""
    m = np.array([[1.0, -np.inf], [0.5, 0.25]])
    tr = _validated(matrix_figure(m, ["x", "y"], ["x", "y"], "t"))["data"][0]
    z = decode_array(tr["z"])
    assert np.isnan(z[0, 1]) and z[1, 0] == 0.5
    assert tr["text"][0][1] == NEG_INF


def test_unit_scale_and_large_matrix_drops_numbers():
    """Test that weights use a fixed [0, 1] scale and large matrices are shown without text."""
    tr = _validated(matrix_figure(np.eye(3), list("abc"), list("abc"), "w", unit=True))["data"][0]
    assert (tr["zmin"], tr["zmax"]) == (0.0, 1.0)
    big = np.zeros((MAX_TEXT_CELLS + 1, 1))
    tr = _validated(matrix_figure(big, [str(i) for i in range(len(big))], ["c"], "pe"))["data"][0]
    assert "text" not in tr


def test_heads_figure_one_heatmap_per_head_on_own_axes():
    """Test that n heads give n heatmaps on distinct axes with their titles."""
    mats = [np.full((3, 3), h / 10) for h in range(6)]
    fig = _validated(heads_figure(mats, list("abc"), list("abc"), [f"h{h}" for h in range(6)]))
    assert len(fig["data"]) == 6
    assert len({(tr["xaxis"], tr["yaxis"]) for tr in fig["data"]}) == 6
    assert [a["text"] for a in fig["layout"]["annotations"]] == [f"h{h}" for h in range(6)]
    assert fig["data"][5]["text"][0][0] == "0.50"


def test_diff_bar_figure_values():
    """Test that the difference bars carry the values and their formatted labels."""
    fig = _validated(diff_bar_figure(np.array([0.0, 0.1234]), ["a", "b"], "t", "y"))
    (bar,) = fig["data"]
    assert decode_array(bar["y"]).tolist() == [0.0, 0.1234] and list(bar["text"]) == [
        "0.000",
        "0.123",
    ]


def test_figures_do_not_carry_plotly_default_template():
    """Test that figures leave styling to the app theme (no 6 kB default template)."""
    fig = matrix_figure(np.eye(2), ["a", "b"], ["a", "b"], "t")
    text = pio.to_json(fig, validate=False)
    assert '"colorway"' not in text and len(text) < 2000
