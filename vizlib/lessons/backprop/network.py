"""Tiny-MLP forward/backward trace in float64: every z, a, δ, ∂L/∂W, ∂L/∂b and the update.

`trace_net` computes all numbers; `trace_steps` lists them node by node for a step-through.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

import numpy as np

from vizlib.core.activations import activate, derivative
from vizlib.core.errors import InputError

LOSSES = ("half_sse", "mse", "ce", "bce")  # ½Σ(a−y)², (1/n)Σ(a−y)², softmax CE, sigmoid BCE
LOG_FLOOR = -100.0  # torch's binary_cross_entropy clamps each log term at −100
BCE_EPS = 1e-12  # ... and floors a(1−a) in its gradient
MAX_LAYERS, MAX_UNITS = 3, 3

__all__ = [
    "LOSSES",
    "Net",
    "Step",
    "Trace",
    "apply_update",
    "init_params",
    "torch_max_diff",
    "trace_net",
    "trace_steps",
]


@dataclasses.dataclass(frozen=True)
class Net:
    """A tiny MLP with its input and target; W[li] has shape (n_l, n_{li-1})."""

    x: np.ndarray  # (n0,)
    y: np.ndarray  # (nL,)
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    acts: tuple[str, ...]  # one per layer; the last becomes softmax ("ce") or sigmoid ("bce")
    loss: str = "half_sse"

    def __post_init__(self) -> None:
        if self.loss not in LOSSES:
            raise InputError("loss", name=self.loss)
        sizes = [len(self.x)] + [len(b) for b in self.biases]
        for i, w in enumerate(self.weights):
            if w.shape != (sizes[i + 1], sizes[i]):
                raise InputError("shape", field=f"W{i + 1}", rows=sizes[i + 1], cols=sizes[i])
        if len(self.y) != sizes[-1]:
            raise InputError("shape", field="y", rows=1, cols=sizes[-1])
        if self.loss == "ce":
            if sizes[-1] < 2:
                raise InputError("ce_size")
            if np.any(self.y < 0) or abs(float(self.y.sum()) - 1.0) > 1e-9:
                raise InputError("ce_target")
        if self.loss == "bce" and (np.any(self.y < 0) or np.any(self.y > 1)):
            raise InputError("bce_target")

    @property
    def sizes(self) -> list[int]:
        """Units per layer, input first."""
        return [len(self.x)] + [len(b) for b in self.biases]


@dataclasses.dataclass(frozen=True)
class Trace:
    """All numbers of one forward and backward pass. Lists are indexed by layer (1..L).

    z[0] is unused (None); a[0] is the input x.
    """

    z: list  # z[li] (n_l,)
    a: list  # a[li] (n_l,)
    loss: float
    dl_da: np.ndarray  # ∂L/∂a_L (nL,); for "ce" this is ∂L/∂p
    fprime: list  # f'(z_l) (n_l,); for the "ce" output layer unused (δ_L = p − y)
    delta: list  # δ_l = ∂L/∂z_l (n_l,)
    dw: list  # ∂L/∂W_l (n_l, n_{li-1})
    db: list  # ∂L/∂b_l (n_l,)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def output_act(net: Net, layer: int) -> str:
    """The activation applied at `layer` (1-based): the loss fixes the last one for "ce"/"bce"."""
    if layer == len(net.weights) and net.loss in ("ce", "bce"):
        return "softmax" if net.loss == "ce" else "sigmoid"
    return net.acts[layer - 1]


def loss_of(a: np.ndarray, y: np.ndarray, loss: str) -> float:
    """The loss of output `a` (probabilities for "ce") against target `y`."""
    if loss == "half_sse":
        return float(0.5 * np.sum((a - y) ** 2))
    if loss == "mse":
        return float(np.mean((a - y) ** 2))
    if loss == "bce":  # mean over the outputs, as torch's default reduction
        with np.errstate(divide="ignore"):
            log_a, log_1a = np.log(a), np.log(1.0 - a)
        terms = y * np.maximum(log_a, LOG_FLOOR) + (1 - y) * np.maximum(log_1a, LOG_FLOOR)
        return float(-np.mean(terms))
    with np.errstate(divide="ignore"):
        return float(-np.sum(np.where(y > 0, y * np.log(a), 0.0)))


def trace_net(net: Net) -> Trace:
    """Forward then backward pass with every intermediate value."""
    n_layers = len(net.weights)
    z, a = [None], [np.asarray(net.x, dtype=np.float64)]
    for li in range(1, n_layers + 1):
        z.append(net.weights[li - 1] @ a[li - 1] + net.biases[li - 1])
        act = output_act(net, li)
        a.append(_softmax(z[li]) if act == "softmax" else activate(act, z[li]))
    out, y = a[-1], net.y
    if net.loss == "half_sse":
        dl_da = out - y
    elif net.loss == "mse":
        dl_da = 2.0 * (out - y) / len(y)
    elif net.loss == "bce":  # a(1−a) floored at 1e-12 as torch does, for a saturated sigmoid
        dl_da = (out - y) / (np.maximum(out * (1.0 - out), BCE_EPS) * len(y))
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            dl_da = np.where(y > 0, -y / out, 0.0)
    fprime = [None] + [
        np.ones_like(z[li])
        if output_act(net, li) == "softmax"
        else derivative(output_act(net, li), z[li])
        for li in range(1, n_layers + 1)
    ]
    delta = [None] * (n_layers + 1)
    # softmax + cross-entropy: ∂L/∂z = p − y (targets sum to 1). Under sigmoid + BCE the product
    # ∂L/∂a · σ'(z) is (a − y)/n: σ' = a(1−a) cancels the denominator.
    delta[n_layers] = out - y if net.loss == "ce" else dl_da * fprime[n_layers]
    for li in range(n_layers - 1, 0, -1):
        delta[li] = (net.weights[li].T @ delta[li + 1]) * fprime[li]
    dw = [None] + [np.outer(delta[li], a[li - 1]) for li in range(1, n_layers + 1)]
    db = [None] + [delta[li].copy() for li in range(1, n_layers + 1)]
    return Trace(z, a, loss_of(out, y, net.loss), dl_da, fprime, delta, dw, db)


def apply_update(net: Net, trace: Trace, lr: float) -> Net:
    """One gradient-descent step θ ← θ − lr·∂L/∂θ on every weight and bias."""
    ws = tuple(w - lr * trace.dw[li + 1] for li, w in enumerate(net.weights))
    bs = tuple(b - lr * trace.db[li + 1] for li, b in enumerate(net.biases))
    return dataclasses.replace(net, weights=ws, biases=bs)


@dataclasses.dataclass(frozen=True)
class Step:
    """One stop of the step-through: a neuron in the forward or backward pass, the loss, or the
    update."""

    PHASES: ClassVar[tuple[str, ...]] = ("forward", "loss", "backward", "update")
    phase: str
    layer: int = 0  # 1..L for neurons
    unit: int = 0


def trace_steps(net: Net) -> list[Step]:
    """Forward neuron by neuron (layer 1 first), the loss, backward (output layer first), update."""
    sizes = net.sizes
    fwd = [Step("forward", li, j) for li in range(1, len(sizes)) for j in range(sizes[li])]
    bwd = [Step("backward", li, j) for li in range(len(sizes) - 1, 0, -1) for j in range(sizes[li])]
    return [*fwd, Step("loss"), *bwd, Step("update")]


def agrees(net: Net, trace: Trace, rtol: float = 1e-9) -> tuple[float, bool]:
    """Largest absolute difference from torch.autograd, and whether every number is within
    rtol·(1 + |torch's value|) (so huge values are judged relatively, small ones absolutely)."""
    pairs = _torch_pairs(net, trace)
    diff = max(float(np.max(np.abs(t - v))) for t, v in pairs)
    ok = all(bool(np.all(np.abs(t - v) <= rtol * (1.0 + np.abs(t)))) for t, v in pairs)
    return diff, ok


def torch_max_diff(net: Net, trace: Trace) -> float:
    """Recompute with torch.autograd (float64) and return the largest absolute difference."""
    return max(float(np.max(np.abs(t - v))) for t, v in _torch_pairs(net, trace))


def _torch_pairs(net: Net, trace: Trace) -> list[tuple[np.ndarray, np.ndarray]]:
    """(torch's value, ours) for the loss and every z, a, δ, ∂L/∂W, ∂L/∂b."""
    import torch

    ws = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in net.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in net.biases]
    h = torch.tensor(net.x, dtype=torch.float64)
    zs, outs = [], []
    for li, (w, b) in enumerate(zip(ws, bs, strict=True), start=1):
        zl = w @ h + b
        zl.retain_grad()
        act = output_act(net, li)
        h = _torch_act(act, zl)
        zs.append(zl)
        outs.append(h)
    y = torch.tensor(net.y, dtype=torch.float64)
    if net.loss == "half_sse":
        loss = 0.5 * ((h - y) ** 2).sum()
    elif net.loss == "mse":
        loss = torch.nn.functional.mse_loss(h, y)
    elif net.loss == "bce":
        loss = torch.nn.functional.binary_cross_entropy(h, y)
    else:
        loss = torch.nn.functional.cross_entropy(zs[-1].unsqueeze(0), y.unsqueeze(0))
    loss.backward()
    pairs = [(np.array([loss.item()]), np.array([trace.loss]))]
    for li in range(1, len(ws) + 1):
        pairs += [
            (zs[li - 1].detach().numpy(), trace.z[li]),
            (outs[li - 1].detach().numpy(), trace.a[li]),
            (zs[li - 1].grad.numpy(), trace.delta[li]),
            (ws[li - 1].grad.numpy(), trace.dw[li]),
            (bs[li - 1].grad.numpy(), trace.db[li]),
        ]
    return pairs


def _torch_act(name: str, z):
    import torch

    if name == "softmax":
        return torch.softmax(z, dim=0)
    if name == "leaky_relu":
        return torch.nn.functional.leaky_relu(z, 0.01)
    if name == "gelu":
        return torch.nn.functional.gelu(z, approximate="tanh")
    if name == "linear":
        return z
    return getattr(torch, name)(z)


def init_params(sizes: list[int], seed: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Seeded random weights (normal, std 1/√fan_in, rounded to 2 decimals) and zero biases."""
    rng = np.random.default_rng(seed)
    ws = [
        np.round(rng.normal(0, 1 / np.sqrt(sizes[i]), (sizes[i + 1], sizes[i])), 2)
        for i in range(len(sizes) - 1)
    ]
    return ws, [np.zeros(n) for n in sizes[1:]]
