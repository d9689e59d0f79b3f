"""Smoke test of the classroom load benchmark: it runs and reports (never a timing assert)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT

SUMMARY = re.compile(
    r"^classroom students=2 errors=\d+ median_updates_per_s=[\d.]+ "
    r"worst_student_updates_per_s=[\d.]+ p95_interval_s=(nan|[\d.]+) newcomer_load_s=[\d.]+ "
    r"peak_rss_mb=\d+ rss_per_student_mb=-?[\d.]+$",
    re.M,
)


def test_bench_classroom_runs_and_reports():
    """Test that `python -m bench.classroom --students 2 --seconds 5` ends with the summary line."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.classroom", "--students", "2", "--seconds", "5"]
        + ["--ramp", "0", "--warmup", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert SUMMARY.search(out.stdout), out.stdout[-2000:]
