"""Test that trajectories equal torch.optim's step by step, and that divergence is handled."""

import warnings

import numpy as np
import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.lessons.gradient_descent.gd_reference import CURRICULUM_X, CURRICULUM_Y, torch_loss
from vizlib.core.optimizers import OptimConfig
from vizlib.lessons.gradient_descent.schedules import schedule_lrs
from vizlib.lessons.gradient_descent.surfaces import make_surface
from vizlib.lessons.gradient_descent.trajectories import Racer, lr_sweep, run_race, run_trajectory

DATA = (np.array(CURRICULUM_X), np.array(CURRICULUM_Y))
# per surface: a start point and a learning-rate scale at which nothing diverges
CASES = {
    "quadratic": ((-2.5, 1.5), 0.05),
    "bowl": ((-1.0, 4.0), 0.1),
    "rosenbrock": ((-1.5, 2.5), 0.0005),
    "himmelblau": ((0.5, 0.5), 0.005),
    "saddle": ((-2.0, 0.01), 0.05),
    "linreg": ((0.0, 0.0), 0.01),
}
RULES = ("sgd", "momentum", "nesterov", "rmsprop", "adam")


def _torch_opt(cfg, params):
    if cfg.name in ("sgd", "momentum", "nesterov"):
        mom = 0.0 if cfg.name == "sgd" else cfg.momentum
        return torch.optim.SGD(params, lr=cfg.lr, momentum=mom, nesterov=cfg.name == "nesterov")
    if cfg.name == "rmsprop":
        return torch.optim.RMSprop(params, lr=cfg.lr, alpha=cfg.rho, eps=cfg.eps)
    return torch.optim.Adam(params, lr=cfg.lr, betas=(cfg.beta1, cfg.beta2), eps=cfg.eps)


def _torch_path(name, start, cfg, steps, *, scheduler=None, noise=None, **kw):
    """Positions (steps+1, 2) from torch.optim with autograd gradients (and optional noise)."""
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = _torch_opt(cfg, [p])
    sched = scheduler(opt) if scheduler else None
    out = [p.detach().numpy().copy()]
    for i in range(steps):
        opt.zero_grad()
        torch_loss(name, p, **kw).backward()
        if noise is not None:
            p.grad += torch.from_numpy(noise[i])
        opt.step()
        if sched:
            sched.step()
        out.append(p.detach().numpy().copy())
    return np.array(out)


@pytest.mark.parametrize("surface", list(CASES))
@pytest.mark.parametrize("rule", RULES)
def test_trajectory_equals_torch_optim(surface, rule):
    """Test that 60 steps of each rule on each surface equal torch.optim's to 1e-10."""
    start, lr = CASES[surface]
    lr = lr * (10 if rule in ("rmsprop", "adam") and surface != "linreg" else 1)
    cfg = OptimConfig(name=rule, lr=lr, momentum=0.8, rho=0.95, beta1=0.85, beta2=0.99)
    s = make_surface(surface, cond=10.0, angle_deg=30.0, data=DATA)
    tr = run_trajectory(s, start, cfg, 60)
    ref = _torch_path(surface, start, cfg, 60, cond=10.0, angle=30.0, data=DATA)
    assert not tr.diverged
    np.testing.assert_allclose(tr.points, ref, rtol=0, atol=1e-10)


@pytest.mark.parametrize(
    "kind,make",
    [
        ("step", lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=10, gamma=0.5)),
        ("cosine", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=40)),
        (
            "warmup",
            lambda o: torch.optim.lr_scheduler.LinearLR(o, 1 / 8, 1.0, total_iters=7),
        ),
    ],
)
def test_scheduled_trajectory_equals_torch(kind, make):
    """Test that a scheduled Adam run equals torch.optim.Adam driven by the torch scheduler."""
    cfg = OptimConfig(name="adam", lr=0.05)
    lrs = schedule_lrs(kind, cfg.lr, 40, step_size=10, gamma=0.5, warmup=8)
    tr = run_trajectory(make_surface("himmelblau"), (0.5, 0.5), cfg, 40, lrs=lrs)
    ref = _torch_path("himmelblau", (0.5, 0.5), cfg, 40, scheduler=make)
    np.testing.assert_allclose(tr.points, ref, rtol=0, atol=1e-10)


