"""Time the gradient-descent lab's race: 6 optimizers x 1,000 steps plus a 200x200 surface grid.

Run from the repo root: `python -m bench.gradient_descent`. Prints medians; the last line sums up.
"""

from __future__ import annotations

import statistics
import time

from vizlib.core.optimizers import OptimConfig
from vizlib.lessons.gradient_descent.surfaces import make_surface
from vizlib.lessons.gradient_descent.trajectories import Racer, run_race

RACERS = [
    Racer("sgd", OptimConfig(name="sgd", lr=0.001)),
    Racer("momentum", OptimConfig(name="momentum", lr=0.001)),
    Racer("nesterov", OptimConfig(name="nesterov", lr=0.001)),
    Racer("rmsprop", OptimConfig(name="rmsprop", lr=0.01)),
    Racer("adam", OptimConfig(name="adam", lr=0.02)),
    Racer("sgd-noisy", OptimConfig(name="sgd", lr=0.0005)),
]
RUNS = 7


def _once(surface_name: str, schedule: str, noise: float) -> tuple[float, float]:
    """(race ms, grid ms) for one run."""
    s = make_surface(surface_name)
    t0 = time.perf_counter()
    run_race(s, s.start, RACERS, 1000, schedule=schedule, noise=noise, seed=0)
    t1 = time.perf_counter()
    s.grid(200)
    t2 = time.perf_counter()
    return (t1 - t0) * 1e3, (t2 - t1) * 1e3


def main() -> None:
    """Print the median timings per setting, then the summary line."""
    total = []
    for surface, schedule, noise in [
        ("rosenbrock", "constant", 0.0),
        ("himmelblau", "cosine", 0.5),
    ]:
        runs = [_once(surface, schedule, noise) for _ in range(RUNS)]
        race = statistics.median(r[0] for r in runs)
        grid = statistics.median(r[1] for r in runs)
        print(
            f"{surface:>10} schedule={schedule:<8} noise={noise}: 6x1000 steps {race:7.1f} ms, "
            f"200x200 grid {grid:5.1f} ms (median of {RUNS})"
        )
        total.append(race + grid)
    print(f"gd race_ms={round(max(total))}")


if __name__ == "__main__":
    main()
