"""Warm rerun time of the self-attention page (AppTest), median over several reruns per scenario.

Run from the repository root: `python -m bench.self_attention [--runs N]`. Ends with
`self_attention warm_ms=<n>` (the slowest scenario's median; the goal is <= 150 ms).
Clock: process CPU time of the rerun (AppTest runs the script in a thread of this process), so
the figure does not depend on how busy the shared machine is; wall time is printed alongside.
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
NS = "self_attention"
SCENARIOS = {
    "default sentence (6 tokens, d=4, 2 heads, PE 32x16)": {},
    "worked example: three tokens of size 1": {
        f"{NS}.source": "matrices",
        f"{NS}.q_text": "1;2;3",
        f"{NS}.k_text": "4;5;6",
        f"{NS}.v_text": "7;8;9",
    },
    "10 tokens, d_model 8, 8 heads, causal, PE 128x64": {
        f"{NS}.sentence": "one two three four five six seven eight nine ten",
        f"{NS}.d_model": "8",
        f"{NS}.d_k": "8",
        f"{NS}.heads": "8",
        f"{NS}.causal": "1",
        f"{NS}.pe_positions": "128",
        f"{NS}.pe_dim": "64",
    },
}


def warm_ms(query: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """CPU and wall milliseconds of each rerun after a first (cold) run, in one session."""
    at = AppTest.from_file(str(ROOT / "pages" / f"{NS}.py"), default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    cpu, wall = [], []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        at.run()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
    return cpu, wall


def main() -> None:
    """Print each scenario's median and spread, then the summary line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.chdir(ROOT)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    medians = []
    for name, query in SCENARIOS.items():
        cpu, wall = warm_ms(query, args.runs)
        med = statistics.median(cpu)
        medians.append(med)
        print(f"{name}: median CPU {med:.1f} ms (min {min(cpu):.1f}, max {max(cpu):.1f}); "
              f"median wall {statistics.median(wall):.1f} ms; {len(cpu)} warm reruns")  # fmt: skip
    print(f"load average (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"self_attention warm_ms={max(medians):.0f}")


if __name__ == "__main__":
    main()
