"""Shared pytest setup: run from the repository root so pages and assets resolve."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.chdir(ROOT)
