"""Test the playground's live PNG: orientation, colours and points match the plotly figure's."""

import io

import numpy as np
from PIL import Image

from vizlib.lessons.playground.charts import BLUE, GREY, ORANGE, RADIUS, _rgb
from vizlib.lessons.playground.charts_raster import boundary_png, output_rgb


def _decode(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_binary_output_colours_and_orientation():
    """Test that P(blue)=1 is blue, 0 orange, 0.5 grey, and the grid's last row is drawn on top."""
    size = 4
    out = np.full(size * size, 0.5)
    out[-size:] = 1.0  # the top row of the plane (x2 = +RADIUS) is certain blue
    out[:size] = 0.0  # the bottom row is certain orange
    img = output_rgb(out, size, "binary", discretize=False).astype(int)
    np.testing.assert_array_equal(img[0, 0], _rgb(BLUE))
    np.testing.assert_array_equal(img[-1, 0], _rgb(ORANGE))
    np.testing.assert_array_equal(img[1, 0], _rgb(GREY))


def test_points_are_drawn_where_their_coordinates_are():
    """Test that a class-1 point at the top-left corner region is painted blue with a white edge."""
    size, px = 10, 400
    out = np.zeros(size * size)  # everything orange
    x = np.array([[-RADIUS + 1.0, RADIUS - 1.0]])
    img = _decode(boundary_png(out, size, "binary", (x, np.array([1])), None, px=px))
    assert img.shape == (px, px, 3)
    col = round((x[0, 0] + RADIUS) / (2 * RADIUS) * (px - 1))
    row = round((RADIUS - x[0, 1]) / (2 * RADIUS) * (px - 1))
    np.testing.assert_array_equal(img[row, col], _rgb(BLUE))
    np.testing.assert_array_equal(img[row, col + 4], [255, 255, 255])  # the edge
    np.testing.assert_array_equal(img[px - 1, px - 1], _rgb(ORANGE))  # far from the point


def test_multiclass_and_test_points():
    """Test that a 3-class map renders and test points get a black edge."""
    size = 8
    probs = np.tile([0.1, 0.2, 0.7], (size * size, 1))
    x = np.array([[0.0, 0.0]])
    img = _decode(
        boundary_png(probs, size, "multiclass", (x[:0], np.array([])), (x, np.array([2])), px=160)
    )
    centre = round(RADIUS / (2 * RADIUS) * 159)
    np.testing.assert_array_equal(img[centre, centre + 4], [0, 0, 0])
