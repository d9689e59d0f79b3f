"""Shared pytest setup: run from the repository root so pages and assets resolve."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.chdir(ROOT)

# Browser fixtures (a real streamlit server, the system Chromium) for every tests/**/test_*_e2e.py.
pytest_plugins = ["tests.browser"]
