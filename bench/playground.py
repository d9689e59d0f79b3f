"""Compute per frame of the playground: one epoch + every neuron on a 100×100 grid + both losses.

`train_step()` is one epoch of mini-batch steps (batch 10) and records the train and test loss;
`grid_outputs(100)` evaluates every neuron on the grid. Run: python -m bench.playground
"""

from __future__ import annotations

import statistics
import time

from vizlib.lessons.playground.config import PlaygroundConfig
from vizlib.lessons.playground.trainer import PlaygroundTrainer

NETWORKS = {
    "default": PlaygroundConfig(),  # 2 features, hidden [4, 2], batch 10, 500 points, 50% train
    "largest": PlaygroundConfig(
        hidden="8,8,8,8,8,8", x1sq=True, x2sq=True, x1x2=True, sinx1=True, sinx2=True
    ),
}
FRAMES, WARMUP, REPEATS = 200, 20, 3


def frame_ms(cfg: PlaygroundConfig) -> list[float]:
    """Wall time of FRAMES frames (after WARMUP), in ms."""
    trainer = PlaygroundTrainer(cfg)
    times = []
    for i in range(WARMUP + FRAMES):
        t0 = time.perf_counter()
        trainer.train_step()
        trainer.grid_outputs(100)
        if i >= WARMUP:
            times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    """Print the median frame time of each network and the summary line."""
    medians = {}
    for name, cfg in NETWORKS.items():
        runs = [statistics.median(frame_ms(cfg)) for _ in range(REPEATS)]
        medians[name] = min(runs)  # least disturbed by other processes on the machine
        sizes = PlaygroundTrainer(cfg).mlp.sizes
        print(
            f"{name}: sizes {sizes}, batch {cfg.batch}, {cfg.n_points} points; "
            f"median ms per frame over {FRAMES} frames, {REPEATS} runs: "
            + ", ".join(f"{r:.2f}" for r in runs)
        )
    print(
        f"playground default_frame_ms={medians['default']:.2f} "
        f"largest_frame_ms={medians['largest']:.2f}"
    )


if __name__ == "__main__":
    main()
