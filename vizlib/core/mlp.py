"""A small vectorised numpy MLP: forward, backward, inverted dropout, init choices.

Weights are stored as torch's nn.Linear does, W (out, in), so export is a plain copy.
Hand-written because torch eager costs ~8 µs per op on these tiny tensors; tests use torch
autograd as the answer key.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np

from vizlib.core.activations import activate, derivative, sigmoid

INITS = ("xavier", "he", "uniform")
CHUNK = 4096  # rows per matmul: past ~5000 thin rows OpenBLAS goes multi-threaded, which is slower
OUTPUTS = ("sigmoid", "softmax", "linear")  # BCE, CE, MSE


@dataclasses.dataclass
class MLP:
    """Layer sizes (n_in, h1, ..., n_out), hidden activation, output kind and parameters."""

    sizes: tuple[int, ...]
    activation: str
    output: str
    params: list[np.ndarray]  # [W0, b0, W1, b1, ...]; W (out, in), b (out,)

    @property
    def n_layers(self) -> int:
        return len(self.sizes) - 1


@dataclasses.dataclass
class Trace:
    """Pre-activations `zs` and activations `acts` per layer; acts[0] is the input."""

    zs: list[np.ndarray]  # zs[l] (n, sizes[l + 1])
    acts: list[np.ndarray]  # acts[l] (n, sizes[l]); hidden ones after dropout


def linear(a: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ w.T + b, in row chunks so that BLAS stays single-threaded on these thin matrices."""
    if len(a) <= CHUNK:
        return a @ w.T + b
    out = np.empty((len(a), w.shape[0]))
    for start in range(0, len(a), CHUNK):
        np.matmul(a[start : start + CHUNK], w.T, out=out[start : start + CHUNK])
    out += b
    return out


def outer_sum(dz: np.ndarray, a: np.ndarray) -> np.ndarray:
    """dz.T @ a (out, in), summed over row chunks for the same reason as `linear`."""
    if len(a) <= CHUNK:
        return dz.T @ a
    return sum(dz[s : s + CHUNK].T @ a[s : s + CHUNK] for s in range(0, len(a), CHUNK))


def init_mlp(
    sizes: tuple[int, ...],
    activation: str,
    output: str,
    init: str,
    rng: np.random.Generator,
) -> MLP:
    """Fresh parameters: Glorot-uniform, He-normal, or TF Playground's U(-0.5, 0.5) with b = 0.1."""
    if output not in OUTPUTS or init not in INITS:
        raise ValueError(f"bad output {output!r} or init {init!r}")
    params = []
    for fan_in, fan_out in itertools.pairwise(sizes):
        if init == "xavier":
            lim = np.sqrt(6.0 / (fan_in + fan_out))
            w, b = rng.uniform(-lim, lim, (fan_out, fan_in)), np.zeros(fan_out)
        elif init == "he":
            w, b = (
                rng.normal(0, np.sqrt(2.0 / fan_in), (fan_out, fan_in)),
                np.zeros(fan_out),
            )
        else:
            w, b = rng.uniform(-0.5, 0.5, (fan_out, fan_in)), np.full(fan_out, 0.1)
        params += [w, b]
    return MLP(tuple(sizes), activation, output, params)


def dropout_masks(mlp: MLP, p: float, rng: np.random.Generator) -> list[np.ndarray] | None:
    """Per-unit inverted-dropout masks for the hidden layers: 0 (dropped) or 1/(1-p).

    One mask per step, shared by the whole mini-batch, so the diagram can grey out the units.
    """
    if p <= 0 or mlp.n_layers < 2:
        return None
    return [(rng.random(h) >= p) / (1.0 - p) for h in mlp.sizes[1:-1]]


def forward(mlp: MLP, x: np.ndarray, masks: list[np.ndarray] | None = None) -> Trace:
    """Run the network on `x` (n, n_in); hidden outputs are multiplied by `masks` if given."""
    zs, acts = [], [x]
    a = x
    last = mlp.n_layers - 1
    for layer in range(mlp.n_layers):
        w, b = mlp.params[2 * layer], mlp.params[2 * layer + 1]
        z = linear(a, w, b)  # (n, out)
        zs.append(z)
        if layer < last:
            a = activate(mlp.activation, z)
            if masks is not None:
                a = a * masks[layer]
            acts.append(a)
    return Trace(zs, acts)


