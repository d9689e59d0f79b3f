"""Test that the single-neuron trace matches torch autograd."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_activations import TORCH
from vizlib.core.activations import ACTIVATIONS
from vizlib.lessons.neuron.model import NeuronConfig, activation_curve, neuron_forward

vals = st.floats(min_value=-5, max_value=5, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(
    xs=st.lists(vals, min_size=7, max_size=7),
    act=st.sampled_from(ACTIVATIONS),
    n=st.sampled_from([2, 3]),
)
def test_trace_matches_autograd(xs, act, n):
    """Test that z, y, dy/dw, dy/dx and dy/dz equal torch's values and gradients."""
    cfg = NeuronConfig(
        n_inputs=n, x1=xs[0], x2=xs[1], x3=xs[2], w1=xs[3], w2=xs[4], w3=xs[5], b=xs[6], act=act
    )
    tr = neuron_forward(cfg)
    x = torch.tensor(cfg.x, requires_grad=True)
    w = torch.tensor(cfg.w, requires_grad=True)
    z = (w * x).sum() + cfg.b
    z.retain_grad()
    y = TORCH[act](z)
    y.backward()
    assert tr.z == pytest.approx(z.item(), abs=1e-12)
    assert tr.y == pytest.approx(y.item(), abs=1e-12)
    assert tr.dy_dz == pytest.approx(z.grad.item(), abs=1e-9)
    np.testing.assert_allclose(tr.dy_dw, w.grad.numpy(), atol=1e-9)
    np.testing.assert_allclose(tr.dy_dx, x.grad.numpy(), atol=1e-9)


def test_curriculum_preset_is_the_default():
    """Test that the default is the curriculum preset x=[1,2], w=[0.5,1], b=0.2, sigmoid."""
    cfg = NeuronConfig()
    assert list(cfg.x) == [1.0, 2.0] and list(cfg.w) == [0.5, 1.0]
    assert (cfg.b, cfg.act) == (0.2, "sigmoid")


def test_query_round_trip_and_garbage():
    """Test that a config survives to_query/from_query and garbage falls back to the default."""
    cfg = NeuronConfig(n_inputs=3, x3=-1.5, act="gelu")
    back, bad = NeuronConfig.from_query(cfg.to_query())
    assert back == cfg and bad == []
    back, bad = NeuronConfig.from_query(
        {
            "neuron.x1": "abc",
            "neuron.b": "1e9",
            "neuron.act": "zz",
            "neuron.w1": "nan",
            "neuron.n_inputs": "2.5",
        }
    )
    assert back == NeuronConfig()
    assert set(bad) == {"neuron.x1", "neuron.b", "neuron.act", "neuron.w1", "neuron.n_inputs"}


def test_activation_curve_shapes():
    """Test that the curve samples f and f' on the requested grid."""
    c = activation_curve("tanh", -2, 2, 5)
    np.testing.assert_allclose(c.x, [-2, -1, 0, 1, 2])
    np.testing.assert_allclose(c.f, np.tanh(c.x))
    assert c.saturated.dtype == bool
