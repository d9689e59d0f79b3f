"""CPU seconds until DQN solves the 5x5 gridworld and CartPole-v1 (median of several seeds).

Run from the repo root: python -m bench.deep_q [--grid-runs 5] [--cart-runs 3] [--reference]
Torch threads as the app sets them (configure_torch: 1). Clock: process CPU time (user + system)
of training *and* the checks/evaluations, so the figure depends less on the shared machine's
load; wall time and the load average are printed alongside (figures are noisy on a busy box).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import time
from pathlib import Path

import numpy as np

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.deep_q.agents import GridDQN
from vizlib.lessons.deep_q.cartpole import SOLVED, CartPoleDQN, evaluate_greedy
from vizlib.lessons.deep_q.gridworld import make_world
from vizlib.lessons.deep_q.planning import greedy_steps, shortest_steps

ROOT = Path(__file__).resolve().parents[1]
FIVE = "S..../...../.#.../...../....G"  # 5x5, one wall, goal in the far corner
GRID_LIMIT_S, CART_LIMIT_S = 20.0, 60.0
CHECK_EVERY = 100  # grid steps between policy checks (counted in the time)
EVAL_EPISODES, EVAL_SEED = 20, 10_000
# the reference: 4-128-128-2, Adam 2.5e-4, batch 128, updates after 1000 steps, sync 500,
# epsilon 1 -> 0.05 over 10k steps (Huber, gamma 0.99, replay 10k)
REFERENCE = {"lr": 2.5e-4, "batch": 128, "warmup": 1000, "sync_every": 500, "eps_decay": 10_000}
OURS = {"lr": 2e-3, "batch": 64, "warmup": 500, "sync_every": 250, "eps_decay": 5000}


def grid_run(seed: int) -> dict:
    """CPU seconds until the greedy policy takes a shortest path from every start cell."""
    world = make_world(FIVE, -0.04, 0.0)
    best = shortest_steps(world)
    agent = GridDQN(world, seed, "onehot", 64, 5000)
    agent.hp.random_start = True
    cpu0, wall0 = time.process_time(), time.perf_counter()
    while time.process_time() - cpu0 < GRID_LIMIT_S:
        for _ in range(CHECK_EVERY):
            agent.train_step()
        if np.array_equal(greedy_steps(agent.q_values(), world), best):
            return {"s": time.process_time() - cpu0, "wall": time.perf_counter() - wall0,
                    "steps": agent.t}  # fmt: skip
    return {"s": None, "wall": None, "steps": agent.t}


def cart_run(seed: int, hp: dict, hidden: int) -> dict:
    """CPU seconds until 20 greedy episodes average >= 475 (best mean seen otherwise)."""
    agent = CartPoleDQN(seed, hidden=hidden, capacity=10_000)
    for k, v in hp.items():
        setattr(agent.hp, k, v)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    best, last_eval = 0.0, 0
    while time.process_time() - cpu0 < CART_LIMIT_S:
        agent.train_step()
        lengths = agent.history.lengths
        ended = agent.ep_len == 0 and lengths
        # evaluate after a long training episode, or every 5000 steps (both counted in the time)
        if (
            ended
            and agent.t - last_eval > 500
            and (lengths[-1] >= 400 or agent.t - last_eval > 5000)
        ):
            last_eval = agent.t
            mean = float(evaluate_greedy(agent.net, EVAL_EPISODES, EVAL_SEED).mean())
            best = max(best, mean)
            if mean >= SOLVED:
                return {"s": time.process_time() - cpu0, "wall": time.perf_counter() - wall0,
                        "steps": agent.t, "best": mean}  # fmt: skip
    return {"s": None, "wall": None, "steps": agent.t, "best": best}


def rerun_ms(mode: str, reruns: int = 10) -> tuple[float, float]:
    """Median (wall, CPU) ms of a warm AppTest rerun of the page (paused, after a first run)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "deep_q.py"), default_timeout=60)
    at.query_params["deep_q.mode"] = mode
    at.run()
    for name in list(logging.root.manager.loggerDict):  # bare-mode warnings, not figures
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    wall, cpu = [], []
    for _ in range(reruns):
        t0, c0 = time.perf_counter(), time.process_time()
        at.run()
        wall.append(1000 * (time.perf_counter() - t0))
        cpu.append(1000 * (time.process_time() - c0))
    return statistics.median(wall), statistics.median(cpu)


def _median(xs: list) -> float | None:
    ok = [x for x in xs if x is not None]
    return statistics.median(ok) if len(ok) == len(xs) else None


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.1f}"


def main() -> None:
    """Run both benchmarks over several seeds; print each run, the medians and the summary line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--grid-runs", type=int, default=5)
    ap.add_argument("--cart-runs", type=int, default=3)
    ap.add_argument("--reference", action="store_true", help="also run the issue's reference DQN")
    args = ap.parse_args()
    print(f"torch threads {configure_torch()}; load average {os.getloadavg()}")
    for mode in ("grid", "cartpole"):
        wall, cpu = rerun_ms(mode)
        print(f"warm rerun ({mode}, AppTest, median of 10): {wall:.0f} ms wall, {cpu:.0f} ms CPU")
    grid = [grid_run(s) for s in range(args.grid_runs)]
    for s, r in enumerate(grid):
        print(f"grid seed {s}: {_fmt(r['s'])} s CPU ({_fmt(r['wall'])} s wall), {r['steps']} steps")
    configs = [("ours 4-64-64-2", OURS, 64)]
    if args.reference:
        configs.append(("reference 4-128-128-2", REFERENCE, 128))
    cart_median = None
    for name, hp, hidden in configs:
        runs = [cart_run(s, hp, hidden) for s in range(args.cart_runs)]
        for s, r in enumerate(runs):
            print(f"cartpole {name} seed {s}: {_fmt(r['s'])} s CPU ({_fmt(r['wall'])} s wall), "
                  f"{r['steps']} steps, best greedy mean {r['best']:.1f}")  # fmt: skip
        med = _median([r["s"] for r in runs])
        print(f"cartpole {name}: median {_fmt(med)} s CPU")
        cart_median = med if cart_median is None and name.startswith("ours") else cart_median
    print(f"load average {os.getloadavg()}")
    grid_median = _median([r["s"] for r in grid])
    print(f"deep_q grid_solve_s={_fmt(grid_median)} cartpole_solve_s={_fmt(cart_median)}")


if __name__ == "__main__":
    main()
