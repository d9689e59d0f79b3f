"""Gate values of a trained nn.LSTM / nn.GRU, recomputed step by step from the layer's weights.

torch's fused layers do not hand back their gates, so we run the same equations (PyTorch's gate
order and conventions) and keep f_t (LSTM forget gate) or z_t (GRU update gate) on the way.
"""

from __future__ import annotations

import dataclasses

import torch
from torch import nn


@dataclasses.dataclass
class GateTrace:
    """Per layer, over one sequence: the "keep" gate, h_t and (LSTM) c_t, each (T, H)."""

    keep: list[torch.Tensor]  # LSTM forget gate f_t, GRU update gate z_t: share of old state kept
    h: list[torch.Tensor]
    c: list[torch.Tensor] | None


def _weights(rnn: nn.RNNBase, layer: int) -> tuple[torch.Tensor, ...]:
    return tuple(
        getattr(rnn, f"{w}_l{layer}") for w in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    )


def _lstm_layer(x: torch.Tensor, w: tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, ...]:
    w_ih, w_hh, b_ih, b_hh = w
    H = w_hh.shape[1]
    h, c = x.new_zeros(H), x.new_zeros(H)
    pre_x = x @ w_ih.T + b_ih  # (T, 4H): the input part of every step at once
    fs, hs, cs = [], [], []
    for t in range(x.shape[0]):
        i, f, g, o = (pre_x[t] + w_hh @ h + b_hh).split(H)  # PyTorch order: i, f, g, o
        i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
        c = f * c + i * g
        h = o * c.tanh()
        fs.append(f), hs.append(h), cs.append(c)
    return torch.stack(fs), torch.stack(hs), torch.stack(cs)


def _gru_layer(x: torch.Tensor, w: tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, ...]:
    w_ih, w_hh, b_ih, b_hh = w
    H = w_hh.shape[1]
    h = x.new_zeros(H)
    pre_x = x @ w_ih.T + b_ih  # (T, 3H)
    zs, hs = [], []
    for t in range(x.shape[0]):
        xr, xz, xn = pre_x[t].split(H)  # PyTorch order: r, z, n
        hr, hz, hn = (w_hh @ h + b_hh).split(H)
        r, z = (xr + hr).sigmoid(), (xz + hz).sigmoid()
        n = (xn + r * hn).tanh()
        h = (1 - z) * n + z * h  # z near 1 keeps the old state
        zs.append(z), hs.append(h)
    return torch.stack(zs), torch.stack(hs)


@torch.no_grad()
def gate_trace(rnn: nn.LSTM | nn.GRU, x: torch.Tensor) -> GateTrace:
    """Run `rnn` (batch_first, from a zero state) over one sequence x (T, input) by hand."""
    lstm = isinstance(rnn, nn.LSTM)
    if not lstm and not isinstance(rnn, nn.GRU):
        raise TypeError("gates exist only for nn.LSTM and nn.GRU")
    keep, hs, cs = [], [], []
    inp = x
    for layer in range(rnn.num_layers):
        if lstm:
            f, h, c = _lstm_layer(inp, _weights(rnn, layer))
            cs.append(c)
        else:
            f, h = _gru_layer(inp, _weights(rnn, layer))
        keep.append(f)
        hs.append(h)
        inp = h
    return GateTrace(keep, hs, cs if lstm else None)
