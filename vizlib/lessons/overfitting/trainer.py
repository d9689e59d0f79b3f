"""Session-held training: one or two learners (the A/B race) stepped on the same mini-batches.

A learner is a model, its optimizer, its remedies and its history. The trainer owns the data
order, so two learners see the same digits in the same order; each learner draws augmentation
and dropout from its own generators, seeded alike, so with equal settings they stay identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F

from vizlib.core.mnist import MnistData
from vizlib.lessons.overfitting.data import augment, balanced_order, split_indices, to_float
from vizlib.lessons.overfitting.models import NetSpec, build_net, set_dropout, weight_norm

EVAL_EVERY = 20  # steps between evaluations: early-stopping patience counts these
EVAL_TRAIN = 1000  # training digits scored per evaluation (all of them when fewer)
TEST_SUBSET = 1000  # fixed, class-balanced test digits scored while training
CHUNK = 1000
STRIP = 12  # augmented digits of the current batch kept for the page


@dataclass(frozen=True)
class Remedies:
    """The live settings of one learner (they keep the architecture)."""

    lr: float = 1e-3
    optimizer: str = "adamw"  # "adamw": decoupled decay; "adam": L2 added to the gradient
    weight_decay: float = 0.0
    dropout: float = 0.0
    shift: int = 0
    rotate: float = 0.0


@dataclass
class History:
    """One point per evaluation; train/val/test in eval mode (no dropout, no augmentation)."""

    steps: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_acc: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)
    weight_norm: list[float] = field(default_factory=list)


@dataclass
class Checkpoint:
    """The weights (and batch-norm statistics) at the best validation accuracy so far."""

    step: int
    val_acc: float
    val_loss: float
    state: dict[str, torch.Tensor]


def decay_factor(lr: float, weight_decay: float) -> float:
    """AdamW's decoupled decay: each step multiplies every weight by 1 - lr * weight_decay
    before the Adam update (Adam's own weight_decay instead adds weight_decay * w to the
    gradient, which Adam then rescales)."""
    return 1.0 - lr * weight_decay


@torch.no_grad()
def score(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """(mean cross-entropy, accuracy) in eval mode; x uint8 (N, 28, 28), y (N,)."""
    loss, hits = 0.0, 0
    model.eval()
    for i in range(0, len(y), CHUNK):
        logits = model(to_float(x[i : i + CHUNK]))
        loss += float(F.cross_entropy(logits, y[i : i + CHUNK], reduction="sum"))
        hits += int((logits.argmax(1) == y[i : i + CHUNK]).sum())
    return loss / len(y), hits / len(y)


@torch.no_grad()
def per_digit(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple:
    """(per-digit loss (N,), predictions (N,), probabilities (N, 10)) in eval mode, as numpy."""
    model.eval()
    logits = torch.cat([model(to_float(x[i : i + CHUNK])) for i in range(0, len(y), CHUNK)])
    loss = F.cross_entropy(logits, y, reduction="none")
    return loss.numpy(), logits.argmax(1).numpy(), F.softmax(logits, 1).numpy()


class Learner:
    """One model with its optimizer, remedies, history and best checkpoint."""

    def __init__(self, spec: NetSpec, seed: int) -> None:
        gen = torch.Generator().manual_seed(int(seed))
        self.aug_gen = torch.Generator().manual_seed(int(seed) + 1_000_003)
        self.drop_gen = torch.Generator().manual_seed(int(seed) + 2_000_003)
        self.spec = spec
        self.model = build_net(spec, gen, self.drop_gen)
        self.remedies = Remedies()
        self.opt = self._make_opt()
        self.history = History()
        self.best: Checkpoint | None = None
        self.evals_since_best = 0
        self.strip = np.zeros((0, 28, 28), dtype=np.float32)  # augmented digits of the last batch

    def _make_opt(self) -> torch.optim.Optimizer:
        r, params = self.remedies, self.model.parameters()
        if r.optimizer == "adam":
            return torch.optim.Adam(params, lr=r.lr, weight_decay=r.weight_decay)
        return torch.optim.AdamW(params, lr=r.lr, weight_decay=r.weight_decay)

    def set_remedies(self, r: Remedies) -> None:
        """Apply live settings; a new optimizer type starts with fresh optimizer state."""
        old, self.remedies = self.remedies, r
        if r.optimizer != old.optimizer:
            self.opt = self._make_opt()
        for group in self.opt.param_groups:
            group["lr"], group["weight_decay"] = r.lr, r.weight_decay
        set_dropout(self.model, r.dropout)

    def step(self, x: torch.Tensor, y: torch.Tensor) -> float:
        """One optimisation step on a uint8 batch (B, 28, 28); returns its training loss."""
        r = self.remedies
        xb = augment(to_float(x), r.shift, r.rotate, self.aug_gen)  # (B, 1, 28, 28)
        self.model.train()
        loss = F.cross_entropy(self.model(xb), y)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.strip = xb[:STRIP, 0].detach().numpy().copy()
        return loss.item()

    def record(self, step: int, sets: dict[str, tuple[torch.Tensor, torch.Tensor]]) -> None:
        """Score train/val/test now, append a point, and keep the best-validation checkpoint."""
        h = self.history
        h.steps.append(step)
        for name, (x, y) in sets.items():
            loss, acc = score(self.model, x, y)
            getattr(h, f"{name}_loss").append(loss)
            getattr(h, f"{name}_acc").append(acc)
        h.weight_norm.append(weight_norm(self.model))
        va, vl = h.val_acc[-1], h.val_loss[-1]
        b = self.best
        if b is None or va > b.val_acc or (va == b.val_acc and vl < b.val_loss):
            state = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
            self.best = Checkpoint(step, va, vl, state)
            self.evals_since_best = 0
        else:
            self.evals_since_best += 1

    def restore_best(self) -> Checkpoint | None:
        """Load the best-validation weights; the optimizer restarts (its moments belong to
        the later weights)."""
        if self.best is not None:
            self.model.load_state_dict(self.best.state)
            self.opt = self._make_opt()
        return self.best


class Trainer:
    """Steps one learner (the lab) or two (the A/B race) on the same mini-batches."""

    def __init__(
        self, data: MnistData, specs: list[NetSpec], n_train: int, seed: int, track: bool = True
    ) -> None:
        self.split = split_indices(data.y_train, n_train, seed)  # raises InputError
        self.x_train = torch.from_numpy(data.x_train)  # uint8, shares memory; never written
        self.y_train = torch.from_numpy(data.y_train).long()
        self.x_test = torch.from_numpy(data.x_test)
        self.y_test = torch.from_numpy(data.y_test).long()
        self.test_idx = balanced_order(data.y_test, 0)[:TEST_SUBSET]
        self.order_gen = torch.Generator().manual_seed(int(seed) + 3_000_017)
        self.learners = [Learner(spec, seed) for spec in specs]
        self.step, self.batch, self.patience = 0, 32, 0
        self.early_stop_at: int | None = None  # step at which patience last ran out (lab)
        self._order, self._pos = torch.empty(0, dtype=torch.long), 0
        self.eval_every = EVAL_EVERY if track else 0  # 0: no curves (bounded experiments)
        if track:
            self.evaluate()

    def next_batch(self) -> torch.Tensor:
        """Positions in the fit set of the next mini-batch (a fresh permutation each epoch)."""
        n = len(self.split.fit)
        batch = min(self.batch, n)
        if self._pos + batch > len(self._order):
            self._order, self._pos = torch.randperm(n, generator=self.order_gen), 0
        pos = self._order[self._pos : self._pos + batch]
        self._pos += batch
        return pos

    def train_step(self) -> float:
        """One step of every learner on the same batch; returns the sum of their losses."""
        idx = torch.from_numpy(self.split.fit)[self.next_batch()]
        x, y = self.x_train[idx], self.y_train[idx]
        loss = sum(learner.step(x, y) for learner in self.learners)
        self.step += 1
        if self.eval_every and self.step % self.eval_every == 0:
            self.evaluate()
        return loss

    def eval_sets(self) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
        """The digits scored at each evaluation: train (<= EVAL_TRAIN), val, test subset."""
        fit = torch.from_numpy(self.split.fit[:EVAL_TRAIN])
        val = torch.from_numpy(self.split.val)
        test = torch.from_numpy(self.test_idx)
        return {
            "train": (self.x_train[fit], self.y_train[fit]),
            "val": (self.x_train[val], self.y_train[val]),
            "test": (self.x_test[test], self.y_test[test]),
        }

    def evaluate(self) -> None:
        """Append a point to every learner's curves; note when early stopping's patience ends."""
        sets = self.eval_sets()
        for learner in self.learners:
            learner.record(self.step, sets)
        lead, stop = self.learners[0], self.early_stop_at
        # once per best checkpoint: patience may be lowered live below evals_since_best
        fresh = stop is None or lead.best is None or stop < lead.best.step
        if self.patience > 0 and lead.evals_since_best >= self.patience and fresh:
            self.early_stop_at = self.step

    def test_full(self, learner: Learner) -> tuple[float, float]:
        """(loss, accuracy) on the whole bundled test split."""
        return score(learner.model, self.x_test, self.y_test)

    def fit_full(self, learner: Learner) -> tuple[float, float]:
        """(loss, accuracy) on every digit the model fits."""
        idx = torch.from_numpy(self.split.fit)
        return score(learner.model, self.x_train[idx], self.y_train[idx])
