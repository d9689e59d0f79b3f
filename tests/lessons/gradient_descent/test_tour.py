"""Test the gradient-descent walkthrough: shape, states as links, texts, computed answer keys.

The answers are computed the way the page computes them: the live fit's LinRegTrainer from
θ = (0, 0), and the race's `run_race` on the surface and start the page builds.
"""

from __future__ import annotations

import numpy as np
import torch

from tests.apptest import page_test, texts
from vizlib.lessons.gradient_descent.config import LIVE_MAX_STEPS
from vizlib.lessons.gradient_descent.linreg import LinRegTrainer, parse_data
from vizlib.lessons.gradient_descent.surfaces import make_surface, parse_point
from vizlib.lessons.gradient_descent.tour import TOUR
from vizlib.lessons.gradient_descent.trajectories import run_race
from vizlib.ui.i18n import load_catalogue

FIT_STEPS = 50  # far fewer than the page's LIVE_MAX_STEPS
TOLERANCES = (1e-2, 1e-3, 1e-4)  # "reached the minimum": loss within this of the minimum's


def _cfg(step_id: str, revealed: bool = True):
    return TOUR.configs_at(TOUR.index(step_id), revealed)["GradientDescentConfig"]


def _fit_losses(cfg, steps: int = FIT_STEPS) -> np.ndarray:
    """The live fit's loss after each step, run as the page's trainer runs it."""
    x, y = parse_data(cfg.data_x, cfg.data_y)
    trainer = LinRegTrainer(x, y, (0.0, 0.0), cfg.fit_lr)
    return np.array([trainer.losses[0]] + [trainer.train_step() for _ in range(steps)])


def _race(cfg):
    """The page's race: its surface, its start point, every racer switched on."""
    surface = make_surface(cfg.surface, cond=cfg.cond, angle_deg=cfg.angle, data=None)
    start = parse_point(cfg.start) if cfg.start.strip() else surface.start
    paths = run_race(
        surface,
        start,
        cfg.racers(),
        cfg.steps,
        schedule=cfg.schedule,
        schedule_kw=cfg.schedule_kw(),
        noise=cfg.noise,
        seed=cfg.seed,
    )
    return surface, start, paths


def test_the_large_learning_rate_makes_the_fit_diverge():
    """Test that "diverges" is right: the page's trainer at the new rate ends above its start
    (or non-finite), while at the rate before Reveal it falls."""
    assert TOUR.steps[TOUR.index("lr_big")].answer == "diverges"
    assert FIT_STEPS <= LIVE_MAX_STEPS
    calm, big = _fit_losses(_cfg("lr_big", revealed=False)), _fit_losses(_cfg("lr_big"))
    assert calm[-1] < calm[0]
    assert not np.isfinite(big[-1]) or big[-1] > big[0]


def test_the_fit_diverges_under_torch_autograd_too():
    """Test that plain gradient descent with torch autograd's gradients of the same MSE, from
    (0, 0) at the new rate, also blows up (θ ← θ − α∇J by hand: no torch.optim import cost)."""
    cfg = _cfg("lr_big")
    x, y = (torch.tensor(v) for v in parse_data(cfg.data_x, cfg.data_y))
    theta = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    losses = []
    for _ in range(FIT_STEPS):
        loss = torch.mean((theta[0] + theta[1] * x - y) ** 2)
        (grad,) = torch.autograd.grad(loss, theta)
        with torch.no_grad():
            theta -= cfg.fit_lr * grad
        losses.append(loss.item())
    assert not np.isfinite(losses[-1]) or losses[-1] > losses[0]


def _first_at_minimum(path, floor: float, tol: float) -> float:
    hits = np.nonzero(path.losses - floor < tol)[0]
    return float(hits[0]) if hits.size and not path.diverged else np.inf


def test_momentum_reaches_rosenbrocks_minimum_first():
    """Test that "momentum" is right: in the page's race, momentum's loss is the first to come
    within each tolerance of the minimum's loss, within the steps the page runs."""
    step = TOUR.steps[TOUR.index("race")]
    cfg = _cfg("race")
    surface, _, paths = _race(cfg)
    assert sorted(p.label for p in paths) == sorted(step.choices)
    assert cfg.shown_step() == cfg.steps  # after Reveal the charts show the whole race
    floor = min(float(surface.value(*m)) for m in surface.minima)
    for tol in TOLERANCES:
        first = {p.label: _first_at_minimum(p, floor, tol) for p in paths}
        winner = min(first, key=first.get)
        assert winner == step.answer and np.isfinite(first[winner])
        assert all(first[winner] < v for k, v in first.items() if k != winner)
    # the reveal's other claims: Adam arrives later, plain SGD never does
    first = {p.label: _first_at_minimum(p, floor, TOLERANCES[0]) for p in paths}
    assert np.isfinite(first["adam"]) and first["sgd"] == np.inf


def test_gradient_descent_started_at_the_minimum_stays_there():
    """Test that "stays" is right: from the bowl's minimum every gradient is 0 and no step moves."""
    assert TOUR.steps[TOUR.index("at_min")].answer == "stays"
    cfg = _cfg("at_min")
    _, start, paths = _race(cfg)
    assert [p.label for p in paths] == ["sgd"]
    assert paths[0].n_steps == cfg.steps
    np.testing.assert_array_equal(paths[0].points, np.tile(start, (cfg.steps + 1, 1)))
    np.testing.assert_array_equal(paths[0].grads, 0.0)
    theta = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    ((theta[0] - 1) ** 2 + (theta[1] - 2) ** 2).backward()  # the curriculum's J(θ)
    assert torch.all(theta.grad == 0)


def test_the_page_opens_the_walkthrough_at_a_linked_step():
    """Test that the lesson page, opened with tour=<slug>&step=2, shows step 2's text, no error."""
    at = page_test("gradient_descent", {"tour": "gradient_descent", "step": "2"})
    assert not at.exception
    assert load_catalogue("en")[f"gradient_descent.tour.{TOUR.steps[1].id}.text"] in texts(at)
