"""A makemore-style comparison: every model kind trained on the same data, seed and CPU budget."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import torch

from vizlib.core.transformer import num_params
from vizlib.lessons.char_models.data import CorpusData
from vizlib.lessons.char_models.models import KINDS, ModelSpec
from vizlib.lessons.char_models.probe import sample
from vizlib.lessons.char_models.trainer import make_trainer, train_for

# The bench's settings: a one-layer LSTM with hidden 128 and embedding 32, Adam 3e-3, batch 64.
SETTINGS = {"seq_len": 32, "context": 5, "emb": 32, "hidden": 128, "layers": 1}
LR, BATCH, SMOOTHING, DROPOUT = 3e-3, 64, 1.0, 0.3
N_SAMPLE = 5


@dataclasses.dataclass
class CompareRow:
    """One model's result under the shared budget."""

    kind: str
    params: int
    val: float
    steps: int
    cpu_s: float
    samples: list[str]


def sample_lines(
    model: torch.nn.Module, data: CorpusData, window: int, n: int, temperature: float, seed: int
) -> list[str]:
    """`n` lines (names) sampled after a line break, seeded (up to 30 characters each)."""
    start = data.vocab.encode("\n")
    ids = sample(model, start, 30 * n, window, temperature, torch.Generator().manual_seed(seed))
    lines = [s for s in data.vocab.decode(ids).split("\n") if s]
    return lines[:n]


def compare_models(
    data: CorpusData,
    seed: int,
    budget_s: float,
    clock: Callable[[], float],
    temperature: float = 1.0,
    on_progress: Callable[[int, str], None] | None = None,
    kinds: tuple[str, ...] = KINDS,
) -> list[CompareRow]:
    """Train each kind for `budget_s` CPU seconds of `clock` from `seed`; score and sample it."""
    rows = []
    for i, kind in enumerate(kinds):
        if on_progress:
            on_progress(i, kind)
        spec = ModelSpec(kind, data.vocab.size, **SETTINGS)
        tr = make_trainer(
            spec, data, seed, lr=LR, batch=BATCH, smoothing=SMOOTHING, dropout=DROPOUT
        )
        run = train_for(tr, budget_s, clock, eval_every_s=budget_s)
        names = sample_lines(tr.model, data, spec.seq_len, N_SAMPLE, temperature, seed)
        params = 0 if kind == "bigram" else num_params(tr.model)
        rows.append(CompareRow(kind, params, run.val[-1], run.steps, run.cpu_s[-1], names))
    if on_progress:
        on_progress(len(kinds), "")
    return rows
