"""Test that the learning-rate schedules equal torch.optim.lr_scheduler's."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.lessons.gradient_descent.schedules import SCHEDULES, schedule_lrs


def _torch_lrs(make, base_lr, steps):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    sched = make(opt) if make else None
    out = []
    for _ in range(steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        if sched:
            sched.step()
    return np.array(out)


@settings(max_examples=30, deadline=None)
@given(
    base=st.floats(1e-4, 2.0),
    steps=st.integers(1, 300),
    size=st.integers(1, 100),
    gamma=st.floats(0.05, 1.0),
    warm=st.integers(2, 100),
)
def test_schedules_match_torch(base, steps, size, gamma, warm):
    """Test that step, cosine and warm-up give torch's lr at every step."""
    sched = torch.optim.lr_scheduler
    cases = {
        "constant": None,
        "step": lambda o: sched.StepLR(o, step_size=size, gamma=gamma),
        "cosine": lambda o: sched.CosineAnnealingLR(o, T_max=steps),
        "warmup": lambda o: sched.LinearLR(o, 1 / warm, 1.0, total_iters=warm - 1),
    }
    for kind, make in cases.items():
        ours = schedule_lrs(kind, base, steps, step_size=size, gamma=gamma, warmup=warm)
        np.testing.assert_allclose(ours, _torch_lrs(make, base, steps), rtol=1e-9, atol=1e-15)


def test_every_schedule_starts_at_or_below_base_and_stays_positive_before_end():
    """Test that no schedule exceeds the base lr."""
    for kind in SCHEDULES:
        lrs = schedule_lrs(kind, 0.1, 50)
        assert lrs.shape == (50,) and (lrs <= 0.1 + 1e-15).all() and (lrs >= 0).all()


def test_unknown_schedule_is_refused():
    """Test that an unknown schedule name raises ValueError."""
    with pytest.raises(ValueError):
        schedule_lrs("exponential", 0.1, 10)
