"""Overfitting lab figures: one A/B race step pair (ms), and the generalisation gap after a
30-second run on 100 training digits with a wide MLP, without and with the remedies.

Run from the repo root: python -m bench.overfitting [--seconds 30] [--runs 3]
Torch threads as in the app (configure_torch: 1). "Seconds" are process CPU seconds (user +
system), so a busy shared machine changes the wall time more than the figures; both are printed.
The gap is train accuracy (all fitted digits) minus test accuracy (the whole bundled test split),
medians over runs with seeds 0..runs-1. The remedies are the page's "All remedies" preset.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from vizlib.core.mnist import load_npz
from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.overfitting.config import OverfittingConfig
from vizlib.lessons.overfitting.models import NetSpec
from vizlib.lessons.overfitting.trainer import Remedies, Trainer

ROOT = Path(__file__).resolve().parents[1]
N_TRAIN = 100
WIDE = NetSpec("mlp", 1024, 1)
REMEDIED = Remedies(dropout=0.5, shift=2, rotate=15, weight_decay=0.1)
PAIR_STEPS = 50


def race_pair_ms(data, seed: int) -> float:
    """CPU ms of one race step (both models of the page's default race on the same batch)."""
    (sa, ra), (sb, rb) = OverfittingConfig(seed=seed).race_pair()
    tr = Trainer(data, [sa, sb], N_TRAIN, seed, track=False)
    for learner, r in zip(tr.learners, (ra, rb), strict=True):
        learner.set_remedies(r)
    tr.train_step()  # warm-up
    cpu0 = time.process_time()
    for _ in range(PAIR_STEPS):
        tr.train_step()
    return 1000 * (time.process_time() - cpu0) / PAIR_STEPS


def gap_after(data, remedies: Remedies, seconds: float, seed: int) -> dict:
    """Train for `seconds` CPU seconds; the train/test accuracies and their gap at the end."""
    tr = Trainer(data, [WIDE], N_TRAIN, seed, track=False)
    tr.learners[0].set_remedies(remedies)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    while time.process_time() - cpu0 < seconds:
        for _ in range(10):
            tr.train_step()
    train = tr.fit_full(tr.learners[0])[1]
    test = tr.test_full(tr.learners[0])[1]
    wall = time.perf_counter() - wall0
    return {"train": train, "test": test, "gap": train - test, "steps": tr.step, "wall": wall}


def main() -> None:
    """Print the figures and the summary line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    configure_torch()
    data = load_npz((ROOT / "assets" / "mnist" / "mnist_subset.npz").read_bytes())
    print(f"load average before: {os.getloadavg()}  (cores: {os.cpu_count()})")
    pairs = [race_pair_ms(data, s) for s in range(args.runs)]
    print(f"race step pair (2 x MLP 512, batch 32): {[f'{p:.1f}' for p in pairs]} ms CPU")
    gaps = {}
    for name, rem in (("plain", Remedies()), ("remedied", REMEDIED)):
        runs = [gap_after(data, rem, args.seconds, s) for s in range(args.runs)]
        for s, r in enumerate(runs):
            print(
                f"{name:9s} seed {s}: {r['steps']} steps in {args.seconds:g} CPU s "
                f"({r['wall']:.0f} s wall), train {r['train']:.3f} test {r['test']:.3f} "
                f"gap {r['gap']:.3f}"
            )
        gaps[name] = statistics.median(r["gap"] for r in runs)
    print(f"load average after: {os.getloadavg()}")
    print(
        f"overfitting gap_plain={gaps['plain']:.3f} gap_remedied={gaps['remedied']:.3f} "
        f"race_pair_ms={statistics.median(pairs):.1f}"
    )


if __name__ == "__main__":
    main()
