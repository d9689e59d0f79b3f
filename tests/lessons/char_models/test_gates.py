"""Test that the hand-run LSTM/GRU equations (which keep the gates) equal torch's fused layers."""

import torch
from hypothesis import given, settings
from hypothesis import strategies as hs
from torch import nn

from vizlib.lessons.char_models.gates import gate_trace


def _layer(kind: str, n_in: int, hidden: int, layers: int, seed: int) -> nn.RNNBase:
    gen = torch.Generator().manual_seed(seed)
    with torch.random.fork_rng(devices=[]):  # the constructor's own init uses the global RNG
        layer = (nn.LSTM if kind == "lstm" else nn.GRU)(n_in, hidden, layers, batch_first=True)
    for p in layer.parameters():
        nn.init.uniform_(p, -0.8, 0.8, generator=gen)
    return layer.double()


@settings(max_examples=12, deadline=None)
@given(
    kind=hs.sampled_from(["lstm", "gru"]),
    n_in=hs.integers(1, 6),
    hidden=hs.integers(1, 8),
    layers=hs.integers(1, 2),
    steps=hs.integers(1, 12),
    seed=hs.integers(0, 1000),
)
def test_gate_trace_h_and_c_equal_torch(kind, n_in, hidden, layers, steps, seed):
    """Test that h_t of every layer and the LSTM's c_t equal nn.LSTM / nn.GRU to 1e-10 (float64)."""
    layer = _layer(kind, n_in, hidden, layers, seed)
    x = torch.randn(steps, n_in, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    out, state = layer(x[None])
    tr = gate_trace(layer, x)
    torch.testing.assert_close(tr.h[-1], out[0], atol=1e-10, rtol=0)
    h_n = state[0] if kind == "lstm" else state
    for i in range(layers):
        torch.testing.assert_close(tr.h[i][-1], h_n[i, 0], atol=1e-10, rtol=0)
    if kind == "lstm":
        for i in range(layers):
            torch.testing.assert_close(tr.c[i][-1], state[1][i, 0], atol=1e-10, rtol=0)
    assert all(((k > 0) & (k < 1)).all() for k in tr.keep)


def test_forget_gate_is_sigmoid_of_torch_preactivation():
    """Test that f_1 equals sigmoid of the forget rows of W_ih x + b_ih + b_hh (h_0 = 0)."""
    layer = _layer("lstm", 3, 4, 1, 7)
    x = torch.randn(5, 3, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    pre = layer.weight_ih_l0 @ x[0] + layer.bias_ih_l0 + layer.bias_hh_l0  # (4H,): i, f, g, o
    torch.testing.assert_close(gate_trace(layer, x).keep[0][0], torch.sigmoid(pre[4:8]))
