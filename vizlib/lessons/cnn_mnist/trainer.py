"""Session-held trainer for the MNIST CNN: mini-batch steps, test metrics, maps and filters.

All randomness (init, batch order, dropout) comes from one explicitly seeded torch.Generator.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F

from vizlib.core.cnn import CnnArch, build_model
from vizlib.core.mnist import MnistData, pixel_stats

EVAL_CHUNK = 500


def to_float(images: np.ndarray | torch.Tensor) -> torch.Tensor:
    """uint8 (N, 28, 28) or float (N, 28, 28) in [0, 1] -> float32 (N, 1, 28, 28) in [0, 1]."""
    t = torch.as_tensor(images)
    t = t.float() / 255.0 if t.dtype == torch.uint8 else t.float()
    return t.reshape(-1, 1, 28, 28)


@dataclass
class TrainHistory:
    """Curves: train values averaged over the mini-batches since the previous test evaluation."""

    steps: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class EvalResult:
    """Metrics of the model on the test split at a given step."""

    step: int
    loss: float
    accuracy: float
    probs: np.ndarray  # (N, 10) softmax
    preds: np.ndarray  # (N,)
    labels: np.ndarray  # (N,)
    confusion: np.ndarray  # (10, 10) rows = true digit, columns = predicted digit


@dataclass(frozen=True)
class SoftmaxLoss:
    """Softmax and cross-entropy of one digit's logits, with the pieces the formula shows."""

    logits: np.ndarray  # (10,)
    probs: np.ndarray  # (10,)
    exp_sum: float  # sum_j exp(z_j - max z): the softmax denominator, shifted for stability
    shift: float  # max z
    label: int
    loss: float  # -log p_label


def softmax_loss(logits: np.ndarray, label: int) -> SoftmaxLoss:
    """p = softmax(z) and L = -log p_label (log-sum-exp, stable for large logits)."""
    z = np.asarray(logits, dtype=np.float64)
    shift = float(z.max())
    e = np.exp(z - shift)
    total = float(e.sum())
    loss = float(np.log(total) - (z[label] - shift))
    return SoftmaxLoss(z, e / total, total, shift, int(label), loss)


def confusion_matrix(labels: np.ndarray, preds: np.ndarray) -> np.ndarray:
    """10x10 counts: entry [t, p] is how many digits t were predicted as p."""
    return np.bincount(10 * labels.astype(np.int64) + preds, minlength=100).reshape(10, 10)


