"""The networks of the lab: an MLP (width x depth) or the shared small CNN, each with optional
batch norm and inverted dropout. Init and dropout masks draw from explicit torch.Generators.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from vizlib.core.cnn import CnnArch, build_model

CNN_ARCH = CnnArch(blocks=2, filters=8, kernel=3, pool=True, dense=64)


@dataclass(frozen=True)
class NetSpec:
    """The architecture: a new one needs a freshly initialised model."""

    kind: str = "mlp"  # "mlp" or "cnn"
    width: int = 512
    depth: int = 1
    batchnorm: bool = False


class GenDropout(nn.Module):
    """Inverted dropout (keep with prob 1-p, scale by 1/(1-p)) in train mode, identity in eval
    mode, like nn.Dropout, but the mask comes from an explicit generator."""

    def __init__(self, gen: torch.Generator, p: float = 0.0) -> None:
        super().__init__()
        self.gen, self.p = gen, float(p)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p <= 0.0:
            return x
        if self.p >= 1.0:
            return torch.zeros_like(x)
        keep = torch.rand(x.shape, generator=self.gen) >= self.p
        return x * keep / (1.0 - self.p)


class Mlp(nn.Module):
    """normalise -> [Linear -> (BatchNorm1d) -> ReLU -> dropout] x depth -> Linear -> 10 logits."""

    def __init__(self, spec: NetSpec, gen: torch.Generator, drop_gen: torch.Generator) -> None:
        super().__init__()
        sizes = [784] + [spec.width] * spec.depth
        # built on "meta" (no global random draws), then filled from `gen` below
        layers = (nn.Linear(i, o, device="meta") for i, o in zip(sizes, sizes[1:], strict=False))
        self.hidden = nn.ModuleList(layers).to_empty(device="cpu")
        self.norms = nn.ModuleList(
            nn.BatchNorm1d(o) if spec.batchnorm else nn.Identity() for o in sizes[1:]
        )
        self.out = nn.Linear(sizes[-1], 10, device="meta").to_empty(device="cpu")
        self.drop = GenDropout(drop_gen)
        with torch.no_grad():  # torch's default Linear init, drawn from `gen` only
            for layer in [*self.hidden, self.out]:
                nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=gen)
                bound = 1.0 / math.sqrt(layer.weight.shape[1])
                nn.init.uniform_(layer.bias, -bound, bound, generator=gen)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = (x.flatten(1) - 0.1307) / 0.3081  # (B, 784), MNIST's usual pixel mean and std
        for lin, norm in zip(self.hidden, self.norms, strict=True):
            h = self.drop(F.relu(norm(lin(h))))  # (B, width)
        return self.out(h)  # (B, 10)


class Cnn(nn.Module):
    """The shared small CNN's layers, with batch norm after each conv (optional) and dropout
    on the dense layer. x: (B, 1, 28, 28) in [0, 1]."""

    def __init__(self, spec: NetSpec, gen: torch.Generator, drop_gen: torch.Generator) -> None:
        super().__init__()
        self.base = build_model(CNN_ARCH, gen, 0.1307, 0.3081)
        self.norms = nn.ModuleList(
            nn.BatchNorm2d(c) if spec.batchnorm else nn.Identity() for c in CNN_ARCH.channels()
        )
        self.drop = GenDropout(drop_gen)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b = self.base
        h = (x - b.mean) / b.std
        for conv, norm in zip(b.convs, self.norms, strict=True):
            h = F.max_pool2d(F.relu(norm(conv(h))), 2)  # (B, C, n/2, n/2)
        h = self.drop(F.relu(b.fc(h.flatten(1))))  # (B, dense)
        return b.out(h)  # (B, 10)


def build_net(spec: NetSpec, gen: torch.Generator, drop_gen: torch.Generator) -> nn.Module:
    """A freshly initialised network for `spec`; batch norm draws no random numbers, so two
    specs that differ only in batch norm get the same weights from the same generator state."""
    if spec.kind == "cnn":
        return Cnn(spec, gen, drop_gen)
    return Mlp(spec, gen, drop_gen)


def set_dropout(model: nn.Module, p: float) -> None:
    """Set the dropout probability of every GenDropout in the model (a live setting)."""
    for m in model.modules():
        if isinstance(m, GenDropout):
            m.p = float(p)


def weight_norm(model: nn.Module) -> float:
    """The L2 norm of all weight matrices and kernels (biases and batch-norm scales excluded)."""
    total = 0.0
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            total += float(m.weight.detach().pow(2).sum())
    return math.sqrt(total)
