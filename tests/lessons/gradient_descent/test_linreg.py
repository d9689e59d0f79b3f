"""Test that linear regression's loss, gradient, closed form and GD agree with torch."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.lessons.gradient_descent.gd_reference import CURRICULUM_X, CURRICULUM_Y
from vizlib.lessons.gradient_descent.linreg import (
    LinRegTrainer,
    least_squares,
    mse,
    mse_gradient,
    parse_data,
)

X, Y = np.array(CURRICULUM_X), np.array(CURRICULUM_Y)


@settings(max_examples=30, deadline=None)
@given(t0=st.floats(-5, 5), t1=st.floats(-5, 5))
def test_mse_and_gradient_match_autograd(t0, t1):
    """Test that the MSE and its gradient equal F.mse_loss and autograd's."""
    th = torch.tensor([t0, t1], dtype=torch.float64, requires_grad=True)
    loss = F.mse_loss(th[0] + th[1] * torch.tensor(X), torch.tensor(Y))
    loss.backward()
    assert mse(np.array([t0, t1]), X, Y) == pytest.approx(loss.item(), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(
        mse_gradient(np.array([t0, t1]), X, Y), th.grad.numpy(), rtol=1e-12, atol=1e-12
    )


def test_closed_form_matches_torch_lstsq():
    """Test that the closed form equals torch.linalg.lstsq on random data."""
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=12), rng.normal(size=12)
    a = torch.stack([torch.ones(12, dtype=torch.float64), torch.tensor(x)], dim=1)
    ref = torch.linalg.lstsq(a, torch.tensor(y).unsqueeze(1)).solution.squeeze(1).numpy()
    np.testing.assert_allclose(least_squares(x, y), ref, atol=1e-12)


def test_trainer_steps_equal_torch_sgd_and_reach_closed_form():
    """Test that each train_step equals torch.optim.SGD and GD ends at the least-squares θ."""
    tr = LinRegTrainer(X, Y, (0.0, 0.0), lr=0.01)
    th = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([th], lr=0.01)
    for _ in range(200):
        opt.zero_grad()
        F.mse_loss(th[0] + th[1] * torch.tensor(X), torch.tensor(Y)).backward()
        opt.step()
        tr.train_step()
    np.testing.assert_allclose(tr.theta, th.detach().numpy(), atol=1e-10)
    tr.set_hparams(0.1)  # a live lr change (0.1 < 2/L here) speeds up convergence
    for _ in range(3000):
        tr.train_step()
    np.testing.assert_allclose(tr.theta, least_squares(X, Y), atol=1e-8)
    assert len(tr.thetas) == len(tr.losses) == 3201


def test_trainer_divergence_returns_non_finite_loss_without_exception():
    """Test that a far too large lr makes train_step return inf/nan, and history stays finite."""
    tr = LinRegTrainer(X, Y, (0.0, 0.0), lr=5.0)
    losses = [tr.train_step() for _ in range(400)]
    assert not np.isfinite(losses[-1])
    assert np.isfinite(np.array(tr.losses)).all()


@pytest.mark.parametrize(
    "xs,ys,reason",
    [
        ("1,2,x", "1,2,3", "format"),
        ("1,2", "1,2,3", "count"),
        ("1", "2", "count"),
        ("2,2,2", "1,2,3", "same_x"),
        ("1,inf", "1,2", "not_finite"),
        ("1,2", "1,1e6", "too_large"),
    ],
)
def test_bad_data_is_refused_with_reason(xs, ys, reason):
    """Test that malformed, mismatched, degenerate or huge data gives the matching reason."""
    with pytest.raises(ValueError, match=reason):
        parse_data(xs, ys)


def test_trajectory_thins_history_but_keeps_both_ends():
    """Test that the chart path starts at the start θ, ends at the current θ, and is thinned."""
    tr = LinRegTrainer(X, Y, (0.5, -1.0), lr=0.01)
    for _ in range(5000):
        tr.train_step()
    path = tr.trajectory(max_points=100)
    assert len(path.points) == 100 and not path.diverged
    np.testing.assert_array_equal(path.points[0], [0.5, -1.0])
    np.testing.assert_array_equal(path.points[-1], tr.theta)
    assert path.losses[-1] == tr.losses[-1]
