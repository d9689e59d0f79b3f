"""Matrix text parsing and uploaded-image validation for the convolution lesson."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from vizlib.core.errors import InputError
from vizlib.lessons.convolution import inputs as ci


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("1,2;3", "ragged"),
        ("1,a", "not_number"),
        ("1,,3", "empty_cell"),
        ("1,nan", "too_large"),
        ("1e9", "too_large"),
        (";".join(["1"] * 17), "too_many"),
    ],
)
def test_parse_matrix_rejects_bad_text_with_reason(text, reason):
    """Test that ragged, non-numeric, empty, non-finite, huge or oversized text names its reason."""
    with pytest.raises(InputError) as err:
        ci.parse_matrix(text)
    assert err.value.key == reason


def test_parse_matrix_accepts_commas_or_spaces():
    """Test that "1,2;3,4" and "1 2; 3 4" give the same 2x2 array."""
    want = np.array([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(ci.parse_matrix("1,2;3,4"), want)
    np.testing.assert_array_equal(ci.parse_matrix(" 1 2 ; 3 4 ;"), want)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**31 - 1))
def test_format_parse_matrix_round_trip(h, w, seed):
    """Test that format_matrix then parse_matrix returns exactly the same array."""
    x = np.random.default_rng(seed).normal(size=(h, w)) * 100
    np.testing.assert_array_equal(ci.parse_matrix(ci.format_matrix(x)), x)


def test_cells_to_text_keeps_bad_cells_visible():
    """Test that an empty or text cell survives into the text so parsing can report it."""
    for rows, want in (
        ([["1", None], ["3", 4.0]], ("empty_cell", 1)),
        ([["1", "2"], ["x", 4.0]], ("not_number", 2)),
    ):
        with pytest.raises(InputError) as err:
            ci.parse_matrix(ci.cells_to_text(rows))
        assert (err.value.key, err.value.detail["row"]) == want


def _png(w: int, h: int, mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    arr = (np.arange(w * h) % 256).astype(np.uint8).reshape(h, w)
    Image.fromarray(arr).convert(mode).save(buf, format="PNG")
    return buf.getvalue()


def test_decode_image_shrinks_to_gray_unit_range():
    """Test that a 100x50 RGB PNG becomes a 28x14 grayscale array in [0, 1]."""
    x = ci.decode_image(_png(100, 50))
    assert x.shape == (14, 28)
    assert 0.0 <= x.min() and x.max() <= 1.0


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"this is not an image", "not_image"),
        (_png(8, 8)[:40], "not_image"),
        (b"\0" * (ci.MAX_UPLOAD_BYTES + 1), "file_too_big"),
    ],
)
def test_decode_image_rejects_bad_bytes(data, reason):
    """Test that text, a truncated PNG and a > 5 MB file are refused with their reason."""
    with pytest.raises(InputError) as err:
        ci.decode_image(data)
    assert err.value.key == reason


def test_decode_image_refuses_huge_dimensions_before_decoding():
    """Test that a small file declaring 10000x10000 pixels is refused as too large."""
    buf = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buf, format="PNG")  # compresses to a few kB
    assert len(buf.getvalue()) < ci.MAX_UPLOAD_BYTES
    with pytest.raises(InputError) as err:
        ci.decode_image(buf.getvalue())
    assert err.value.key == "dims_too_big"
