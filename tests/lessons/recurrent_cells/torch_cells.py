"""The answer key: torch cells (float64) holding a CellParams' weights, stepped by hand."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from vizlib.lessons.recurrent_cells.cells import GATES, CellParams


def torch_cell(p: CellParams) -> nn.Module:
    """nn.RNNCell / nn.LSTMCell / nn.GRUCell with p's weights copied in (sigmoid RNN: None)."""
    i, h = p.w_ih.shape[1], p.hidden
    if p.kind == "rnn":
        if p.act == "sigmoid":
            return None  # nn.RNNCell has no sigmoid: callers build the expression by hand
        cell = nn.RNNCell(i, h, nonlinearity=p.act)
    else:
        cell = {"lstm": nn.LSTMCell, "gru": nn.GRUCell}[p.kind](i, h)
    cell = cell.double()
    with torch.no_grad():
        for name in ("w_ih", "w_hh", "b_ih", "b_hh"):
            torch_name = {"w_ih": "weight_ih", "w_hh": "weight_hh"}.get(
                name, name.replace("b_", "bias_")
            )
            getattr(cell, torch_name).copy_(torch.from_numpy(getattr(p, name)))
    return cell


def _sigmoid_rnn(p: CellParams):
    w_ih, w_hh, b_ih, b_hh = (
        torch.from_numpy(getattr(p, n)) for n in ("w_ih", "w_hh", "b_ih", "b_hh")
    )
    return lambda x, h: torch.sigmoid(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh)


def torch_states(p: CellParams, xs: np.ndarray, *, retain: bool = False):
    """Run torch over xs; returns the list of (h_t, c_t) tensors (batch of one), t = 1..T."""
    cell = torch_cell(p) or _sigmoid_rnn(p)
    h = torch.from_numpy(p.h0)[None].clone().requires_grad_(retain)  # a leaf, so every h_t has grad
    c = torch.from_numpy(p.c0)[None].clone()
    out = []
    for x in torch.from_numpy(xs):
        if p.kind == "lstm":
            h, c = cell(x[None], (h, c))
        else:
            h = cell(x[None], h)
        if retain:
            h.retain_grad()
        out.append((h, c))
    return out


def torch_gates(p: CellParams, x: np.ndarray, h: np.ndarray) -> dict[str, torch.Tensor]:
    """Each gate built by hand in torch from the stacked weights (torch's gate order)."""
    w_ih, w_hh, b_ih, b_hh = (
        torch.from_numpy(getattr(p, n)) for n in ("w_ih", "w_hh", "b_ih", "b_hh")
    )
    gx = (w_ih @ torch.from_numpy(x) + b_ih).chunk(len(GATES[p.kind]))
    gh = (w_hh @ torch.from_numpy(h) + b_hh).chunk(len(GATES[p.kind]))
    if p.kind == "lstm":
        i, f, g, o = (a + b for a, b in zip(gx, gh))
        return {"i": i.sigmoid(), "f": f.sigmoid(), "g": g.tanh(), "o": o.sigmoid()}
    r = (gx[0] + gh[0]).sigmoid()
    z = (gx[1] + gh[1]).sigmoid()
    return {"r": r, "z": z, "n": (gx[2] + r * gh[2]).tanh()}
