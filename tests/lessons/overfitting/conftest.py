"""Shared fixtures for the overfitting lesson's tests: the bundled digits, one torch thread."""

import pytest
import torch

from tests.conftest import ROOT
from vizlib.core import mnist


@pytest.fixture(scope="session")
def digits() -> mnist.MnistData:
    """The bundled MNIST subset (read the same way the app reads it)."""
    torch.set_num_threads(1)
    return mnist.load_npz((ROOT / "assets" / "mnist" / "mnist_subset.npz").read_bytes())
