"""Test the step's LaTeX: every gate and state the page writes out is torch's number."""

import numpy as np
import pytest
import torch

from tests.lessons.recurrent_cells.test_cells import random_params
from tests.lessons.recurrent_cells.torch_cells import torch_gates, torch_states
from vizlib.lessons.recurrent_cells.cells import run_sequence
from vizlib.lessons.recurrent_cells.charts_latex import mat, num, step_latex, vec


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_every_gate_shows_torch_value(kind):
    """Test that each gate's filled formula ends with the gate computed in torch."""
    rng = np.random.default_rng(4)
    p = random_params(kind, "tanh", 3, 2, rng)
    xs = rng.normal(size=(2, 3))
    trace = run_sequence(p, xs)
    s = trace.steps[1]
    shown = {name: filled for name, _, filled in step_latex(p, s)}
    for name, ref in torch_gates(p, s.x, s.h_prev).items():
        assert shown[name].rstrip().endswith(f"= {vec(ref.numpy())} \\end{{aligned}}"), name
    with torch.no_grad():
        h2 = torch_states(p, xs)[1][0][0]
    assert shown["h"].endswith(f"= {vec(h2.numpy())}")


def test_rnn_formula_shows_its_weights_and_inputs():
    """Test that the RNN's pre-activation writes out W_ih, x_t, W_hh and h_{t-1}."""
    rng = np.random.default_rng(2)
    p = random_params("rnn", "relu", 2, 3, rng)
    s = run_sequence(p, rng.normal(size=(1, 2))).steps[0]
    (_, sym, filled), (_, sym_h, _) = step_latex(p, s)
    for part in (mat(p.w_ih), mat(p.w_hh), vec(s.x), vec(s.h_prev)):
        assert part in filled
    assert "W_{ih}" in sym and r"\mathrm{ReLU}" in sym_h


def test_num_formats_extremes():
    """Test that tiny, huge and non-finite numbers print as powers of ten or symbols."""
    assert num(1.5e-7) == r"1.500 \times 10^{-7}"
    assert num(2.5e8) == r"2.500 \times 10^{8}"
    assert num(-0.00001, 4) == r"-1.000 \times 10^{-5}"
    assert num(float("inf")) == r"\infty" and num(float("nan")) == r"\mathrm{NaN}"
    assert num(-0.0) == "0" and num(0.25) == "0.25"
