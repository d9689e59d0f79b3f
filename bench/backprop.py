"""Warm rerun time of one step of the backprop step-through (click Next, time `at.run()`).

Run from the repo root: python -m bench.backprop [--clicks 9] [--rounds 3]
Wall and process-CPU milliseconds are both printed (the machine is shared; CPU time is steadier).
Also times the pure pieces (trace + autograd badge, deep gradients) for context.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.backprop.config import BackpropConfig
from vizlib.lessons.backprop.deep_gradients import DeepConfig, deep_gradients
from vizlib.lessons.backprop.network import torch_max_diff, trace_net

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "backprop.py")


def _timed(fn) -> tuple[float, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return 1000 * (time.perf_counter() - w0), 1000 * (time.process_time() - c0)


def page_steps(clicks: int, rounds: int) -> tuple[list[float], list[float]]:
    """Wall and CPU ms of each warm rerun after a Next click (the first run is not counted)."""
    walls, cpus = [], []
    for _ in range(rounds):
        at = AppTest.from_file(PAGE, default_timeout=120)
        at.run()  # cold: imports, torch, catalogues
        for _ in range(clicks):
            at.button(key="backprop.next").click()
            w, c = _timed(at.run)
            assert not at.exception, at.exception
            walls.append(w)
            cpus.append(c)
        at.button(key="backprop.first").click()
        at.run()
    return walls, cpus


def core_ms(n: int = 20) -> tuple[float, float]:
    """Median ms of trace + torch badge for the 2-2-2 preset, and of one deep-gradient pass."""
    net = BackpropConfig().net()
    trace = [_timed(lambda: torch_max_diff(net, trace_net(net)))[0] for _ in range(n)]
    deep = [_timed(lambda: deep_gradients(DeepConfig()))[0] for _ in range(n // 4)]
    return statistics.median(trace), statistics.median(deep)


def main() -> None:
    """Print the figures, then the summary line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clicks", type=int, default=9)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    configure_torch()  # as the page does: one torch thread
    trace_ms, deep_ms = core_ms()
    print(
        f"core: trace + autograd badge {trace_ms:.2f} ms; deep gradients (20x32) {deep_ms:.1f} ms"
    )
    walls, cpus = page_steps(args.clicks, args.rounds)
    print(
        f"page rerun after Next ({len(walls)} reruns): median wall {statistics.median(walls):.1f}"
        f" ms (min {min(walls):.1f}, max {max(walls):.1f}); median CPU "
        f"{statistics.median(cpus):.1f} ms"
    )
    print(f"backprop step_ms={statistics.median(walls):.0f}")


if __name__ == "__main__":
    main()
