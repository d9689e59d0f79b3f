"""Tests for vizlib.core.digit_image: MNIST-style preprocessing and upload validation."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from vizlib.core import digit_image as di
from vizlib.core.errors import InputError
from vizlib.core.mnist import load_npz

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def digits() -> np.ndarray:
    return load_npz((ROOT / "assets" / "mnist" / "mnist_subset.npz").read_bytes()).x_test[:20]


def _png(arr: np.ndarray, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format=fmt)
    return buf.getvalue()


def _paper(digit: np.ndarray, scale: int, top: int, left: int, size=(300, 260)) -> np.ndarray:
    """The digit drawn dark-on-light, enlarged, off-centre, on a larger RGB sheet of paper."""
    big = np.kron(digit, np.ones((scale, scale))).astype(np.float64)
    sheet = np.full(size, 235.0)
    sheet[top : top + big.shape[0], left : left + big.shape[1]] -= big * 0.85
    return np.repeat(sheet.clip(0, 255).astype(np.uint8)[..., None], 3, axis=2)


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a.ravel().astype(float), b.ravel().astype(float)
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


@settings(max_examples=20, deadline=None)
@given(
    i=st.integers(0, 19),
    scale=st.integers(2, 6),
    top=st.integers(0, 100),
    left=st.integers(0, 90),
    fmt=st.sampled_from(["PNG", "JPEG"]),
)
def test_photo_of_an_mnist_digit_comes_back_as_that_digit(digits, i, scale, top, left, fmt):
    """Test that an MNIST digit drawn big, off-centre, dark on light comes back as itself."""
    top, left = min(top, 300 - 28 * scale), min(left, 260 - 28 * scale)
    prep = di.preprocess(di.decode_image(_png(_paper(digits[i], scale, top, left), fmt)))
    assert prep.inverted and prep.final.shape == (28, 28)
    assert 0.0 <= prep.final.min() and prep.final.max() <= 1.0
    assert max(prep.resized.shape) == 20
    rows, cols = np.indices((28, 28))
    mass = prep.final.sum()
    com = ((rows * prep.final).sum() / mass, (cols * prep.final).sum() / mass)
    assert abs(com[0] - 13.5) <= 1.0 and abs(com[1] - 13.5) <= 1.0
    # MNIST digits are themselves cropped to 20 px and centred: the crop comes back, and the
    # final image matches the original up to a one-pixel shift (MNIST's own rounding).
    x = digits[i].astype(float)
    rows, cols = np.flatnonzero(x.max(1) > 0), np.flatnonzero(x.max(0) > 0)
    crop = x[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    if crop.shape == prep.resized.shape:
        assert _cosine(prep.resized, crop) > 0.9
    shifted = [np.roll(prep.final, (dr, dc), (0, 1)) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]
    assert max(_cosine(s, x) for s in shifted) > 0.9


def test_canvas_rgba_with_transparent_background_uses_alpha_as_ink():
    """Test that a canvas drawing (opaque stroke on a transparent background) is read from alpha."""
    rgba = np.zeros((200, 200, 4), np.uint8)
    rgba[40:160, 95:110] = (255, 255, 255, 255)  # a white "1" stroke, invisible over white paper
    prep = di.preprocess(rgba)
    assert not prep.inverted and prep.bbox == (40, 160, 95, 110)
    assert prep.resized.shape[0] == 20 and prep.final.max() == pytest.approx(1.0)
    assert prep.final[4:24, 12:16].sum() == pytest.approx(prep.final.sum())


def test_canvas_rgba_on_opaque_black_background():
    """Test that white ink on an opaque black canvas is not inverted and is centred."""
    rgba = np.zeros((280, 280, 4), np.uint8)
    rgba[..., 3] = 255
    rgba[20:100, 20:60, :3] = 255
    prep = di.preprocess(rgba)
    assert not prep.inverted and prep.resized.shape == (20, 10)
    assert prep.final[4:24, 9:19].min() > 0.9 and prep.final.sum() == pytest.approx(200, rel=0.05)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "not_image"),
        (b"definitely not an image", "not_image"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not_image"),
        (b"\x00" * (di.MAX_BYTES + 1), "too_large_file"),
    ],
)
def test_decode_rejects_non_images_and_big_files(data, code):
    """Test that garbage, a truncated PNG and a > 5 MB upload get their own error codes."""
    with pytest.raises(InputError) as err:
        di.decode_image(data)
    assert err.value.key == code


def test_decode_rejects_huge_and_tiny_dimensions():
    """Test that a small file with huge pixel dimensions, or a 4x4 image, is refused."""
    wide = _png(np.zeros((40, di.MAX_SIDE + 10), np.uint8))
    assert len(wide) < di.MAX_BYTES
    with pytest.raises(InputError) as err:
        di.decode_image(wide)
    assert err.value.key == "too_large_dims"
    with pytest.raises(InputError) as err:
        di.decode_image(_png(np.zeros((4, 4), np.uint8)))
    assert err.value.key == "too_small"


@pytest.mark.parametrize("value", [0, 128, 255])
def test_blank_images_are_refused(value):
    """Test that a uniform image (black, grey or white) and an empty canvas are 'blank'."""
    with pytest.raises(InputError) as err:
        di.preprocess(di.decode_image(_png(np.full((64, 64, 3), value, np.uint8))))
    assert err.value.key == "blank"
    with pytest.raises(InputError) as err:
        di.preprocess(np.zeros((100, 100, 4), np.uint8))
    assert err.value.key == "blank"


def test_bad_arrays_are_refused():
    """Test that wrong-shaped or non-finite arrays raise not_image instead of crashing."""
    for bad in (np.zeros((5, 5, 2)), np.zeros(10), np.full((20, 20), np.nan)):
        with pytest.raises(InputError) as err:
            di.preprocess(bad)
        assert err.value.key == "not_image"


def test_centre_by_mass_centres_and_stays_inside():
    """Test that a patch is shifted so its mass centre is central, clipped to stay in the box."""
    patch = np.zeros((20, 20))
    patch[0:2, 0:2] = 1.0  # mass in a corner: the shift is limited by the box edge
    out = di.centre_by_mass(patch)
    assert out.sum() == patch.sum() and out[8:10, 8:10].sum() == 4.0
    dot = np.zeros((3, 3))
    dot[1, 1] = 1
    assert di.centre_by_mass(dot)[14, 14] == 1.0 or di.centre_by_mass(dot)[13, 13] == 1.0


def test_standardise_matches_formula():
    """Test that standardise computes (x - mean) / std elementwise."""
    x = np.random.default_rng(0).random((28, 28))
    np.testing.assert_allclose(di.standardise(x, 0.13, 0.31), (x - 0.13) / 0.31)
