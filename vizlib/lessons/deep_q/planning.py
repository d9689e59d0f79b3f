"""Value iteration: the exact V*, Q* and optimal policy of a gridworld (the answer key).

Q(s, a) = sum_s' P(s'|s,a) [r(s') + gamma (1 - terminal(s')) V(s')],  V(s) = max_a Q(s, a).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vizlib.lessons.deep_q.gridworld import GridWorld

OPT_TOL = 1e-9  # actions within this of the best are all optimal (ties)


@dataclass(frozen=True)
class Model:
    """The arrays of a world that a Bellman backup needs."""

    p: np.ndarray  # (S, A, S) transition probabilities
    r: np.ndarray  # (S,) reward for entering a state
    term: np.ndarray  # (S,) bool


@dataclass(frozen=True)
class ValueResult:
    """V (S,), Q (S, A), the greedy policy (S,), sweeps done and the last Bellman residual."""

    v: np.ndarray
    q: np.ndarray
    policy: np.ndarray
    sweeps: int
    residual: float


def model_of(world: GridWorld) -> Model:
    """The transition and reward arrays of a world."""
    return Model(world.transitions(), world.rewards(), world.terminal())


def q_from_v(m: Model, v: np.ndarray, gamma: float) -> np.ndarray:
    """(S, A) one-step look-ahead values; terminal states (never acted in) get 0."""
    target = m.r + gamma * np.where(m.term, 0.0, v)  # (S',)
    q = m.p @ target  # (S, A)
    q[m.term] = 0.0
    return q


def sweep(m: Model, v: np.ndarray, gamma: float) -> np.ndarray:
    """One synchronous Bellman optimality backup of V."""
    return q_from_v(m, v, gamma).max(axis=1)


def bellman_residual(m: Model, v: np.ndarray, gamma: float) -> float:
    """max_s |(T V)(s) - V(s)|: zero exactly at V*."""
    return float(np.abs(sweep(m, v, gamma) - v).max())


def value_iteration(
    m: Model, gamma: float, tol: float = 1e-12, max_sweeps: int = 10_000
) -> ValueResult:
    """Sweep from V = 0 until the residual is below tol (or max_sweeps)."""
    v, k = np.zeros(len(m.r)), 0
    while k < max_sweeps:
        new = sweep(m, v, gamma)
        k, res, v = k + 1, float(np.abs(new - v).max()), new
        if res < tol:
            break
    return result_of(m, v, gamma, k)


def result_of(m: Model, v: np.ndarray, gamma: float, sweeps: int) -> ValueResult:
    """Q, greedy policy and residual of a value estimate after `sweeps` sweeps."""
    q = q_from_v(m, v, gamma)
    return ValueResult(v, q, q.argmax(axis=1), sweeps, bellman_residual(m, v, gamma))


def optimal_actions(q_star: np.ndarray) -> np.ndarray:
    """(S, A) bool: the actions within OPT_TOL of the best (ties are all optimal)."""
    return q_star >= q_star.max(axis=1, keepdims=True) - OPT_TOL


def greedy_is_optimal(q: np.ndarray, q_star: np.ndarray, term: np.ndarray) -> bool:
    """Whether argmax_a q(s, a) is an optimal action in every non-terminal state."""
    ok = optimal_actions(q_star)[np.arange(len(q)), q.argmax(axis=1)]
    return bool(ok[~term].all())


def greedy_steps(q: np.ndarray, world: GridWorld, cap: int = 400) -> np.ndarray:
    """(S,) steps the greedy policy of q takes to a goal from each state with slip off (-1: never
    reaches one; 0 for terminal states)."""
    mv, term = world.moves(), world.terminal()
    goal = np.array([world.rows[i][j] == "G" for i, j in world.cells])
    out = np.zeros(world.n_states, dtype=np.int64)
    for s0 in np.flatnonzero(~term):
        s, k = s0, 0
        while not term[s] and k < cap:
            s, k = mv[s, int(q[s].argmax())], k + 1
        out[s0] = k if goal[s] else -1
    return out


def shortest_steps(world: GridWorld) -> np.ndarray:
    """(S,) fewest moves from each state to a goal with slip off, never through a pit
    (-1: unreachable; 0 for terminal states)."""
    mv, term = world.moves(), world.terminal()
    goal = [s for s, (i, j) in enumerate(world.cells) if world.rows[i][j] == "G"]
    dist = np.full(world.n_states, -1, dtype=np.int64)
    dist[goal] = 0
    frontier, k = set(goal), 0
    while frontier:
        k += 1
        nxt = {s for s in np.flatnonzero((dist < 0) & ~term) if set(mv[s]) & frontier}
        dist[list(nxt)] = k
        frontier = nxt
    dist[term] = 0
    return dist
