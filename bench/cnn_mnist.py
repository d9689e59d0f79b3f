"""Time to 97% test accuracy of the default CNN on the bundled MNIST subset (CPU seconds).

Run from the repo root: python -m bench.cnn_mnist [--runs 3] [--classic]
Torch threads are set exactly as the app sets them (vizlib.core.torch_setup.configure_torch).
Clock: process CPU time (user + system) of training *and* the periodic test evaluations, so the
figure does not depend on how busy the shared machine is; wall time is printed alongside.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from vizlib.core.cnn import CLASSIC, CnnMnistConfig
from vizlib.core.mnist import load_npz
from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.cnn_mnist.trainer import CnnTrainer

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.97
LIMIT_S = 60.0  # CPU seconds per run
EVAL_EVERY = 50  # steps between test evaluations (counted in the time)


def run(cfg: CnnMnistConfig, data, seed: int) -> dict:
    """Train until LIMIT_S CPU seconds; the CPU time when test accuracy first reached TARGET."""
    tr = CnnTrainer(data, cfg.arch(), seed)
    tr.set_hparams(cfg.optimizer, cfg.lr, cfg.batch, cfg.dropout)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    hit, hit_wall, hit_step, acc = None, None, None, 0.0
    while time.process_time() - cpu0 < LIMIT_S:
        for _ in range(EVAL_EVERY):
            tr.train_step()
        acc = tr.evaluate().accuracy
        if hit is None and acc >= TARGET:
            hit, hit_wall = time.process_time() - cpu0, time.perf_counter() - wall0
            hit_step = tr.step
    return {
        "seconds_to_97": hit,
        "wall_to_97": hit_wall,
        "step_to_97": hit_step,
        "acc_at_60s": acc,
        "ms_per_step": 1000 * tr.train_seconds / tr.step,
        "steps": tr.step,
    }


def main() -> None:
    """Run the benchmark several times and print the medians and the summary line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--classic", action="store_true", help="the curriculum's conv32/conv64 net")
    args = ap.parse_args()
    threads = configure_torch()
    data = load_npz((ROOT / "assets" / "mnist" / "mnist_subset.npz").read_bytes())
    cfg = CnnMnistConfig(**CLASSIC, lr=0.001) if args.classic else CnnMnistConfig()
    params, macs = cfg.arch().cost()
    print(f"torch threads {threads}; train {len(data.y_train)}, test {len(data.y_test)} digits")
    print(
        f"arch {cfg.arch()} params {params} MACs/image {macs}; {cfg.optimizer} lr {cfg.lr} "
        f"batch {cfg.batch}; eval every {EVAL_EVERY} steps; budget {LIMIT_S:.0f} CPU s/run"
    )
    results = []
    for i in range(args.runs):
        r = run(cfg, data, seed=cfg.seed + i)
        results.append(r)
        print(f"run {i} (seed {cfg.seed + i}): " + ", ".join(f"{k}={v}" for k, v in r.items()))
    hits = [r["seconds_to_97"] for r in results if r["seconds_to_97"] is not None]
    # a run that never reached 97% counts as infinitely slow in the median
    s97 = statistics.median(hits + [float("inf")] * (len(results) - len(hits)))
    acc60 = statistics.median(r["acc_at_60s"] for r in results)
    ms = statistics.median(r["ms_per_step"] for r in results)
    print(
        f"median ms/step {ms:.2f}; median wall s to 97% "
        f"{statistics.median([r['wall_to_97'] or float('inf') for r in results]):.2f}"
    )
    print(f"cnn seconds_to_97={s97:.2f} acc_at_60s={acc60:.4f}")


if __name__ == "__main__":
    main()