def predict(mlp: MLP, z_out: np.ndarray) -> np.ndarray:
    """The output layer's values from its logits: P(class 1) (n,), class probs (n, K), or y (n,)."""
    if mlp.output == "sigmoid":
        return sigmoid(z_out[:, 0])
    if mlp.output == "softmax":
        e = np.exp(z_out - z_out.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)
    return z_out[:, 0]


def logit_grad(output: str, z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """d(mean loss)/d(logits) for BCE, CE or MSE (training needs only this, not the loss)."""
    n = len(z)
    if output == "sigmoid":
        p = 0.5 * np.tanh(0.5 * z[:, 0]) + 0.5  # = sigmoid, stable, 3 ufuncs on the hot path
        return ((p - y) / n)[:, None]
    if output == "softmax":
        e = np.exp(z - z.max(1, keepdims=True))
        grad = e / e.sum(1, keepdims=True)
        grad[np.arange(n), y.astype(int)] -= 1.0
        return grad / n
    return (2.0 * (z[:, 0] - y) / n)[:, None]


def loss_from_logits(output: str, z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean loss (BCE, CE or MSE, as torch's) and its gradient with respect to the logits."""
    n = len(z)
    if output == "sigmoid":
        zz = z[:, 0]
        loss = np.mean(np.maximum(zz, 0) - zz * y + np.log1p(np.exp(-np.abs(zz))))
    elif output == "softmax":
        shifted = z - z.max(1, keepdims=True)
        logp = shifted - np.log(np.exp(shifted).sum(1, keepdims=True))
        loss = -logp[np.arange(n), y.astype(int)].mean()
    else:
        diff = z[:, 0] - y
        loss = np.mean(diff * diff)
    return float(loss), logit_grad(output, z, y)


def backward(mlp: MLP, trace: Trace, dz_out: np.ndarray, masks: list[np.ndarray] | None = None):
    """Gradients of the loss for every parameter, given dL/d(output logits)."""
    grads: list[np.ndarray] = [np.empty(0)] * len(mlp.params)
    dz = dz_out
    for layer in range(mlp.n_layers - 1, -1, -1):
        grads[2 * layer] = outer_sum(dz, trace.acts[layer])  # (out, in)
        grads[2 * layer + 1] = dz.sum(0)
        if layer == 0:
            break
        da = linear(dz, mlp.params[2 * layer].T, 0.0)  # (n, in)
        if masks is not None:
            da = da * masks[layer - 1]
        dz = da * derivative(mlp.activation, trace.zs[layer - 1])
    return grads


def loss_and_grads(
    mlp: MLP, x: np.ndarray, y: np.ndarray, masks: list[np.ndarray] | None = None
) -> tuple[float, list[np.ndarray]]:
    """One forward and backward pass: the mean loss and its gradients."""
    trace = forward(mlp, x, masks)
    loss, dz = loss_from_logits(mlp.output, trace.zs[-1], y)
    return loss, backward(mlp, trace, dz, masks)


def gradients(
    mlp: MLP, x: np.ndarray, y: np.ndarray, masks: list[np.ndarray] | None = None
) -> list[np.ndarray]:
    """One forward and backward pass: the gradients only (the per-step training path)."""
    trace = forward(mlp, x, masks)
    return backward(mlp, trace, logit_grad(mlp.output, trace.zs[-1], y), masks)


def accuracy(mlp: MLP, z_out: np.ndarray, y: np.ndarray) -> float:
    """Share of correctly classified points (nan for regression)."""
    if mlp.output == "linear" or len(y) == 0:
        return float("nan")
    guess = (z_out[:, 0] > 0) if mlp.output == "sigmoid" else z_out.argmax(1)
    return float(np.mean(guess == y))
