"""One step of an RNN, LSTM or GRU cell in float64 numpy, in torch's weight layout and conventions.

Weights are stacked like torch's `nn.RNNCell` / `nn.LSTMCell` / `nn.GRUCell`: gate blocks of H rows,
in the order i, f, g, o (LSTM) and r, z, n (GRU), with the two biases b_ih and b_hh.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vizlib.core.activations import activate, sigmoid

CELLS = ("rnn", "lstm", "gru")
RNN_ACTS = ("tanh", "sigmoid", "relu")
GATES = {"rnn": ("a",), "lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n")}


@dataclass(frozen=True)
class CellParams:
    """A cell's weights and initial state (G = number of gate blocks)."""

    kind: str  # "rnn" | "lstm" | "gru"
    act: str  # the plain RNN's nonlinearity (tanh | sigmoid | relu); unused by LSTM/GRU
    w_ih: np.ndarray  # (G*H, I)
    w_hh: np.ndarray  # (G*H, H)
    b_ih: np.ndarray  # (G*H,)
    b_hh: np.ndarray  # (G*H,)
    h0: np.ndarray  # (H,)
    c0: np.ndarray  # (H,) the LSTM's initial cell state (zeros for the others)

    @property
    def hidden(self) -> int:
        """The hidden size H."""
        return self.h0.shape[0]

    def block(self, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The gate's own slices (W_i*, W_h*, b_i*, b_h*) of the stacked weights."""
        k, h = GATES[self.kind].index(name), self.hidden
        rows = slice(k * h, (k + 1) * h)
        return self.w_ih[rows], self.w_hh[rows], self.b_ih[rows], self.b_hh[rows]


@dataclass(frozen=True)
class StepTrace:
    """Everything one time step computes: each gate's argument and value, the new state."""

    x: np.ndarray  # (I,)
    h_prev: np.ndarray  # (H,)
    c_prev: np.ndarray  # (H,)
    pre: dict[str, np.ndarray]  # gate -> the argument of its nonlinearity, (H,)
    gates: dict[str, np.ndarray]  # gate -> its value, (H,)
    hn: np.ndarray | None  # GRU only: W_hn h + b_hn, the part r multiplies
    h: np.ndarray  # (H,)
    c: np.ndarray  # (H,) LSTM cell state (a copy of c_prev's zeros for the others)


@dataclass(frozen=True)
class SequenceTrace:
    """A whole sequence: one StepTrace per input, and the states stacked over time."""

    steps: list[StepTrace]
    hs: np.ndarray  # (T+1, H): h_0 .. h_T
    cs: np.ndarray  # (T+1, H): c_0 .. c_T (LSTM), zeros otherwise


def _split(v: np.ndarray, n: int) -> list[np.ndarray]:
    return np.split(v, n)


def cell_step(p: CellParams, x: np.ndarray, h: np.ndarray, c: np.ndarray) -> StepTrace:
    """One time step of the cell from state (h, c) on input x."""
    gx = p.w_ih @ x + p.b_ih  # (G*H,)
    gh = p.w_hh @ h + p.b_hh  # (G*H,)
    names = GATES[p.kind]
    if p.kind == "rnn":
        pre = {"a": gx + gh}
        gates = {"a": activate(p.act, pre["a"])}
        return StepTrace(x, h, c, pre, gates, None, gates["a"], c)
    if p.kind == "lstm":
        pre = dict(zip(names, _split(gx + gh, 4)))
        gates = {k: np.tanh(v) if k == "g" else sigmoid(v) for k, v in pre.items()}
        c_new = gates["f"] * c + gates["i"] * gates["g"]
        h_new = gates["o"] * np.tanh(c_new)
        return StepTrace(x, h, c, pre, gates, None, h_new, c_new)
    xr, xz, xn = _split(gx, 3)
    hr, hz, hn = _split(gh, 3)
    pre = {"r": xr + hr, "z": xz + hz}
    gates = {"r": sigmoid(pre["r"]), "z": sigmoid(pre["z"])}
    pre["n"] = xn + gates["r"] * hn  # torch's GRU: r multiplies (W_hn h + b_hn), bias included
    gates["n"] = np.tanh(pre["n"])
    h_new = (1.0 - gates["z"]) * gates["n"] + gates["z"] * h
    return StepTrace(x, h, c, pre, gates, hn, h_new, c)


def run_sequence(p: CellParams, xs: np.ndarray) -> SequenceTrace:
    """Run the cell over inputs xs (T, I) from its initial state."""
    h, c = p.h0, p.c0 if p.kind == "lstm" else np.zeros_like(p.h0)
    steps = []
    for x in xs:
        step = cell_step(p, x, h, c)
        steps.append(step)
        h, c = step.h, step.c
    hs = np.stack([p.h0] + [s.h for s in steps])
    cs = np.stack([steps[0].c_prev if steps else c] + [s.c for s in steps])
    return SequenceTrace(steps, hs, cs)
