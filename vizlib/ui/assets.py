"""Every bundled file is read here: once per server process, read-only, shared by all sessions."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from vizlib.core import mnist
from vizlib.core.mnist import MnistData

ASSETS = Path(__file__).resolve().parents[2] / "assets"
MNIST_PATH = ASSETS / "mnist" / "mnist_subset.npz"
TEXT_DIR = ASSETS / "text"
CORPORA = ("names", "shakespeare")


@st.cache_resource(show_spinner=False)
def mnist_data() -> MnistData | None:
    """The bundled MNIST subset (None when the file is missing or broken)."""
    try:
        return mnist.load_npz(MNIST_PATH.read_bytes())
    except (OSError, mnist.MnistFormatError):
        return None


@st.cache_resource(show_spinner=False)
def mnist_pixel_stats() -> tuple[float, float] | None:
    """Mean and std of the bundled training digits' pixels: computed once per process (a model
    built after an architecture change then costs no pass over the data)."""
    data = mnist_data()
    return None if data is None else mnist.pixel_stats(data.x_train)


@st.cache_resource(show_spinner=False)
def corpus_text(name: str) -> str:
    """A bundled text corpus by name ("names" or "shakespeare")."""
    if name not in CORPORA:
        raise ValueError(f"unknown corpus {name!r}")
    return (TEXT_DIR / f"{name}.txt").read_text(encoding="utf-8")
