"""The digits are shared read-only across sessions: a trainer indexes them, never copies them."""

from __future__ import annotations

import tracemalloc

import numpy as np
import torch

from vizlib.core import mnist
from vizlib.core.cnn import CnnArch

try:  # the lesson-folder layout (the CNN lesson's trainer moves there)
    from vizlib.lessons.cnn_mnist.trainer import CnnTrainer
except ImportError:  # before the move
    from vizlib.core.cnn_train import CnnTrainer


def _data(n: int = 3000, seed: int = 0) -> mnist.MnistData:
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
    y = rng.integers(0, 10, size=n, dtype=np.uint8)
    return mnist.MnistData(x, y, x[:100], y[:100])


def test_pixel_stats_match_torch_across_chunks(monkeypatch):
    """Test that the chunked pixel_stats equal torch's mean/std of the images scaled to [0, 1]."""
    data = _data()
    monkeypatch.setattr(mnist, "STATS_CHUNK", 12_345)  # many chunks, the last one partial
    mean, std = mnist.pixel_stats(data.x_train)
    ref = torch.from_numpy(data.x_train).double() / 255.0
    assert np.isclose(mean, ref.mean().item(), rtol=1e-9)
    assert np.isclose(std, ref.std(unbiased=False).item(), rtol=1e-9)


def test_pixel_stats_make_no_full_size_temporary(monkeypatch):
    """Test that pixel_stats never allocates a copy of the images (bincount upcasts to int64)."""
    data = _data()
    monkeypatch.setattr(mnist, "STATS_CHUNK", 100_000)
    tracemalloc.start()
    try:
        mnist.pixel_stats(data.x_train)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < data.x_train.size * 8 / 4  # a quarter of one int64 copy of the images


def test_trainer_indexes_the_shared_images():
    """Test that a CnnTrainer's images are views of the shared arrays (no per-session copy)."""
    data = _data()
    arch = CnnArch(blocks=1, filters=4, kernel=3, pool=True, dense=16)
    a, b = CnnTrainer(data, arch, 0), CnnTrainer(data, arch, 1)
    for tr in (a, b):
        assert tr.x_train.data_ptr() == data.x_train.ctypes.data
        assert tr.x_test.data_ptr() == data.x_test.ctypes.data
    a.train_step()
    assert np.array_equal(a.x_train.numpy(), data.x_train)  # never written
