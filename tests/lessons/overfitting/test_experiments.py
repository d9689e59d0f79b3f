"""Test the bounded experiments: repeated races and the capacity sweep, on tiny budgets."""

import numpy as np

from vizlib.lessons.overfitting.experiments import capacity_sweep, repeat_race
from vizlib.lessons.overfitting.models import NetSpec
from vizlib.lessons.overfitting.trainer import Remedies, Trainer

SMALL = NetSpec("mlp", 32, 1)


def test_repeat_race_matches_single_races_and_reports_progress(digits):
    """Test that each seed's accuracies equal a race run by hand with that seed, and that the
    summary is the mean and sample std of B - A."""
    seen = []
    rem = (Remedies(), Remedies(dropout=0.5))
    res = repeat_race(digits, (SMALL, SMALL), rem, 60, [0, 1, 2], 10, 60.0, progress=seen.append)
    assert res.seeds == [0, 1, 2] and seen[-1] == 1.0
    tr = Trainer(digits, [SMALL, SMALL], 60, 1)
    for learner, r in zip(tr.learners, rem, strict=True):
        learner.set_remedies(r)
    for _ in range(10):
        tr.train_step()
    assert res.acc_a[1] == tr.test_full(tr.learners[0])[1]
    assert res.acc_b[1] == tr.test_full(tr.learners[1])[1]
    d = res.acc_b - res.acc_a
    assert res.summary() == (float(d.mean()), float(np.std(d, ddof=1)))


def test_repeat_race_stops_at_the_time_budget_after_one_seed(digits):
    """Test that a zero time budget still finishes one seed, then stops."""
    rem = (Remedies(), Remedies())
    res = repeat_race(digits, (SMALL, SMALL), rem, 60, range(5), 5, 0.0)
    assert res.seeds == [0] and res.summary() == (0.0, 0.0)


def test_capacity_sweep_errors_are_bounded_and_the_narrowest_fits_worst(digits):
    """Test that the sweep returns one error pair per width in [0, 1], and a 2-unit MLP fits
    its training digits worse than a 64-unit one after the same steps."""
    res = capacity_sweep(digits, SMALL, Remedies(lr=0.01), 60, 0, 60, 60.0, widths=(2, 64))
    assert res.widths == [2, 64]
    assert ((res.train_err >= 0) & (res.train_err <= 1)).all() and (res.test_err <= 1).all()
    assert res.train_err[0] > res.train_err[1]
