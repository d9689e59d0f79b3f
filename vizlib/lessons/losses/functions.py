"""Loss functions and their gradients: MSE, binary and categorical cross-entropy (numpy).

Conventions match torch.nn.functional with reduction="mean": MSE and BCE average over elements;
categorical CE is for one example, so no averaging. Logs are clamped at -100 as torch does.
"""

from __future__ import annotations

import dataclasses

import numpy as np

LOSSES = ("mse", "bce", "ce")
_LOG_FLOOR = -100.0  # torch clamps log(p) at -100 in binary_cross_entropy


@dataclasses.dataclass(frozen=True)
class LossResult:
    """The loss, the per-element terms and the gradient w.r.t. the predictions (or logits)."""

    value: float
    terms: np.ndarray
    grad: np.ndarray
    probs: np.ndarray | None = None  # softmax of the logits, for categorical CE


def _log(p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.maximum(np.log(p), _LOG_FLOOR)


def mse(y: np.ndarray, pred: np.ndarray) -> LossResult:
    """Mean squared error (1/n) Σ (ŷ − y)² and its gradient 2(ŷ − y)/n."""
    diff = np.asarray(pred, float) - np.asarray(y, float)
    n = diff.size
    return LossResult(float(np.mean(diff**2)), diff**2, 2.0 * diff / n)


def bce(y: np.ndarray, p: np.ndarray) -> LossResult:
    """Binary cross-entropy −(1/n) Σ [y log p + (1−y) log(1−p)] and its gradient w.r.t. p."""
    y, p = np.asarray(y, float), np.asarray(p, float)
    terms = -(y * _log(p) + (1 - y) * _log(1 - p))
    eps = 1e-12  # torch's backward uses max(p(1-p), 1e-12) as the denominator
    grad = (p - y) / np.maximum(p * (1 - p), eps) / y.size
    return LossResult(float(terms.mean()), terms, grad)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Numerically stable softmax."""
    z = np.asarray(logits, float)
    e = np.exp(z - z.max())
    return e / e.sum()


def cross_entropy_logits(y: np.ndarray, logits: np.ndarray) -> LossResult:
    """Categorical CE −Σ y_k log softmax(z)_k; its logit gradient is softmax(z)·Σy − y."""
    y, z = np.asarray(y, float), np.asarray(logits, float)
    log_p = z - z.max() - np.log(np.exp(z - z.max()).sum())
    p = np.exp(log_p)
    terms = -y * log_p
    return LossResult(float(terms.sum()), terms, p * y.sum() - y, p)


def cross_entropy_probs(y: np.ndarray, p: np.ndarray) -> LossResult:
    """Categorical CE −Σ y_k log p_k on given probabilities; gradient −y/p w.r.t. p."""
    y, p = np.asarray(y, float), np.asarray(p, float)
    terms = -y * _log(p)
    with np.errstate(divide="ignore", invalid="ignore"):
        grad = np.where(y == 0, 0.0, -y / p)
    return LossResult(float(terms.sum()), terms, grad)


def loss_vs_true_prob(kind: str, n_classes: int, p: np.ndarray) -> np.ndarray:
    """The loss when the true class gets probability p and the rest share 1 − p equally.

    For MSE the target is the one-hot vector and the prediction is that probability vector.
    """
    p = np.asarray(p, float)
    if kind == "mse":
        rest = (1 - p) / max(n_classes - 1, 1)
        return ((1 - p) ** 2 + (n_classes - 1) * rest**2) / n_classes
    return -_log(p)  # BCE with y = 1 and categorical CE with a one-hot target coincide


def loss_curve(
    kind: str, y: np.ndarray, pred: np.ndarray, grid: np.ndarray, logits: bool = False
) -> np.ndarray:
    """The loss as one prediction moves along `grid`, everything else fixed.

    MSE and BCE: prediction 0 takes each grid value. Categorical CE: the true class (argmax y)
    gets probability p and the other probabilities are rescaled to share 1 − p in proportion.
    """
    y, pred = np.asarray(y, float), np.asarray(pred, float)
    if kind in ("mse", "bce"):
        out = []
        for g in grid:
            moved = pred.copy()
            moved[0] = g
            out.append((mse(y, moved) if kind == "mse" else bce(y, moved)).value)
        return np.array(out)
    p = softmax(pred) if logits else pred
    k = int(np.argmax(y))
    rest = np.delete(p, k)
    share = rest / rest.sum() if rest.sum() > 0 else np.full(rest.size, 1 / max(rest.size, 1))
    out = []
    for g in grid:
        q = np.insert(share * (1 - g), k, g)
        out.append(cross_entropy_probs(y, q).value)
    return np.array(out)
