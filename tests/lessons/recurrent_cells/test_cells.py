"""Test the cell steps against torch's nn.RNNCell / nn.LSTMCell / nn.GRUCell in float64."""

import numpy as np
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.lessons.recurrent_cells.torch_cells import torch_gates, torch_states
from vizlib.lessons.recurrent_cells.cells import CELLS, GATES, RNN_ACTS, CellParams, run_sequence
from vizlib.lessons.recurrent_cells.config import PRESET_CURRICULUM
from vizlib.lessons.recurrent_cells.params import build_params, parse_sequence

TOL = 1e-10


def random_params(kind: str, act: str, i: int, h: int, rng: np.random.Generator) -> CellParams:
    """Random weights and initial state of the given sizes (scale 1, so gates are not saturated)."""
    g = len(GATES[kind]) * h
    draw = lambda *shape: rng.normal(size=shape)  # noqa: E731
    return CellParams(kind, act, draw(g, i), draw(g, h), draw(g), draw(g), draw(h), draw(h))


cases = st.tuples(
    st.sampled_from(CELLS),
    st.sampled_from(RNN_ACTS),
    st.integers(1, 4),
    st.integers(1, 4),
    st.integers(1, 8),
    st.integers(0, 2**32 - 1),
)


@settings(max_examples=60, deadline=None)
@given(cases)
def test_states_equal_torch_cells(case):
    """Test that every h_t (and the LSTM's c_t) equals torch's cell with the same weights."""
    kind, act, i, h, t, seed = case
    rng = np.random.default_rng(seed)
    p = random_params(kind, act, i, h, rng)
    xs = rng.normal(size=(t, i))
    trace = run_sequence(p, xs)
    with torch.no_grad():
        ref = torch_states(p, xs)
    for k, (th, tc) in enumerate(ref, start=1):
        np.testing.assert_allclose(trace.hs[k], th[0].numpy(), rtol=0, atol=TOL)
        if kind == "lstm":
            np.testing.assert_allclose(trace.cs[k], tc[0].numpy(), rtol=0, atol=TOL)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(("lstm", "gru")), st.integers(1, 4), st.integers(1, 4), st.integers(0, 999))
def test_gate_values_equal_torch_expressions(kind, i, h, seed):
    """Test that every gate the page shows equals the same gate built in torch."""
    rng = np.random.default_rng(seed)
    p = random_params(kind, "tanh", i, h, rng)
    trace = run_sequence(p, rng.normal(size=(3, i)))
    for s in trace.steps:
        for name, ref in torch_gates(p, s.x, s.h_prev).items():
            np.testing.assert_allclose(s.gates[name], ref.numpy(), rtol=0, atol=TOL)


def test_curriculum_preset_equals_hand_built_sigmoid():
    """Test that the sigmoid-RNN worked example equals sigmoid(I·x + I·h0 + 0) built in torch."""
    pre = PRESET_CURRICULUM
    p = build_params("rnn", "sigmoid", 2, 2, 0, pre)
    xs = parse_sequence(pre["seq"], 2, 8)
    trace = run_sequence(p, xs)
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    h0 = torch.zeros(2, dtype=torch.float64)
    eye = torch.eye(2, dtype=torch.float64)
    want = torch.sigmoid(eye @ x + eye @ h0 + torch.zeros(2, dtype=torch.float64))
    np.testing.assert_allclose(trace.hs[1], want.numpy(), rtol=0, atol=TOL)
    # the pitfall: a zero pre-activation gives 0.5, not 0
    assert torch.sigmoid(torch.zeros(1)).item() == 0.5


def test_block_slices_follow_torch_gate_order():
    """Test that CellParams.block picks torch's i, f, g, o rows of an LSTM."""
    p = random_params("lstm", "tanh", 3, 2, np.random.default_rng(1))
    w_ih, w_hh, b_ih, b_hh = p.block("g")
    np.testing.assert_array_equal(w_ih, p.w_ih[4:6])
    np.testing.assert_array_equal(b_hh, p.b_hh[4:6])
    assert w_hh.shape == (2, 2) and b_ih.shape == (2,)
