"""Test the shared raster helpers: PNG bytes round-trip, digit tiles, and the inline picture."""

import base64
import io

import numpy as np
from PIL import Image

from vizlib.charts.raster import picture_html, png_bytes, tile_images


def _decode(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def test_png_bytes_round_trips_grey_and_rgb():
    """Test that a grey and an RGB uint8 image decode back to the same pixels."""
    rng = np.random.default_rng(0)
    grey = rng.integers(0, 256, (5, 7), dtype=np.uint8)
    rgb = rng.integers(0, 256, (4, 3, 3), dtype=np.uint8)
    np.testing.assert_array_equal(_decode(png_bytes(grey)), grey)
    np.testing.assert_array_equal(_decode(png_bytes(rgb)), rgb)


def test_tile_images_puts_digits_side_by_side_with_gaps():
    """Test that N images become one row, each scaled and in place, with fill-coloured gaps."""
    imgs = np.random.default_rng(1).random((3, 4, 5))
    out = tile_images(imgs, gap=2, scale=2, fill=255)
    assert out.shape == (4 * 2, (3 * (5 + 2) - 2) * 2) and out.dtype == np.uint8
    second = out[::2, 7 * 2 : 7 * 2 + 10 : 2]  # image 1 starts at column 7 before scaling
    np.testing.assert_array_equal(second, np.round(imgs[1] * 255).astype(np.uint8))
    assert (out[:, 5 * 2 : 7 * 2] == 255).all()


def test_tile_images_clips_out_of_range_and_handles_none():
    """Test that values outside [0, 1] are clipped, and an empty stack gives one blank column."""
    out = tile_images(np.array([[[-1.0, 2.0]]]), gap=0)
    assert out.tolist() == [[0, 255]]
    assert tile_images(np.zeros((0, 28, 28))).shape == (28, 1)


def test_picture_html_inlines_the_png_and_escapes_text():
    """Test that the live picture's HTML carries the exact PNG bytes and escaped alt/caption."""
    png = png_bytes(np.zeros((2, 2), np.uint8))
    page = picture_html(png, alt='a "map" <b>', caption="x < y & 输出")
    data = page.split("data:image/png;base64,")[1].split('"')[0]
    assert base64.b64decode(data) == png
    assert "<b>" not in page and "&lt;b&gt;" in page and "&quot;map&quot;" in page
    assert "x &lt; y &amp; 输出" in page
    assert 'class="live-picture"' in picture_html(png, "a", "c", css_class="live-picture")
