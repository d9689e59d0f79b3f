"""Export a playground network to torch: an equivalent nn.Sequential and its state_dict bytes."""

from __future__ import annotations

import io

import torch
from torch import nn

from vizlib.core.mlp import MLP

_TORCH_MODULE = {
    "relu": nn.ReLU,
    "tanh": nn.Tanh,
    "sigmoid": nn.Sigmoid,
    "linear": nn.Identity,
    "leaky_relu": lambda: nn.LeakyReLU(0.01),
    "gelu": lambda: nn.GELU(approximate="tanh"),
}


def to_torch(mlp: MLP, dropout: float = 0.0) -> nn.Sequential:
    """An equivalent float64 nn.Sequential (Linear, activation, Dropout, ..., Linear)."""
    layers: list[nn.Module] = []
    for layer in range(mlp.n_layers):
        lin = nn.Linear(mlp.sizes[layer], mlp.sizes[layer + 1]).double()
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(mlp.params[2 * layer]))
            lin.bias.copy_(torch.from_numpy(mlp.params[2 * layer + 1]))
        layers.append(lin)
        if layer < mlp.n_layers - 1:
            layers.append(_TORCH_MODULE[mlp.activation]())
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
    return nn.Sequential(*layers)


def state_dict_bytes(mlp: MLP, dropout: float = 0.0) -> bytes:
    """The trained weights as a `torch.save`d state_dict, for `model.load_state_dict`."""
    buf = io.BytesIO()
    torch.save(to_torch(mlp, dropout).state_dict(), buf)
    return buf.getvalue()
