"""Backpropagation through time by hand: ‖∂L/∂h_t‖ for every t, for RNN, LSTM and GRU cells.

The loss is on the last step only (L = ½‖h_T‖² or L = Σ h_T). Forward and backward are float64
numpy; overflow is allowed to give inf (the chart says so), never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vizlib.core.activations import derivative
from vizlib.lessons.recurrent_cells.cells import GATES, CellParams, StepTrace, run_sequence

LOSSES = ("half_sq", "sum")
INPUT_SIZE = 4


@dataclass(frozen=True)
class GradientNorms:
    """‖∂L/∂h_t‖ for t = 1..T, and the loss, for one cell."""

    kind: str
    norms: np.ndarray  # (T,)
    loss: float


def random_cell(
    kind: str, act: str, hidden: int, scale: float, gate_bias: float, rng: np.random.Generator
) -> CellParams:
    """Random weights: W_ih ~ N(0, 1/I), W_hh ~ N(0, 1/H)·scale, zero biases except the memory gate.

    `gate_bias` goes on the gate that keeps the old state: the LSTM's forget gate f and the
    GRU's update gate z (a common initialisation; with 0 they forget like the RNN).
    """
    g = len(GATES[kind]) * hidden
    w_ih = rng.normal(0.0, 1.0 / np.sqrt(INPUT_SIZE), size=(g, INPUT_SIZE))
    w_hh = rng.normal(0.0, 1.0 / np.sqrt(hidden), size=(g, hidden)) * scale
    b_ih = np.zeros(g)
    keep = {"lstm": "f", "gru": "z"}.get(kind)
    if keep:
        k = GATES[kind].index(keep)
        b_ih[k * hidden : (k + 1) * hidden] = gate_bias
    zeros = np.zeros(hidden)
    return CellParams(kind, act, w_ih, w_hh, b_ih, np.zeros(g), zeros, zeros)


def _loss(h_last: np.ndarray, loss: str) -> tuple[float, np.ndarray]:
    """L and ∂L/∂h_T."""
    if loss == "half_sq":
        return 0.5 * float(h_last @ h_last), h_last.copy()
    return float(h_last.sum()), np.ones_like(h_last)


def _back_rnn(p: CellParams, s: StepTrace, dh: np.ndarray, dc: np.ndarray) -> tuple:
    da = dh * derivative(p.act, s.pre["a"])
    return p.w_hh.T @ da, dc


def _back_lstm(p: CellParams, s: StepTrace, dh: np.ndarray, dc: np.ndarray) -> tuple:
    i, f, g, o = (s.gates[k] for k in "ifgo")
    tc = np.tanh(s.c)
    dc = dc + dh * o * (1.0 - tc**2)
    d_pre = [dc * g * i * (1 - i), dc * s.c_prev * f * (1 - f), dc * i * (1 - g**2)]
    d_pre.append(dh * tc * o * (1 - o))
    return p.w_hh.T @ np.concatenate(d_pre), dc * f


def _back_gru(p: CellParams, s: StepTrace, dh: np.ndarray, dc: np.ndarray) -> tuple:
    r, z, n = (s.gates[k] for k in "rzn")
    dn_pre = dh * (1.0 - z) * (1.0 - n**2)
    dr_pre = dn_pre * s.hn * r * (1 - r)
    dz_pre = dh * (s.h_prev - n) * z * (1 - z)
    # through W_hh: the r and z blocks see their pre-activations, the n block sees r ⊙ ∂/∂(hn)
    d_gh = np.concatenate([dr_pre, dz_pre, dn_pre * r])
    return dh * z + p.w_hh.T @ d_gh, dc


_BACK = {"rnn": _back_rnn, "lstm": _back_lstm, "gru": _back_gru}


def gradient_norms(p: CellParams, xs: np.ndarray, loss: str = "half_sq") -> GradientNorms:
    """‖∂L/∂h_t‖ for t = 1..T, with L on h_T, by backpropagation through time."""
    with np.errstate(all="ignore"):  # huge weights may overflow to inf/nan: the chart says so
        trace = run_sequence(p, xs)
        value, dh = _loss(trace.hs[-1], loss)
        dc = np.zeros_like(dh)
        norms = np.empty(len(trace.steps))
        for t in range(len(trace.steps) - 1, -1, -1):
            norms[t] = np.linalg.norm(dh)
            dh, dc = _BACK[p.kind](p, trace.steps[t], dh, dc)
    return GradientNorms(p.kind, norms, value)


def compare_cells(
    length: int, hidden: int, scale: float, gate_bias: float, act: str, loss: str, seed: int
) -> dict[str, GradientNorms]:
    """The three cells on the same seeded random inputs (T, 4) and hidden size."""
    xs = np.random.default_rng([seed, 0]).normal(size=(length, INPUT_SIZE))
    out = {}
    for k, kind in enumerate(GATES, start=1):
        p = random_cell(kind, act, hidden, scale, gate_bias, np.random.default_rng([seed, k]))
        out[kind] = gradient_norms(p, xs, loss)
    return out
