"""Test the hand-written backpropagation through time against autograd on retained hidden states."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.lessons.recurrent_cells.torch_cells import torch_states
from vizlib.lessons.recurrent_cells.bptt import (
    INPUT_SIZE,
    LOSSES,
    compare_cells,
    gradient_norms,
    random_cell,
)
from vizlib.lessons.recurrent_cells.cells import CELLS, RNN_ACTS


def autograd_norms(p, xs, loss: str) -> np.ndarray:
    """‖h_t.grad‖ for t = 1..T after backward() of the loss on h_T."""
    states = torch_states(p, xs, retain=True)
    h_last = states[-1][0]
    value = 0.5 * (h_last**2).sum() if loss == "half_sq" else h_last.sum()
    value.backward()
    return np.array([h.grad.norm().item() for h, _ in states])


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(CELLS),
    st.sampled_from(RNN_ACTS),
    st.sampled_from(LOSSES),
    st.integers(1, 6),
    st.integers(1, 30),
    st.floats(0.2, 3.0),
    st.floats(-2.0, 4.0),
    st.integers(0, 999),
)
def test_norms_equal_autograd(kind, act, loss, hidden, length, scale, bias, seed):
    """Test that ‖∂L/∂h_t‖ equals the norm of autograd's h_t.grad for every t."""
    rng = np.random.default_rng(seed)
    p = random_cell(kind, act, hidden, scale, bias, rng)
    xs = rng.normal(size=(length, INPUT_SIZE))
    ours = gradient_norms(p, xs, loss).norms
    ref = autograd_norms(p, xs, loss)
    # 1e-7, not 1e-10: a norm that shrank by cancellation (terms of opposite sign summing to
    # ~1e-7 of their size) keeps only ~1e-9 relative precision in either implementation
    np.testing.assert_allclose(ours, ref, rtol=1e-7, atol=1e-300)


def test_random_initial_state_also_matches():
    """Test that a non-zero initial state (h0, c0) is backpropagated like torch does."""
    rng = np.random.default_rng(3)
    for kind in CELLS:
        p = random_cell(kind, "tanh", 3, 1.5, 1.0, rng)
        p = type(p)(**{**p.__dict__, "h0": rng.normal(size=3), "c0": rng.normal(size=3)})
        xs = rng.normal(size=(7, INPUT_SIZE))
        np.testing.assert_allclose(
            gradient_norms(p, xs).norms, autograd_norms(p, xs, "half_sq"), rtol=1e-9
        )


def test_loss_value_is_on_the_last_state():
    """Test that the reported loss is ½‖h_T‖² of torch's last state."""
    rng = np.random.default_rng(5)
    p = random_cell("gru", "tanh", 4, 1.0, 0.0, rng)
    xs = rng.normal(size=(9, INPUT_SIZE))
    h_last = torch_states(p, xs)[-1][0].detach()
    assert np.isclose(gradient_norms(p, xs).loss, 0.5 * float((h_last**2).sum()), rtol=1e-12)


def test_huge_weights_overflow_without_raising():
    """Test that a ReLU RNN with huge recurrent weights gives inf/nan norms, not an exception."""
    p = random_cell("rnn", "relu", 8, 1e3, 0.0, np.random.default_rng(0))
    xs = np.random.default_rng(1).normal(size=(200, INPUT_SIZE))
    norms = gradient_norms(p, xs).norms
    assert norms.shape == (200,) and not np.all(np.isfinite(norms))


def test_compare_cells_is_seeded_and_shares_inputs():
    """Test that the same seed gives the same norms, and another seed other norms."""
    a = compare_cells(40, 5, 1.0, 1.0, "tanh", "half_sq", seed=7)
    b = compare_cells(40, 5, 1.0, 1.0, "tanh", "half_sq", seed=7)
    c = compare_cells(40, 5, 1.0, 1.0, "tanh", "half_sq", seed=8)
    assert set(a) == set(CELLS)
    for kind in CELLS:
        np.testing.assert_array_equal(a[kind].norms, b[kind].norms)
        assert not np.array_equal(a[kind].norms, c[kind].norms)
