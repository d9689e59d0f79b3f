"""Tests for vizlib.core.mnist: IDX parsing round-trips, npz loading and the bundled subset."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core import mnist
from vizlib.core.mnist import MnistData, MnistFormatError

ROOT = Path(__file__).resolve().parents[2]
SUBSET = ROOT / "assets" / "mnist" / "mnist_subset.npz"


def _fake(n_train: int, n_test: int, seed: int = 0) -> MnistData:
    rng = np.random.default_rng(seed)
    return MnistData(
        rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, n_train).astype(np.uint8),
        rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, n_test).astype(np.uint8),
    )


@settings(max_examples=40, deadline=None)
@given(
    shape=st.lists(st.integers(1, 5), min_size=1, max_size=4),
    dtype=st.sampled_from(["u1", "i1", "i2", "i4", "f4", "f8"]),
    compress=st.booleans(),
    seed=st.integers(0, 2**31),
)
def test_idx_round_trip(shape, dtype, compress, seed):
    """Test that encode_idx then parse_idx returns the same array for every IDX dtype and rank."""
    rng = np.random.default_rng(seed)
    arr = (rng.standard_normal(shape) * 100).astype(dtype)
    blob = mnist.encode_idx(arr)
    if compress:
        blob = gzip.compress(blob)
    out = mnist.parse_idx(blob)
    assert out.shape == arr.shape and out.dtype == arr.dtype
    np.testing.assert_array_equal(out, arr)


def test_idx_header_is_the_standard_layout():
    """Test that a generated IDX image file has the magic 0x00000803 and big-endian dims."""
    arr = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28)
    blob = mnist.encode_idx(arr)
    assert blob[:4] == bytes([0, 0, 8, 3])
    assert int.from_bytes(blob[4:8], "big") == 2 and int.from_bytes(blob[8:12], "big") == 28
    assert blob[16:] == arr.tobytes()


def test_from_idx_builds_mnist_data():
    """Test that four generated IDX files (mixed raw and gzip) load into MnistData unchanged."""
    data = _fake(7, 3)
    blobs = [mnist.encode_idx(a) for a in (data.x_train, data.y_train, data.x_test, data.y_test)]
    blobs[0] = gzip.compress(blobs[0])
    out = mnist.from_idx(*blobs)
    for k in mnist.NPZ_KEYS:
        np.testing.assert_array_equal(getattr(out, k), getattr(data, k))


@pytest.mark.parametrize(
    "blob",
    [
        b"",
        b"hello world",
        bytes([0, 0, 8, 1]) + (5).to_bytes(4, "big") + b"abc",
        bytes([0, 0, 0x42, 1, 0, 0, 0, 1, 7]),
        b"\x1f\x8bnot really gzip",
    ],
)
def test_parse_idx_rejects_bad_bytes(blob):
    """Test that truncated, wrongly typed or non-IDX bytes raise MnistFormatError."""
    with pytest.raises(MnistFormatError):
        mnist.parse_idx(blob)


def test_npz_round_trip():
    """Test that save_npz then load_npz gives back the same arrays."""
    data = _fake(5, 4, seed=3)
    out = mnist.load_npz(mnist.save_npz(data))
    for k in mnist.NPZ_KEYS:
        np.testing.assert_array_equal(getattr(out, k), getattr(data, k))


def test_load_npz_rejects_garbage_and_wrong_shapes():
    """Test that non-npz bytes and npz files with wrong shapes raise MnistFormatError."""
    with pytest.raises(MnistFormatError):
        mnist.load_npz(b"PK\x03\x04 garbage")
    buf = io.BytesIO()
    np.savez(
        buf,
        x_train=np.zeros((2, 5, 5), np.uint8),
        y_train=np.zeros(2, np.uint8),
        x_test=np.zeros((1, 28, 28), np.uint8),
        y_test=np.zeros(1, np.uint8),
    )
    with pytest.raises(MnistFormatError):
        mnist.load_npz(buf.getvalue())


def test_balanced_indices_are_balanced_and_seeded():
    """Test that balanced_indices picks per_class of each digit, reproducibly, no repeats."""
    labels = np.random.default_rng(1).integers(0, 10, 500)
    a = mnist.balanced_indices(labels, 20, seed=5)
    b = mnist.balanced_indices(labels, 20, seed=5)
    np.testing.assert_array_equal(a, b)
    assert len(set(a.tolist())) == 200
    np.testing.assert_array_equal(mnist.class_counts(labels[a]), np.full(10, 20))


def test_bundled_subset_shapes_dtypes_balance_and_size():
    """Test that the bundled subset has >=10k/2k uint8 28x28 digits, balanced labels, <= 6 MB."""
    blob = SUBSET.read_bytes()
    assert len(blob) <= 6 * 1024 * 1024
    data = mnist.load_npz(blob)
    assert data.x_train.shape[0] >= 10_000 and data.x_test.shape[0] >= 2_000
    assert data.x_train.dtype == np.uint8 and data.x_test.dtype == np.uint8
    for y in (data.y_train, data.y_test):
        counts = mnist.class_counts(y)
        assert counts.min() == counts.max() == len(y) // 10
    # Real digits: dark background, bright ink, and no image repeated between the splits.
    assert data.x_train[:, 0, 0].max() == 0 and data.x_train.max() == 255
    train_hashes = {x.tobytes() for x in data.x_train}
    assert not any(x.tobytes() in train_hashes for x in data.x_test)
