"""Test that the numpy activations and derivatives agree with torch autograd."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core.activations import ACTIVATIONS, LEAKY_SLOPE, activate, derivative, saturated

TORCH = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda x: F.leaky_relu(x, LEAKY_SLOPE),
    "gelu": lambda x: F.gelu(x, approximate="tanh"),
    "linear": lambda x: x * 1.0,
}

floats = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False)


@pytest.mark.parametrize("name", ACTIVATIONS)
@settings(max_examples=50, deadline=None)
@given(xs=st.lists(floats, min_size=1, max_size=20))
def test_value_and_derivative_match_autograd(name, xs):
    """Test that f(x) and f'(x) equal torch's value and autograd gradient, large |x| included."""
    tx = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    ty = TORCH[name](tx)
    ty.sum().backward()
    x = np.array(xs)
    np.testing.assert_allclose(activate(name, x), ty.detach().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(derivative(name, x), tx.grad.numpy(), rtol=1e-9, atol=1e-12)


def test_sigmoid_saturates_far_from_zero():
    """Test that sigmoid is marked saturated at |x| = 6 but not at 0, and ReLU on its dead side."""
    assert saturated("sigmoid", np.array([-6.0, 6.0])).all()
    assert not saturated("sigmoid", np.array([0.0])).any()
    assert (
        saturated("relu", np.array([-1.0])).all() and not saturated("relu", np.array([1.0])).any()
    )


def test_unknown_activation_is_refused():
    """Test that an unknown activation name raises ValueError."""
    with pytest.raises(ValueError):
        activate("swish", np.zeros(2))
