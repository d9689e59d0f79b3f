"""A configurable small CNN for MNIST: 1-3 conv blocks, explicitly seeded init and dropout.

Images are (B, 1, 28, 28) floats in [0, 1] (ink high); the model normalises them itself.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from vizlib.core.cnn_arch import (  # noqa: F401  (re-exported: the model's public names)
    CLASSIC,
    MAX_CHANNELS,
    MAX_MACS,
    MAX_PARAMS,
    CnnArch,
)


def dropout(x: torch.Tensor, p: float, generator: torch.Generator | None) -> torch.Tensor:
    """Inverted dropout with an explicit generator: keep with prob 1-p, scale by 1/(1-p)."""
    if p <= 0.0 or generator is None:
        return x
    keep = torch.rand(x.shape, generator=generator) >= p
    return x * keep / (1.0 - p)


class MnistCnn(nn.Module):
    """conv(+ReLU)(+max-pool) x blocks -> flatten -> dense(+ReLU, dropout) -> 10 logits."""

    def __init__(self, arch: CnnArch, mean: float, std: float) -> None:
        super().__init__()
        self.arch = arch
        ins = [1, *arch.channels()[:-1]]
        pad = arch.kernel // 2
        self.convs = nn.ModuleList(
            nn.Conv2d(i, o, arch.kernel, padding=pad, device="meta")
            for i, o in zip(ins, arch.channels(), strict=True)
        )
        self.fc = nn.Linear(arch.flat(), arch.dense, device="meta")
        self.out = nn.Linear(arch.dense, 10, device="meta")
        self.register_buffer("mean", torch.tensor(float(mean)))
        self.register_buffer("std", torch.tensor(float(std)))
        self.p_drop = 0.0

    def layers(self, x: torch.Tensor, gen: torch.Generator | None = None) -> list[tuple]:
        """Every intermediate as (name, tensor); the last is the logits. x: (B, 1, 28, 28)."""
        out = []
        h = (x - self.mean) / self.std
        for i, conv in enumerate(self.convs, start=1):
            h = F.relu(conv(h))  # (B, C_i, n, n)
            out.append((f"conv{i}", h))
            if self.arch.pool:
                h = F.max_pool2d(h, 2)  # (B, C_i, n/2, n/2)
                out.append((f"pool{i}", h))
        h = dropout(F.relu(self.fc(h.flatten(1))), self.p_drop, gen)  # (B, dense)
        out.append(("dense", h))
        out.append(("logits", self.out(h)))  # (B, 10)
        return out

    def forward(self, x: torch.Tensor, gen: torch.Generator | None = None) -> torch.Tensor:
        """Logits (B, 10); dropout is applied only when a generator is given (training)."""
        return self.layers(x, gen)[-1][1]


def build_model(arch: CnnArch, generator: torch.Generator, mean: float, std: float) -> MnistCnn:
    """A model initialised like torch's defaults, but drawing from `generator` only."""
    model = MnistCnn(arch, mean, std)
    model.to_empty(device="cpu")
    model.mean.fill_(float(mean))
    model.std.fill_(float(std))
    with torch.no_grad():
        for layer in [*model.convs, model.fc, model.out]:
            nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=generator)
            bound = 1.0 / math.sqrt(layer.weight[0].numel())
            nn.init.uniform_(layer.bias, -bound, bound, generator=generator)
    return model
