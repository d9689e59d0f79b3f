"""Test that the playground charts draw the expected traces from synthetic arrays."""

import base64
import io

import numpy as np
from PIL import Image

from vizlib.lessons.playground.charts import (
    BLUE,
    ORANGE,
    _rgb,
    boundary_figure,
    class_image,
    gradient_health_figure,
    signed_output,
)
from vizlib.lessons.playground.charts_network import diverging_rgb, network_figure, thumbnail

LABELS_HEALTH = {
    "norm": "n",
    "units": "u",
    "layer": "layer {i}",
    "dead": "d",
    "saturated": "s",
    "epoch": "e",
}

B_LBL = {"title": "T", "train": "train", "test": "test", "x1": "x1", "x2": "x2"}


def _pts(n=6, k=2):
    rng = np.random.default_rng(0)
    return rng.uniform(-6, 6, (n, 2)), np.arange(n) % k


def test_binary_boundary_heatmap_and_points():
    """Test that a binary output becomes a [-1, 1] heatmap plus train and test scatters."""
    size = 80
    out = np.linspace(0, 1, size * size)
    fig = boundary_figure(out, size, "binary", _pts(), _pts(4), B_LBL)
    heat, train, test = fig.data
    assert heat.type == "heatmap" and np.asarray(heat.z).shape == (80, 80)
    np.testing.assert_allclose(np.asarray(heat.z).ravel(), 2 * out - 1)
    assert len(train.x) == 6 and len(test.x) == 4
    np.testing.assert_allclose(train.marker.color, _pts()[1] + 0.5)  # class c -> colour band c
    scale = [c for _, c in train.marker.colorscale]
    assert scale[0] == scale[1] == ORANGE and scale[2] == scale[3] == BLUE
    assert fig.layout.showlegend


def test_boundary_without_test_points_and_discretized():
    """Test that hiding test points drops their trace and discretize gives only signs."""
    out = np.array([0.1, 0.6, 0.4, 0.9])
    fig = boundary_figure(out, 2, "binary", _pts(), None, B_LBL, discretize=True)
    assert len(fig.data) == 2
    assert set(np.asarray(fig.data[0].z).ravel()) == {-1.0, 1.0}


def test_multiclass_boundary_is_an_image():
    """Test that class probabilities draw an RGB image whose argmax pixel has the class colour."""
    probs = np.zeros((9, 3))
    probs[:, 2] = 1.0
    fig = boundary_figure(probs, 3, "multiclass", _pts(k=3), None, B_LBL, discretize=True)
    assert fig.data[0].type == "image"
    img = class_image(probs, 3, True)
    assert img.shape == (3, 3, 3) and img.dtype == np.uint8
    assert img[0, 0, 1] > img[0, 0, 0]  # green dominates


def test_signed_output_regression_clips():
    """Test that regression values are clipped to [-1, 1] and nan stays nan."""
    v = signed_output(np.array([-3.0, 0.5, np.nan]), "regression", False)
    assert v[0] == -1 and v[1] == 0.5 and np.isnan(v[2])


def test_gradient_health_lines_per_layer():
    """Test that there is one norm line per layer, zeros hidden, and only finite unit stats."""
    norms = np.array([[0.0, 1.0, 2.0], [0.1, 0.5, 1.0]])
    fig = gradient_health_figure(
        np.arange(2), norms, np.array([np.nan] * 2), np.ones(2), LABELS_HEALTH
    )
    names = [d.name for d in fig.data]
    assert names == ["layer 1", "layer 2", "layer 3", "s"]
    assert np.isnan(fig.data[0].y[0])


def test_network_diagram_thumbnails_edges_and_dropped():
    """Test that every neuron is painted, every weight has an edge hover, dropped units are grey."""
    sizes, size, thumb = (2, 3, 1), 10, 5
    rng = np.random.default_rng(1)
    grids = [rng.normal(size=(size * size, n)) for n in sizes]
    weights = [rng.normal(size=(3, 2)), rng.normal(size=(1, 3))]
    dropped = [np.array([False, True, False])]
    lbl = {"title": "N", "weight": "w", "neuron": "L{layer} #{i}"}
    fig = network_figure(sizes, grids, size, weights, dropped, lbl, ["x1", "x2"], thumb=thumb)
    png = base64.b64decode(fig.data[0].source.split(",", 1)[1])
    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert fig.data[0].type == "image"
    hover = [d for d in fig.data if d.type == "scatter" and d.mode == "markers"]
    assert len(hover[0].customdata) == 9 and hover[0].hovertemplate.startswith("w = ")
    assert weights[1][0, 2] in hover[0].customdata
    assert list(hover[1].hovertext) == ["x1", "x2", "L1 #1", "L1 #2", "L1 #3", "L2 #1"]
    # the centre pixel of each hidden unit: the dropped one is grey (r = g = b roughly)
    cx = (np.array(hover[1].x) - 0.5).astype(int)
    cy = (np.array(hover[1].y) - 0.5).astype(int)
    px = [img[y, x].astype(float) for x, y in zip(cx, cy, strict=True)]
    spread = [p.max() - p.min() for p in px]
    assert spread[3] < min(spread[2], spread[4])
    widths = {d.line.width for d in fig.data if d.type == "scatter" and d.mode == "lines"}
    assert len(widths) >= 2


def test_diverging_colours():
    """Test that -1 maps to orange, +1 to blue, 0 and nan to the neutral colours."""
    rgb = diverging_rgb(np.array([-1.0, 0.0, 1.0, np.nan]))
    np.testing.assert_allclose(rgb[0], _rgb(ORANGE))
    np.testing.assert_allclose(rgb[2], _rgb(BLUE))
    np.testing.assert_allclose(rgb[1], rgb[3])


def test_thumbnail_scales_to_unit_peak():
    """Test that a thumbnail is subsampled and scaled so its largest |value| is 1."""
    img = thumbnail(np.arange(100.0) - 50, 10, 4)
    assert img.shape == (4, 4) and np.nanmax(np.abs(img)) == 1.0
    assert np.all(thumbnail(np.zeros(16), 4, 2) == 0)


def test_gradient_norm_ticks_are_plain_1_2_5_steps_over_the_data():
    """Test that the log axis is labelled 1, 2, 5 × 10^k across the data, ignoring nan/inf/0."""
    norms = np.array([[0.04, 0.0], [4.0, np.nan], [np.inf, 0.3]])
    axis = gradient_health_figure(
        np.arange(3), norms, np.zeros(3), np.zeros(3), LABELS_HEALTH
    ).layout.yaxis
    assert axis.type == "log"
    assert list(axis.ticktext) == ["0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10"]
    assert np.allclose(axis.tickvals, [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10])
