"""Warm rerun time of the recurrent-cells page (AppTest), median over several reruns per scenario.

Run from the repository root: `python -m bench.recurrent_cells [--runs N]`. Ends with
`recurrent_cells warm_ms=<n>` (the slowest warm scenario's median; the goal is <= 150 ms).
Clock: process CPU time of the rerun (AppTest runs the script in a thread of this process), so
the figure depends less on how busy the shared machine is; wall time is printed alongside.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
NS = "recurrent_cells"
SCENARIOS = {
    "default: RNN I=2 H=2, 4 steps; gradients T=100 H=16": {},
    "LSTM I=4 H=4, 8 steps, at step 5; gradients T=200 H=64": {
        f"{NS}.cell": "lstm",
        f"{NS}.input_size": "4",
        f"{NS}.hidden_size": "4",
        f"{NS}.seq": "; ".join(["1, -1, 0.5, 2"] * 8),
        f"{NS}.step": "5",
        f"{NS}.g_len": "200",
        f"{NS}.g_hidden": "64",
    },
    "GRU I=4 H=4, 8 steps; ReLU gradients overflowing (T=200, H=64, scale 5)": {
        f"{NS}.cell": "gru",
        f"{NS}.input_size": "4",
        f"{NS}.hidden_size": "4",
        f"{NS}.seq": "; ".join(["1, -1, 0.5, 2"] * 8),
        f"{NS}.g_len": "200",
        f"{NS}.g_hidden": "64",
        f"{NS}.g_scale": "5.0",
        f"{NS}.g_act": "relu",
    },
}


def rerun_ms(query: dict[str, str], runs: int, *, new_seed: bool) -> tuple[list[float], list]:
    """CPU and wall ms of each rerun after a first (cold) run, in one session.

    With `new_seed` every rerun changes the gradient section's seed, so its cached result misses
    (the cost of moving a gradient control, not of a plain rerun).
    """
    at = AppTest.from_file(str(ROOT / "pages" / f"{NS}.py"), default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if at.exception or at.error:
        raise RuntimeError([e.value for e in list(at.exception) + list(at.error)])
    cpu, wall = [], []
    for i in range(runs):
        if new_seed:
            at.session_state[f"{NS}.g_seed"] = 1000 + i
        c0, t0 = time.process_time(), time.perf_counter()
        at.run()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
    return cpu, wall


def _line(name: str, cpu: list[float], wall: list[float]) -> str:
    return (f"{name}: median CPU {statistics.median(cpu):.1f} ms (min {min(cpu):.1f}, "
            f"max {max(cpu):.1f}); median wall {statistics.median(wall):.1f} ms; "
            f"{len(cpu)} reruns")  # fmt: skip


def main() -> None:
    """Print each scenario's median and spread, then the summary line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.chdir(ROOT)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    medians = []
    for name, query in SCENARIOS.items():
        cpu, wall = rerun_ms(query, args.runs, new_seed=False)
        medians.append(statistics.median(cpu))
        print(_line(f"warm | {name}", cpu, wall))
    for name, query in list(SCENARIOS.items())[1:]:
        cpu, wall = rerun_ms(query, args.runs, new_seed=True)
        print(_line(f"gradient seed changed each rerun (cache miss) | {name}", cpu, wall))
    print(f"load average (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"recurrent_cells warm_ms={max(medians):.0f}")


if __name__ == "__main__":
    main()
