"""Tests for vizlib.lessons.cnn_mnist.charts: traces from synthetic arrays, valid plotly specs."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.lessons.cnn_mnist import charts as ch


def _valid(fig: go.Figure) -> dict:
    """Rebuild with plotly's validation on (raises on any invalid property) and return the dict."""
    return go.Figure(fig.to_dict()).to_dict()


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 20),
    h=st.integers(1, 6),
    w=st.integers(1, 6),
    cols=st.integers(1, 8),
    mode=st.sampled_from(ch.GRID_MODES),
    seed=st.integers(0, 1000),
    vpad=st.integers(1, 4),
)
def test_tile_places_every_image_scaled(n, h, w, cols, mode, seed, vpad):
    """Test that tile puts image i at its grid cell, scaled per mode, with NaN gaps between."""
    imgs = np.random.default_rng(seed).normal(size=(n, h, w))
    m = ch.tile(imgs, cols, mode, vpad=vpad)
    c = min(cols, n)
    assert m.shape == (-(-n // c) * (h + vpad) - vpad, c * (w + 1) - 1)
    for i, img in enumerate(imgs):
        r, k = divmod(i, c)
        cell = m[r * (h + vpad) : r * (h + vpad) + h, k * (w + 1) : k * (w + 1) + w]
        if mode == "signed":
            np.testing.assert_allclose(cell, img / np.abs(imgs).max())
        elif mode == "global":
            span = imgs.max() - imgs.min()
            np.testing.assert_allclose(cell, (img - imgs.min()) / (span if span > 0 else 1.0))
        elif img.max() > img.min():
            np.testing.assert_allclose(cell, (img - img.min()) / (img.max() - img.min()))
    assert np.isnan(m).sum() == m.size - n * h * w


def test_tile_rejects_unknown_mode():
    """Test that an unknown scaling mode raises instead of drawing something wrong."""
    with pytest.raises(ValueError):
        ch.tile(np.zeros((2, 3, 3)), 2, "nope")


def test_image_grid_figure_signed_filters_and_captions():
    """Test that filters use a symmetric red/blue scale and captions become annotations."""
    w = np.random.default_rng(0).normal(size=(6, 3, 3))
    fig = _valid(ch.image_grid_figure(w, "Filters", cols=3, mode="signed", captions=list("abcdef")))
    tr = fig["data"][0]
    assert tr["type"] == "heatmap" and tr["zmin"] == -1 and tr["zmax"] == 1
    # negative blue, zero white, positive red (as the page's caption says)
    assert [c[1] for c in tr["colorscale"]] == ["#2166ac", "#f7f7f7", "#b2182b"]
    assert [a["text"] for a in fig["layout"]["annotations"]] == list("abcdef")
    # caption 4 sits over the centre column of tile (row 1, col 1): x = 1 * (3 + 1) + 1
    assert fig["layout"]["annotations"][4]["x"] == 5 and fig["layout"]["annotations"][4]["y"] > 0
    z = np.array(tr["z"], dtype=float)
    assert z.shape == (3 + 2 + 3, 11) and np.nanmax(np.abs(z)) == pytest.approx(1.0, abs=1e-4)


def test_digit_and_probability_figures():
    """Test that a digit keeps its values and the predicted/true bars are coloured apart."""
    img = np.arange(12, dtype=float).reshape(3, 4) / 11
    d = _valid(ch.digit_figure(img, "digit"))
    signed = _valid(ch.digit_figure(img - 0.5, "z", signed=True))["data"][0]
    assert signed["zmin"] == -signed["zmax"] == pytest.approx(-0.5)
    assert signed["colorscale"][1][1] == "#f7f7f7"
    np.testing.assert_allclose(np.array(d["data"][0]["z"]), img, atol=1e-4)
    p = np.full(10, 0.05)
    p[3] = 0.55
    fig = _valid(ch.probability_figure(p, "probs", "digit", "p", true_label=7))
    colors = fig["data"][0]["marker"]["color"]
    assert colors[3] != colors[0] and colors[7] not in (colors[0], colors[3])
    assert list(fig["data"][0]["y"]) == pytest.approx(list(p))


def test_confusion_figure_writes_counts_and_row_shares():
    """Test that the confusion heatmap writes the counts and colours by share of each true digit."""
    m = np.random.default_rng(1).integers(0, 30, (10, 10))
    fig = _valid(ch.confusion_figure(m, "Confusion", "predicted", "true"))
    tr = fig["data"][0]
    assert np.array(tr["text"]).astype(int).tolist() == m.tolist()
    np.testing.assert_allclose(np.array(tr["z"]), m / m.sum(1, keepdims=True), atol=1e-4)
    assert fig["layout"]["xaxis"]["title"]["text"] == "predicted"
    assert tr["colorscale"][0][1] == "#f7fbff"  # few mistakes = light, so the diagonal stands out


def test_filter_strip_tiles_filters_scaled_by_the_peak_with_gaps():
    """Test that the strip holds each filter / max|w| at its tile, with NaN gaps between tiles."""
    w = np.arange(-9.0, 9.0).reshape(2, 3, 3)
    z = ch.filter_strip(w, cols=16)
    assert z.shape == (3, 7)
    np.testing.assert_array_equal(z[:, :3], w[0] / 9.0)
    np.testing.assert_array_equal(z[:, 4:], w[1] / 9.0)
    assert np.isnan(z[:, 3]).all()
