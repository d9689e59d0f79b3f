"""Bounded experiments run on demand: the A/B race repeated over seeds, and a capacity sweep.

Both take a step budget per run and a wall-time budget overall, and report progress through a
callback (the page draws a progress bar); runs that do not fit the time budget are skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from vizlib.core.mnist import MnistData
from vizlib.lessons.overfitting.models import NetSpec
from vizlib.lessons.overfitting.trainer import Remedies, Trainer

Progress = Callable[[float], None]
SWEEP_WIDTHS = (2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)


@dataclass(frozen=True)
class RepeatResult:
    """Final whole-test-split accuracies of A and B for each seed that finished in time."""

    seeds: list[int]
    acc_a: np.ndarray  # (k,)
    acc_b: np.ndarray  # (k,)

    @property
    def diff(self) -> np.ndarray:
        """Test accuracy of B minus A, per seed."""
        return self.acc_b - self.acc_a

    def summary(self) -> tuple[float, float]:
        """(mean, sample standard deviation) of B - A over the seeds (std 0 for one seed)."""
        d = self.diff
        return float(d.mean()), float(d.std(ddof=1)) if len(d) > 1 else 0.0


@dataclass(frozen=True)
class SweepResult:
    """Train and test error (whole splits) after the same step budget, per width."""

    widths: list[int]
    train_err: np.ndarray  # (k,)
    test_err: np.ndarray  # (k,)


def train_for(trainer: Trainer, steps: int) -> None:
    """Train `steps` steps (no intermediate evaluations are needed for the final numbers)."""
    for _ in range(steps):
        trainer.train_step()


def repeat_race(
    data: MnistData,
    specs: tuple[NetSpec, NetSpec],
    remedies: tuple[Remedies, Remedies],
    n_train: int,
    seeds: Sequence[int],
    steps: int,
    budget_s: float,
    batch: int = 32,
    progress: Progress | None = None,
) -> RepeatResult:
    """Race A against B once per seed (same seed, data order and init within a pair)."""
    start, done, acc_a, acc_b = time.perf_counter(), [], [], []
    for i, seed in enumerate(seeds):
        if done and time.perf_counter() - start > budget_s:
            break
        tr = Trainer(data, list(specs), n_train, seed, track=False)
        tr.batch = batch
        for learner, rem in zip(tr.learners, remedies, strict=True):
            learner.set_remedies(rem)
        train_for(tr, steps)
        acc_a.append(tr.test_full(tr.learners[0])[1])
        acc_b.append(tr.test_full(tr.learners[1])[1])
        done.append(int(seed))
        if progress:
            progress((i + 1) / len(seeds))
    return RepeatResult(done, np.array(acc_a), np.array(acc_b))


def capacity_sweep(
    data: MnistData,
    spec: NetSpec,
    remedies: Remedies,
    n_train: int,
    seed: int,
    steps: int,
    budget_s: float,
    widths: Sequence[int] = SWEEP_WIDTHS,
    batch: int = 32,
    progress: Progress | None = None,
) -> SweepResult:
    """Train an MLP of each width for `steps` steps; train error on all fitted digits, test
    error on the whole test split."""
    start, done, tr_err, te_err = time.perf_counter(), [], [], []
    for i, width in enumerate(widths):
        if done and time.perf_counter() - start > budget_s:
            break
        spec_w = replace(spec, kind="mlp", width=int(width))
        tr = Trainer(data, [spec_w], n_train, seed, track=False)
        tr.batch = batch
        tr.learners[0].set_remedies(remedies)
        train_for(tr, steps)
        tr_err.append(1.0 - tr.fit_full(tr.learners[0])[1])
        te_err.append(1.0 - tr.test_full(tr.learners[0])[1])
        done.append(int(width))
        if progress:
            progress((i + 1) / len(widths))
    return SweepResult(done, np.array(tr_err), np.array(te_err))
