"""Shared pytest setup: run from the repository root so pages and assets resolve."""

import os
from pathlib import Path

import pytest

from vizlib.core.torch_setup import configure_torch

ROOT = Path(__file__).resolve().parents[1]
os.chdir(ROOT)

# One torch thread per test process, as in the app: the suite runs one xdist worker per core, and
# torch's default of one thread per core in each worker oversubscribes the cores (spinning OpenMP
# threads; a 200-step training test went from seconds to a 300 s timeout on the loaded machine).
configure_torch()

# Browser fixtures (a real streamlit server, the system Chromium) for every tests/**/test_*_e2e.py.
pytest_plugins = ["tests.browser"]

# Tests that feed Pillow a huge image header on purpose (to check it is refused): Pillow's
# DecompressionBombWarning is the expected side effect there, and only there. By test name, so the
# filter follows the tests wherever they live.
EXPECTED_BOMB_WARNING = {
    "test_decode_image_refuses_huge_dimensions_before_decoding",
    "test_upload_with_huge_dimensions_is_refused",
}


def pytest_collection_modifyitems(items) -> None:
    """Silence Pillow's DecompressionBombWarning in the tests that trigger it on purpose."""
    for item in items:
        if item.originalname in EXPECTED_BOMB_WARNING:
            item.add_marker(
                pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
            )