class CnnTrainer:
    """Trains a MnistCnn on the (shared, read-only) data; one `train_step` = one mini-batch."""

    def __init__(
        self, data: MnistData, arch: CnnArch, seed: int, stats: tuple[float, float] | None = None
    ) -> None:
        """`stats`: the training pixels' (mean, std) when already known (else computed)."""
        self.gen = torch.Generator().manual_seed(int(seed))
        self.x_train = torch.from_numpy(data.x_train)  # uint8, shares memory; never written
        self.y_train = torch.from_numpy(data.y_train).long()
        self.x_test = torch.from_numpy(data.x_test)
        self.y_test = torch.from_numpy(data.y_test).long()
        mean, std = stats if stats is not None else pixel_stats(data.x_train)
        self.model = build_model(arch, self.gen, mean, std)
        self.step, self.history = 0, TrainHistory()
        self.seen = 0  # training digits used so far (batch size can change live)
        self.train_seconds = 0.0  # wall time spent inside train_step (for the speed note)
        self.hp: tuple = ("adam", 0.003, 64, 0.0)
        self.opt = self._make_opt("adam", 0.003)
        self._order, self._pos = torch.empty(0, dtype=torch.long), 0
        self._since: list[tuple[float, float]] = []  # (loss, acc) of batches since last eval
        self._eval: EvalResult | None = None
        self._eval_cost, self._train_at_eval = 0.0, 0.0  # seconds of the last evaluation

    def fresh_copy(self) -> CnnTrainer:
        """A new trainer in this untrained trainer's state: its own model, generator, optimizer
        and history; the read-only data and the step-0 evaluation are shared, not copied (so a
        class that picks the same architecture and seed builds and scores it once)."""
        if self.step:
            raise ValueError("only an untrained trainer is a template")
        new = copy.copy(self)
        new.model = copy.deepcopy(self.model)
        new.gen = torch.Generator().manual_seed(0)
        new.gen.set_state(self.gen.get_state())
        new.history, new._since = TrainHistory(), []
        new._order = self._order.clone()
        new.opt = new._make_opt(*self.hp[:2])
        return new

    def _make_opt(self, name: str, lr: float) -> torch.optim.Optimizer:
        params = self.model.parameters()
        if name == "sgd":
            return torch.optim.SGD(params, lr=lr)
        if name == "momentum":
            return torch.optim.SGD(params, lr=lr, momentum=0.9)
        if name == "rmsprop":
            return torch.optim.RMSprop(params, lr=lr)
        return torch.optim.Adam(params, lr=lr)

    def set_hparams(self, optimizer: str, lr: float, batch: int, dropout: float) -> None:
        """Live settings; a new optimizer type starts with fresh optimizer state."""
        if optimizer != self.hp[0]:
            self.opt = self._make_opt(optimizer, lr)
        for group in self.opt.param_groups:
            group["lr"] = lr
        self.model.p_drop = float(dropout)
        self.hp = (optimizer, float(lr), int(batch), float(dropout))

    def next_batch(self) -> torch.Tensor:
        """Indices of the next mini-batch (a fresh seeded permutation each epoch)."""
        batch = self.hp[2]
        if self._pos + batch > len(self._order):
            self._order = torch.randperm(len(self.y_train), generator=self.gen)
            self._pos = 0
        idx = self._order[self._pos : self._pos + batch]
        self._pos += batch
        return idx

    def train_step(self) -> float:
        """One optimisation step on one mini-batch; returns its (pre-step) training loss."""
        start = time.perf_counter()
        idx = self.next_batch()
        x, y = to_float(self.x_train[idx]), self.y_train[idx]
        self.model.train()
        logits = self.model(x, self.gen)
        loss = F.cross_entropy(logits, y)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.step += 1
        self.seen += len(idx)
        acc = (logits.argmax(1) == y).float().mean().item()
        self._since.append((loss.item(), acc))
        self.train_seconds += time.perf_counter() - start
        return loss.item()

    def epoch(self) -> float:
        """Passes over the training digits so far."""
        return self.seen / len(self.y_train)

    @torch.no_grad()
    def logits(self, images: np.ndarray | torch.Tensor) -> torch.Tensor:
        """Logits (N, 10) in eval mode (no dropout), computed in chunks."""
        self.model.eval()
        x = to_float(images)
        return torch.cat([self.model(x[i : i + EVAL_CHUNK]) for i in range(0, len(x), EVAL_CHUNK)])

    def predict(self, images: np.ndarray | torch.Tensor) -> np.ndarray:
        """Softmax probabilities (N, 10) in eval mode (no dropout)."""
        return F.softmax(self.logits(images), 1).numpy()

    def evaluate(self) -> EvalResult:
        """Test-split metrics now (cached per step); also appends a point to the curves."""
        if self._eval is not None and self._eval.step == self.step:
            return self._eval
        start = time.perf_counter()
        logits = self.logits(self.x_test)
        loss = F.cross_entropy(logits, self.y_test).item()
        probs, labels = F.softmax(logits, 1).numpy(), self.y_test.numpy()
        preds = probs.argmax(1)
        acc = float((preds == labels).mean())
        self._eval = EvalResult(
            self.step, loss, acc, probs, preds, labels, confusion_matrix(labels, preds)
        )
        self._record(loss, acc)
        self._eval_cost = time.perf_counter() - start
        self._train_at_eval = self.train_seconds
        return self._eval

    def refresh(self, min_steps: int, max_share: float | None = None) -> EvalResult:
        """Re-evaluate if `min_steps` steps passed since the last evaluation; the latest result.

        With `max_share`, also wait until evaluating would take at most that share of the time
        (training since the last evaluation >= its cost * (1 - share) / share), so a large
        network is not slowed down mostly by scoring the test set.
        """
        if self._eval is None:
            return self.evaluate()
        if self.step == self._eval.step or self.step - self._eval.step < min_steps:
            return self._eval
        if max_share is not None:
            trained = self.train_seconds - self._train_at_eval
            if trained < self._eval_cost * (1 - max_share) / max_share:
                return self._eval
        return self.evaluate()

    def _record(self, test_loss: float, test_acc: float) -> None:
        if not self._since:
            return  # no training since the last point (e.g. step 0): no train average yet
        h = self.history
        h.steps.append(self.step)
        h.train_loss.append(float(np.mean([s[0] for s in self._since])))
        h.train_acc.append(float(np.mean([s[1] for s in self._since])))
        h.test_loss.append(test_loss)
        h.test_acc.append(test_acc)
        self._since = []

    @torch.no_grad()
    def feature_maps(self, image: np.ndarray) -> list[tuple[str, np.ndarray]]:
        """Every layer's output for one image (28, 28): conv/pool maps (C, H, W), then vectors."""
        self.model.eval()
        layers = self.model.layers(to_float(image[None]))
        return [(name, t[0].numpy()) for name, t in layers]

    def filters(self, layer: int) -> np.ndarray:
        """Weights of conv layer `layer` (0-based) as (out, in, k, k)."""
        return self.model.convs[layer].weight.detach().numpy().copy()

    def misclassified(self, limit: int) -> np.ndarray:
        """Indices of up to `limit` wrongly predicted test digits (at the last evaluation)."""
        ev = self.evaluate() if self._eval is None else self._eval
        return np.flatnonzero(ev.preds != ev.labels)[:limit]
