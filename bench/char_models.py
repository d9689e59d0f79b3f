"""Validation loss of every character model on the bundled names after a CPU-time budget.

Run from the repo root: python -m bench.char_models [--budget 30] [--runs 1] [--kinds lstm,gru]
(`python -m bench.sequences` runs this too.) Each model uses the comparison table's settings
(sequence 32, MLP context 5, embedding 32, hidden 128, one layer; Adam 3e-3, batch 64, dropout
0.3 on the embeddings and before the read-out; add-one bigram) on the page's 90/10 split, with
one torch thread. Only `train_step` CPU time (time.process_time) counts; the validation checks
every second are off the clock. Prints the median over runs (seeds 0, 1, ...) and the load
average, since the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.char_models.compare import BATCH, DROPOUT, LR, SETTINGS, SMOOTHING
from vizlib.lessons.char_models.data import encode_corpus
from vizlib.lessons.char_models.models import ModelSpec
from vizlib.lessons.char_models.trainer import make_trainer, train_for

NAMES = Path(__file__).resolve().parents[1] / "assets" / "text" / "names.txt"
TARGET = 2.1
ORDER = ("lstm", "gru", "rnn", "mlp", "transformer", "bigram")


def run(kind: str, seed: int, budget: float, data) -> tuple[float, float | None, int]:
    """(val loss at the budget, CPU s to reach TARGET or None, steps) for one model and seed."""
    spec = ModelSpec(kind, data.vocab.size, **SETTINGS)
    trainer = make_trainer(
        spec, data, seed, lr=LR, batch=BATCH, smoothing=SMOOTHING, dropout=DROPOUT
    )
    timed = train_for(trainer, budget, time.process_time, eval_every_s=1.0)
    return timed.val[-1], timed.first_below(TARGET), timed.steps


def _fmt(x: float | None) -> str:
    return "never" if x is None else f"{x:.1f}"


def main() -> None:
    """Run every model, print a table and the summary line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--budget", type=float, default=30.0)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(ORDER))
    args = ap.parse_args()
    print(f"torch threads: {configure_torch()}; load average before: {os.getloadavg()}")
    data = encode_corpus(NAMES.read_text(encoding="utf-8"), lines=True)
    medians = {}
    for kind in args.kinds.split(","):
        rows = [run(kind, seed, args.budget, data) for seed in range(args.runs)]
        vals = [r[0] for r in rows]
        reach = [r[1] for r in rows if r[1] is not None]
        medians[kind] = statistics.median(vals)
        reached = _fmt(statistics.median(reach)) if len(reach) == len(rows) else "never"
        runs = [round(v, 3) for v in vals]
        print(
            f"{kind:12s} val@{args.budget:g}s={medians[kind]:.3f} (runs {runs})"
            f"  s_to_{TARGET}={reached}  steps={[r[2] for r in rows]}  load={os.getloadavg()}"
        )
    keys = ("lstm", "gru", "rnn", "mlp")
    summary = " ".join(f"{k}_val_at_30s={medians[k]:.3f}" for k in keys if k in medians)
    if "bigram" in medians:
        summary += f" bigram_val={medians['bigram']:.3f}"
    print(f"load average after: {os.getloadavg()}; budget {args.budget:g} CPU s per model")
    print(f"sequences {summary}")


if __name__ == "__main__":
    main()
