"""Session trainers for every model kind (`train_step() -> loss`), and CPU-time-budgeted runs.

Neural models take one Adam step on a batch of random training windows. The bigram model has no
gradient: each step counts the next chunk of the training text, so its loss falls as counts grow.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import torch
from torch.nn import functional as F

from vizlib.core.char_lm import windows
from vizlib.lessons.char_models.data import CorpusData
from vizlib.lessons.char_models.models import BigramLM, ModelSpec, build_model, set_dropout

BIGRAM_CHUNK = 512  # character pairs counted per bigram step
EVAL_CHARS = 8192  # validation characters scored (all of them for the bundled names)
GRAD_CLIP = 1.0


@dataclasses.dataclass
class History:
    """Training loss per step; validation loss every few steps."""

    loss: list[float] = dataclasses.field(default_factory=list)
    val_steps: list[int] = dataclasses.field(default_factory=list)
    val: list[float] = dataclasses.field(default_factory=list)


def val_windows(val: torch.Tensor, seq_len: int, max_chars: int) -> tuple[torch.Tensor, ...]:
    """Non-overlapping (x, y) windows covering the first `max_chars` validation characters."""
    n = min(len(val) - 1, max_chars)
    t = min(seq_len, n)
    rows = n // t
    x = val[: rows * t].view(rows, t)  # (rows, t)
    return x, val[1 : rows * t + 1].view(rows, t)


@torch.no_grad()
def mean_nll(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """Mean cross-entropy in nats per character of `model` on windows x -> y."""
    model.eval()
    logits = model(x)  # (B, T, V)
    return float(F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1)).item())


class Trainer:
    """What every trainer shares: a model, validation windows, a step count and its history."""

    model: torch.nn.Module
    spec: ModelSpec
    data: CorpusData
    val_x: torch.Tensor
    val_y: torch.Tensor
    eval_every: int
    max_steps: int | None  # None: no natural end

    def _start(self, spec: ModelSpec, data: CorpusData, eval_every: int) -> None:
        self.spec, self.data, self.vocab = spec, data, data.vocab
        self.eval_every, self.step, self.history = eval_every, 0, History()

    def evaluate(self) -> float:
        """Validation loss in nats per character."""
        return mean_nll(self.model, self.val_x, self.val_y)

    def set_live(self, lr: float, batch: int, smoothing: float = 1.0, dropout: float = 0.0) -> None:
        """Apply the settings that change without a reset."""
        raise NotImplementedError

    def train_step(self) -> float:
        """One step; returns its loss."""
        raise NotImplementedError

    def _record(self, value: float) -> None:
        self.step += 1
        self.history.loss.append(value)
        if self.eval_every and (self.step == 1 or self.step % self.eval_every == 0):
            self.history.val_steps.append(self.step)
            self.history.val.append(self.evaluate())


class NeuralTrainer(Trainer):
    """Adam on random windows of the training stream; lr, batch and dropout change live."""

    def __init__(
        self,
        spec: ModelSpec,
        data: CorpusData,
        seed: int,
        *,
        lr: float = 3e-3,
        batch: int = 64,
        dropout: float = 0.0,
    ) -> None:
        self._start(spec, data, eval_every=10)
        self.model = build_model(spec, seed)
        set_dropout(self.model, dropout)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.gen = torch.Generator().manual_seed(seed + 1)
        self.batch, self.max_steps = batch, None
        self.val_x, self.val_y = val_windows(data.val, spec.seq_len, EVAL_CHARS)

    def set_live(self, lr: float, batch: int, smoothing: float = 1.0, dropout: float = 0.0) -> None:
        """Apply the live settings (smoothing is only for the bigram)."""
        self.batch = batch
        set_dropout(self.model, dropout)
        for g in self.opt.param_groups:
            g["lr"] = lr

    def train_step(self) -> float:
        """One Adam step; returns the batch loss (nan/inf is returned, not applied)."""
        self.model.train()
        x, y = windows(self.data.train, self.spec.seq_len, self.batch, self.gen)  # (B, T) each
        logits = self.model(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        value = float(loss.item())
        if not math.isfinite(value):
            return value
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), GRAD_CLIP)
        self.opt.step()
        self._record(value)
        return value


class BigramTrainer(Trainer):
    """Counts pairs chunk by chunk; the step's loss is the chunk's NLL before it was counted."""

    def __init__(
        self, spec: ModelSpec, data: CorpusData, seed: int = 0, *, smoothing: float = 1.0
    ) -> None:
        self._start(spec, data, eval_every=5)
        self.model, self.pos = BigramLM(spec.vocab_size, smoothing), 0
        self.val_x, self.val_y = data.val[None, :-1], data.val[None, 1:]  # (1, N-1)
        self.max_steps = math.ceil((len(data.train) - 1) / BIGRAM_CHUNK)

    def set_live(self, lr: float, batch: int, smoothing: float = 1.0, dropout: float = 0.0) -> None:
        """Only the smoothing k applies to counts; it changes the probabilities at once."""
        self.model.smoothing = smoothing

    @property
    def done(self) -> bool:
        """Whether every training pair has been counted."""
        return self.pos >= len(self.data.train) - 1

    def train_step(self) -> float:
        """Count the next chunk (once the text is used up, only report the training NLL)."""
        train = self.data.train
        if self.done:
            value = mean_nll(self.model, train[None, :-1], train[None, 1:])
        else:
            end = min(self.pos + BIGRAM_CHUNK, len(train) - 1)
            a, b = train[self.pos : end], train[self.pos + 1 : end + 1]  # pairs a -> b
            value = mean_nll(self.model, a[None], b[None])
            self.model.counts.index_put_((a, b), torch.ones(len(a), dtype=torch.float64), True)
            self.pos = end
        self._record(value)
        return value


def make_trainer(
    spec: ModelSpec,
    data: CorpusData,
    seed: int,
    *,
    lr: float,
    batch: int,
    smoothing: float,
    dropout: float = 0.0,
) -> Trainer:
    """A fresh trainer for `spec` (the bigram's is a counter)."""
    if spec.kind == "bigram":
        return BigramTrainer(spec, data, seed, smoothing=smoothing)
    return NeuralTrainer(spec, data, seed, lr=lr, batch=batch, dropout=dropout)


@dataclasses.dataclass
class TimedRun:
    """A run under a CPU-time budget: validation loss against training CPU seconds."""

    cpu_s: list[float]
    val: list[float]
    steps: int

    def first_below(self, target: float) -> float | None:
        """CPU seconds at the first evaluation at or below `target` (None if never)."""
        return next((s for s, v in zip(self.cpu_s, self.val) if v <= target), None)


def train_for(
    trainer: Trainer, budget_s: float, clock: Callable[[], float], eval_every_s: float = 1.0
) -> TimedRun:
    """Train until `budget_s` of `clock` time is spent in train steps (evaluation not counted)."""
    trainer.eval_every = 0  # evaluate on our own schedule, off the clock
    spent, next_eval, run = 0.0, eval_every_s, TimedRun([0.0], [trainer.evaluate()], 0)
    while spent < budget_s:
        if trainer.max_steps is not None and trainer.step >= trainer.max_steps:
            break
        t0 = clock()
        trainer.train_step()
        spent += clock() - t0
        run.steps += 1
        if spent >= next_eval:
            run.cpu_s.append(spent), run.val.append(trainer.evaluate())
            next_eval += eval_every_s
    if run.cpu_s[-1] != spent:
        run.cpu_s.append(spent), run.val.append(trainer.evaluate())
    return run


def bigram_val_loss(data: CorpusData, smoothing: float = 1.0) -> float:
    """The add-k bigram's validation loss, counted in one go (the loss chart's reference line)."""
    V, t, v = data.vocab.size, data.train, data.val
    counts = torch.bincount(t[:-1] * V + t[1:], minlength=V * V).view(V, V).double() + smoothing
    p = counts[v[:-1], v[1:]] / counts[v[:-1]].sum(1)
    return float(-p.log().mean())
