"""Test the comparison table: every kind trained under the budget, scored and sampled."""

import math
import time

import pytest

from vizlib.lessons.char_models.compare import compare_models
from vizlib.lessons.char_models.models import KINDS


def test_compare_trains_each_kind_and_reports_progress(names):
    """Test that each kind gets a row with val loss below ln V, params and sampled names."""
    seen = []
    rows = compare_models(
        names, 0, 0.3, time.thread_time, on_progress=lambda i, k: seen.append((i, k))
    )
    assert [r.kind for r in rows] == list(KINDS)
    assert seen[0] == (0, "bigram") and seen[-1] == (len(KINDS), "")
    ln_v = math.log(names.vocab.size)  # the uniform guess
    for r in rows:
        assert r.val < ln_v and r.steps > 0 and len(r.samples) >= 1
        assert all(set(s) <= set("abcdefghijklmnopqrstuvwxyz") for s in r.samples)
    bigram = rows[0]
    assert bigram.params == 0
    assert rows[KINDS.index("lstm")].params == pytest.approx(
        27 * 32 + 4 * (32 * 128 + 128 * 128 + 2 * 128) + 128 * 27 + 27
    )
