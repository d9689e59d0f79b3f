"""MNIST data: parse the bundled uint8 subset (.npz bytes) and standard IDX files (bytes).

No file I/O here: callers read the bytes and pass them in.
"""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
from dataclasses import dataclass

import numpy as np

NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")
# IDX type byte -> numpy big-endian dtype (http://yann.lecun.com/exdb/mnist/ format)
_IDX_TYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_IDX_CODES = {v.str[1:]: k for k, v in _IDX_TYPES.items()}
MAX_IDX_BYTES = 200 * 1024 * 1024  # the full MNIST train images file is ~47 MB
STATS_CHUNK = 1 << 20  # pixels per bincount call in pixel_stats: an 8 MB temporary, not 125 MB


class MnistFormatError(ValueError):
    """The bytes are not a valid MNIST npz / IDX file."""


@dataclass(frozen=True)
class MnistData:
    """Digits as uint8 images (N, 28, 28) in 0..255 (ink is high) and uint8 labels (N,)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    def __post_init__(self) -> None:
        for x, y, split in (
            (self.x_train, self.y_train, "train"),
            (self.x_test, self.y_test, "test"),
        ):
            _check_split(x, y, split)


def _check_split(x: np.ndarray, y: np.ndarray, split: str) -> None:
    """Raise MnistFormatError unless x is (N, 28, 28) uint8 and y is (N,) labels 0..9."""
    if x.dtype != np.uint8 or x.ndim != 3 or x.shape[1:] != (28, 28):
        raise MnistFormatError(f"{split} images must be uint8 (N, 28, 28), got {x.dtype} {x.shape}")
    if y.ndim != 1 or y.shape[0] != x.shape[0]:
        raise MnistFormatError(f"{split} labels must be ({x.shape[0]},), got {y.shape}")
    if y.size and (y.min() < 0 or y.max() > 9):
        raise MnistFormatError(f"{split} labels must be in 0..9")


def load_npz(data: bytes) -> MnistData:
    """Parse the bundled subset (an .npz with x_train, y_train, x_test, y_test) from bytes."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            missing = [k for k in NPZ_KEYS if k not in npz.files]
            if missing:
                raise MnistFormatError(f"npz is missing {missing}")
            arrays = {k: np.asarray(npz[k]) for k in NPZ_KEYS}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        if isinstance(exc, MnistFormatError):
            raise
        raise MnistFormatError(f"not a valid npz file: {exc}") from exc
    arrays["y_train"] = arrays["y_train"].astype(np.uint8)
    arrays["y_test"] = arrays["y_test"].astype(np.uint8)
    return MnistData(**arrays)


def save_npz(data: MnistData) -> bytes:
    """Serialise to compressed .npz bytes (the inverse of `load_npz`)."""
    buf = io.BytesIO()
    np.savez_compressed(buf, **{k: getattr(data, k) for k in NPZ_KEYS})
    return buf.getvalue()


def parse_idx(data: bytes) -> np.ndarray:
    """Parse one IDX file (optionally gzip-compressed) into a native-endian numpy array."""
    if len(data) > MAX_IDX_BYTES:
        raise MnistFormatError("IDX file too large")
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise MnistFormatError(f"broken gzip data: {exc}") from exc
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in _IDX_TYPES:
        raise MnistFormatError("not an IDX file (bad magic number)")
    dtype, ndim = _IDX_TYPES[data[2]], data[3]
    header = 4 + 4 * ndim
    if ndim == 0 or len(data) < header:
        raise MnistFormatError("IDX header is truncated")
    dims = struct.unpack(f">{ndim}I", data[4:header])
    expected = int(np.prod(dims, dtype=np.int64)) * dtype.itemsize
    if len(data) - header != expected:
        raise MnistFormatError(f"IDX body has {len(data) - header} bytes, expected {expected}")
    arr = np.frombuffer(data, dtype=dtype, offset=header).reshape(dims)
    return arr.astype(dtype.newbyteorder("="))


def encode_idx(arr: np.ndarray) -> bytes:
    """Encode an array as an (uncompressed) IDX file."""
    big = np.asarray(arr).astype(np.asarray(arr).dtype.newbyteorder(">"))
    code = _IDX_CODES.get(big.dtype.str[1:])
    if code is None:
        raise MnistFormatError(f"dtype {arr.dtype} has no IDX code")
    head = bytes([0, 0, code, big.ndim]) + struct.pack(f">{big.ndim}I", *big.shape)
    return head + big.tobytes()


def from_idx(
    train_images: bytes, train_labels: bytes, test_images: bytes, test_labels: bytes
) -> MnistData:
    """Build MnistData from the four standard MNIST IDX files (raw or .gz bytes)."""
    arrays = [parse_idx(b) for b in (train_images, train_labels, test_images, test_labels)]
    x_tr, y_tr, x_te, y_te = arrays
    if x_tr.dtype != np.uint8 or x_te.dtype != np.uint8:
        raise MnistFormatError("IDX images must be unsigned bytes")
    return MnistData(x_tr, y_tr.astype(np.uint8), x_te, y_te.astype(np.uint8))


def pixel_stats(images: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of uint8 pixels, scaled to [0, 1] (via a 256-bin histogram,
    so no float copy of the whole data set is made)."""
    flat = np.asarray(images, dtype=np.uint8).reshape(-1)  # a view of the shared array
    counts = np.zeros(256, dtype=np.int64)
    for i in range(0, flat.size, STATS_CHUNK):  # bincount casts to int64: 8 bytes per pixel
        counts += np.bincount(flat[i : i + STATS_CHUNK], minlength=256)
    values = np.arange(256) / 255.0
    n = counts.sum()
    mean = float(counts @ values / n)
    var = float(counts @ (values - mean) ** 2 / n)
    return mean, var**0.5


def class_counts(labels: np.ndarray) -> np.ndarray:
    """How many examples of each digit 0..9."""
    return np.bincount(np.asarray(labels, dtype=np.int64), minlength=10)


def balanced_indices(labels: np.ndarray, per_class: int, seed: int) -> np.ndarray:
    """A seeded, class-balanced sample: `per_class` indices of each digit, shuffled."""
    rng = np.random.default_rng(seed)
    labels = np.asarray(labels)
    picks = []
    for digit in range(10):
        idx = np.flatnonzero(labels == digit)
        if idx.size < per_class:
            raise ValueError(f"only {idx.size} examples of digit {digit}")
        picks.append(rng.choice(idx, size=per_class, replace=False))
    out = np.concatenate(picks)
    rng.shuffle(out)
    return out
