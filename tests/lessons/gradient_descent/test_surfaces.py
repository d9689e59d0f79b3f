"""Test that the lab's surfaces match torch autograd in value, gradient and Hessian."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.lessons.gradient_descent.gd_reference import (
    CURRICULUM_X,
    CURRICULUM_Y,
    torch_loss,
    torch_value_grad,
)
from vizlib.lessons.gradient_descent.surfaces import SURFACES, make_surface, parse_point

coord = st.floats(-4.0, 4.0, allow_nan=False)
DATA = (np.array(CURRICULUM_X), np.array(CURRICULUM_Y))


def _kw(name, cond=10.0, angle=0.0):
    return {"cond": cond, "angle": angle, "data": DATA if name == "linreg" else None}


@pytest.mark.parametrize("name", SURFACES)
@settings(max_examples=30, deadline=None)
@given(x=coord, y=coord)
def test_value_and_gradient_match_autograd(name, x, y):
    """Test that J and ∇J equal torch autograd's at any point, for every surface."""
    s = make_surface(name, cond=10.0, angle_deg=0.0, data=DATA)
    ref_v, ref_g = torch_value_grad(name, [x, y], **_kw(name))
    assert s.value(x, y) == pytest.approx(ref_v, rel=1e-12, abs=1e-9)
    np.testing.assert_allclose(s.gradient(x, y), ref_g, rtol=1e-12, atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(cond=st.floats(1.0, 100.0), angle=st.floats(-90.0, 90.0), x=coord, y=coord)
def test_rotated_quadratic_matches_autograd(cond, angle, x, y):
    """Test that the quadratic with any condition number and rotation matches autograd."""
    s = make_surface("quadratic", cond=cond, angle_deg=angle)
    ref_v, ref_g = torch_value_grad("quadratic", [x, y], cond=cond, angle=angle)
    assert s.value(x, y) == pytest.approx(ref_v, rel=1e-12, abs=1e-9)
    np.testing.assert_allclose(s.gradient(x, y), ref_g, rtol=1e-10, atol=1e-9)


@pytest.mark.parametrize(
    "name,cond,angle",
    [
        ("quadratic", 1.0, 0.0),
        ("quadratic", 25.0, 40.0),
        ("bowl", 1.0, 0.0),
        ("linreg", 1.0, 0.0),
    ],
)
def test_lipschitz_is_largest_hessian_eigenvalue(name, cond, angle):
    """Test that L equals the largest eigenvalue of torch's Hessian of the loss."""
    s = make_surface(name, cond=cond, angle_deg=angle, data=DATA)
    h = torch.autograd.functional.hessian(
        lambda p: torch_loss(name, p, cond=cond, angle=angle, data=DATA),
        torch.tensor([0.3, -0.7], dtype=torch.float64),
    )
    assert s.lipschitz == pytest.approx(torch.linalg.eigvalsh(h)[-1].item(), rel=1e-12)


@pytest.mark.parametrize("name", ["rosenbrock", "himmelblau", "saddle"])
def test_non_quadratic_surfaces_have_no_global_l(name):
    """Test that L is reported only where the Hessian is constant."""
    assert make_surface(name).lipschitz is None


@pytest.mark.parametrize("name", SURFACES)
def test_listed_minima_are_stationary(name):
    """Test that torch's gradient at every listed minimum is (nearly) zero."""
    s = make_surface(name, data=DATA)
    for m in s.minima:
        _, g = torch_value_grad(name, list(m), **_kw(name))
        assert np.abs(g).max() < 1e-4


def test_grid_matches_pointwise_values():
    """Test that the grid holds J(x[j], y[i]) at [i, j]."""
    s = make_surface("rosenbrock")
    xs, ys, z = s.grid(7)
    assert z.shape == (7, 7)
    assert z[2, 5] == pytest.approx(torch_loss("rosenbrock", torch.tensor([xs[5], ys[2]])).item())


@pytest.mark.parametrize(
    "text,reason",
    [
        ("abc", "format"),
        ("1", "format"),
        ("1,2,3", "format"),
        ("inf, 0", "not_finite"),
        ("nan,1", "not_finite"),
        ("1e9, 0", "too_large"),
        ("1e400, 0", "not_finite"),
    ],
)
def test_bad_start_points_are_refused(text, reason):
    """Test that text, infinities and huge values give the matching reason code."""
    with pytest.raises(ValueError, match=reason):
        parse_point(text)


def test_good_start_point_parses():
    """Test that "x, y" with spaces or brackets parses to two floats."""
    assert parse_point(" (-1.5 , 2) ") == (-1.5, 2.0)
