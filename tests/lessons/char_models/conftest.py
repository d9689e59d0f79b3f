"""Shared fixtures: the bundled names, encoded once for the whole test module set."""

import pytest

from tests.conftest import ROOT
from vizlib.lessons.char_models.data import encode_corpus


@pytest.fixture(scope="session")
def names_text() -> str:
    """The bundled names text."""
    return (ROOT / "assets" / "text" / "names.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def names(names_text):
    """The names encoded and split 90/10 (shuffled lines, split seed 0)."""
    return encode_corpus(names_text, lines=True)


@pytest.fixture(autouse=True, scope="session")
def _one_thread():
    """One torch thread, as the app uses (two on the shared 2-core machine is far slower)."""
    from vizlib.core.torch_setup import configure_torch

    configure_torch()