def test_gradient_noise_is_seeded_and_equals_torch_with_same_noise():
    """Test that noisy momentum equals torch fed the same N(0, σ²) draws from the same seed."""
    cfg = OptimConfig(name="momentum", lr=0.02)
    s = make_surface("bowl")
    tr = run_trajectory(s, (-1.0, 4.0), cfg, 30, noise=0.5, rng=np.random.default_rng(7))
    noise = 0.5 * np.random.default_rng(7).standard_normal((30, 2))
    ref = _torch_path("bowl", (-1.0, 4.0), cfg, 30, noise=noise)
    np.testing.assert_allclose(tr.points, ref, rtol=0, atol=1e-10)
    again = run_trajectory(s, (-1.0, 4.0), cfg, 30, noise=0.5, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(tr.points, again.points)


@settings(max_examples=40, deadline=None)
@given(
    cond=st.floats(1.0, 10.0),
    angle=st.floats(0.0, 180.0),
    ratio=st.one_of(st.floats(0.2, 0.95), st.floats(1.05, 1.9)),
    sx=st.floats(-3.0, 3.0),
    sy=st.floats(-3.0, 3.0),
)
def test_gd_on_quadratic_converges_iff_lr_below_2_over_l(cond, angle, ratio, sx, sy):
    """Test that plain GD on the quadratic converges when lr < 2/L and diverges when lr > 2/L."""
    s = make_surface("quadratic", cond=cond, angle_deg=angle)
    h = torch.autograd.functional.hessian(
        lambda p: torch_loss("quadratic", p, cond=cond, angle=angle),
        torch.zeros(2).double(),
    )
    evals, evecs = torch.linalg.eigh(h)
    top = evecs[:, -1].numpy()
    assume(abs(top @ np.array([sx, sy])) > 0.05)  # the start must feel the steepest direction
    lr = ratio * 2.0 / evals[-1].item()
    tr = run_trajectory(s, (sx, sy), OptimConfig(name="sgd", lr=lr), 3000)
    converged = not tr.diverged and float(np.abs(tr.points[-1]).max()) < 1e-6
    assert converged == (lr < 2.0 / s.lipschitz)


def test_overflow_ends_trajectory_with_flag_not_exception():
    """Test that a far too large lr ends the run early with diverged=True and finite points."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning may escape either
        tr = run_trajectory(make_surface("rosenbrock"), (-1.5, 2.5), OptimConfig(lr=1.0), 500)
    assert tr.diverged and tr.n_steps < 500
    assert np.isfinite(tr.points).all() and np.isfinite(tr.losses).all()


def test_race_gives_each_racer_its_own_path_and_the_same_noise():
    """Test that racers start together and SGD in the race equals SGD run alone."""
    s = make_surface("himmelblau")
    racers = [
        Racer("a", OptimConfig(name="sgd", lr=0.01)),
        Racer("b", OptimConfig(name="adam", lr=0.1)),
    ]
    out = run_race(s, (0.5, 0.5), racers, 50, noise=0.3, seed=3)
    assert [t.label for t in out] == ["a", "b"]
    np.testing.assert_array_equal(out[0].points[0], out[1].points[0])
    alone = run_trajectory(
        s, (0.5, 0.5), racers[0].cfg, 50, noise=0.3, rng=np.random.default_rng(3)
    )
    np.testing.assert_array_equal(out[0].points, alone.points)
    assert not np.allclose(out[0].points[-1], out[1].points[-1])


def test_lr_sweep_flags_divergence_beyond_2_over_l():
    """Test that the sweep's final loss is finite below 2/L and inf well above it."""
    s = make_surface("quadratic", cond=4.0, angle_deg=20.0)
    two_over_l = 2.0 / s.lipschitz
    out = lr_sweep(s, (-2.5, 1.5), np.array([0.5, 0.9, 1.5, 3.0]) * two_over_l, 400)
    assert np.isfinite(out[:2]).all() and np.isinf(out[2:]).all()
