"""CPU seconds of training until the default Tiny Transformer reverses 8 digits at >= 99%.

Run from the repo root: python -m bench.tiny_transformer [--seeds 5] [--test-size 1000]
Uses the page's default config (reverse, 8 digits, 2 layers, 2 heads, d_model 64, AdamW lr 3e-3,
batch 64) and the app's torch threads. Training CPU time (process time of `train_step`, which
includes the trainer's own small evaluation) is counted; the stopping check (whole-sequence
accuracy on fresh, unseen examples every 20 steps) is not. Prints the median over seeds.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time

import torch

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.tiny_transformer import tasks as seq_tasks
from vizlib.lessons.tiny_transformer.config import TinyTransformerConfig
from vizlib.lessons.tiny_transformer.trainer import (
    SeqTrainer,
    accuracy,
    build_trainer,
    greedy_answer,
)
from vizlib.lessons.tiny_transformer.view import MAX_STEPS

CHECK_EVERY = 20


@torch.no_grad()
def test_accuracy(trainer: SeqTrainer, x: torch.Tensor, y: torch.Tensor) -> float:
    """Whole-sequence accuracy on a held-out set (equals greedy exact match)."""
    trainer.model.eval()
    return accuracy(trainer.model(x)[0], y)[1]


def greedy_exact(trainer: SeqTrainer, x: torch.Tensor, n: int) -> float:
    """Share of the first `n` test prompts whose greedy, token-by-token answer is exactly right."""
    d = trainer.n
    preds = [greedy_answer(trainer.model, trainer.task, row[:d].tolist()) for row in x[:n]]
    return sum(p.output == p.target for p in preds) / n


def run(seed: int, test_size: int) -> tuple[float, float, int, float, float]:
    """(train CPU s, train wall s, steps, test accuracy, greedy exact match) for one seed."""
    cfg = TinyTransformerConfig(seed=seed)
    trainer = build_trainer(cfg)
    gen = torch.Generator().manual_seed(10_000 + seed)  # unseen by the trainer's generators
    x, y = seq_tasks.batch(cfg.task, cfg.n_digits, test_size, gen)
    cpu = wall = 0.0
    acc = 0.0
    while trainer.step < MAX_STEPS:
        c0, w0 = time.process_time(), time.perf_counter()
        for _ in range(CHECK_EVERY):
            trainer.train_step()
        cpu += time.process_time() - c0
        wall += time.perf_counter() - w0
        acc = test_accuracy(trainer, x, y)
        if acc >= 0.99:
            return cpu, wall, trainer.step, acc, greedy_exact(trainer, x, 200)
    return math.inf, wall, trainer.step, acc, greedy_exact(trainer, x, 200)


def main() -> None:
    """Print per-seed figures, the medians, and the summary line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--test-size", type=int, default=1000)
    args = ap.parse_args()
    threads = configure_torch()
    print(f"default Tiny Transformer on 'reverse 8 digits', torch threads={threads}")
    cpus, walls, steps = [], [], []
    for seed in range(args.seeds):
        cpu, wall, n, acc, greedy = run(seed, args.test_size)
        print(
            f"seed {seed}: steps={n} cpu_s={cpu:.2f} wall_s={wall:.2f} "
            f"test_seq_acc={acc:.4f} greedy_exact_200={greedy:.3f}"
        )
        cpus.append(cpu)
        walls.append(wall)
        steps.append(n)
    print(f"median steps={statistics.median(steps)} median wall_s={statistics.median(walls):.2f}")
    print(f"transformer seconds_to_99={statistics.median(cpus):.2f}")


if __name__ == "__main__":
    main()
