"""An editable gridworld: a layout string <-> cells, validation, and its exact transition model.

Layout: rows joined by '/', one char per cell: '.' empty, '#' wall, 'P' pit (-1), 'G' goal (+1),
'S' start (an empty cell). Actions 0..3 = up, right, down, left; a slip turns the move sideways.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from vizlib.core.errors import InputError

EMPTY, WALL, PIT, GOAL, START = ".", "#", "P", "G", "S"
CYCLE = (EMPTY, WALL, PIT, GOAL)  # what a click on a cell steps through
CHARS = frozenset(CYCLE + (START,))
MIN_SIZE, MAX_SIZE = 3, 10
MOVES = ((-1, 0), (0, 1), (1, 0), (0, -1))  # up, right, down, left as (drow, dcol)
N_ACTIONS = 4
TERMINAL_REWARD = {PIT: -1.0, GOAL: 1.0}

PRESETS = {
    "classic": "...G/.#.P/S...",  # Russell & Norvig's 4x3 world
    "cliff": "........../........../........../SPPPPPPPPG",
    "maze": (
        "S.#......./..#.####.#/..#....#../.####.##.#/......#.../"
        "##.##.#.#./.#..#...#./.##.####../....#..P#./.##...#..G"
    ),
}


def layout_rows(text: str) -> tuple[str, ...]:
    """The rows of a well-formed layout (right size and characters), else InputError."""
    rows = tuple(str(text).strip().split("/"))
    n, m = len(rows), len(rows[0])
    if not all(len(r) == m for r in rows) or not set("".join(rows)) <= CHARS:
        raise InputError("bad_layout", lo=MIN_SIZE, hi=MAX_SIZE)
    if not (MIN_SIZE <= n <= MAX_SIZE and MIN_SIZE <= m <= MAX_SIZE):
        raise InputError("bad_layout", lo=MIN_SIZE, hi=MAX_SIZE)
    return rows


def parse_layout(text: str) -> tuple[str, ...]:
    """The layout's rows; InputError("bad_layout" / "all_walls" / ...) when it cannot be used."""
    rows = layout_rows(text)
    flat = "".join(rows)
    if set(flat) == {WALL}:
        raise InputError("all_walls")
    if flat.count(START) != 1:
        raise InputError("one_start", n=flat.count(START))
    if GOAL not in flat:
        raise InputError("no_goal")
    if not reachable_goals(rows):
        raise InputError("unreachable")
    return rows


def reachable_goals(rows: tuple[str, ...]) -> list[tuple[int, int]]:
    """The goal cells a walk from the start can reach (walls block; pits and goals end a walk)."""
    n, m = len(rows), len(rows[0])
    start = next((i, j) for i in range(n) for j in range(m) if rows[i][j] == START)
    seen, todo, goals = {start}, deque([start]), []
    while todo:
        i, j = todo.popleft()
        if rows[i][j] in TERMINAL_REWARD:
            if rows[i][j] == GOAL:
                goals.append((i, j))
            continue
        for di, dj in MOVES:
            a, b = i + di, j + dj
            if 0 <= a < n and 0 <= b < m and rows[a][b] != WALL and (a, b) not in seen:
                seen.add((a, b))
                todo.append((a, b))
    return goals


def edit_cell(text: str, row: int, col: int, place_start: bool = False) -> str:
    """The layout after a click: cycle the cell's type, or move the start there."""
    rows = [list(r) for r in str(text).split("/")]
    if not (0 <= row < len(rows) and 0 <= col < len(rows[row])):
        return text
    here = rows[row][col]
    if place_start:
        for r in rows:
            for j, c in enumerate(r):
                if c == START:
                    r[j] = EMPTY
        rows[row][col] = START
    elif here != START:  # the start is moved, never cycled away
        rows[row][col] = CYCLE[(CYCLE.index(here) + 1) % len(CYCLE)] if here in CYCLE else EMPTY
    return "/".join("".join(r) for r in rows)


def resize_layout(text: str, n_rows: int, n_cols: int) -> str:
    """Crop or pad (with empty cells) to n_rows x n_cols, keeping a start cell."""
    old = [r for r in str(text).split("/")]
    rows = [((old[i] if i < len(old) else "") + EMPTY * n_cols)[:n_cols] for i in range(n_rows)]
    if START not in "".join(rows):
        rows[0] = START + rows[0][1:]
    return "/".join(rows)


@dataclass(frozen=True)
class GridWorld:
    """The MDP of a valid layout: non-wall cells are states; pits and goals are terminal."""

    rows: tuple[str, ...]
    step_reward: float  # reward for entering a non-terminal cell
    slip: float  # probability that a move goes sideways (half to each side)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0])

    @property
    def cells(self) -> list[tuple[int, int]]:
        """(row, col) of each state, in state order."""
        n, m = self.shape
        return [(i, j) for i in range(n) for j in range(m) if self.rows[i][j] != WALL]

    @property
    def n_states(self) -> int:
        return len(self.cells)

    def index(self) -> dict[tuple[int, int], int]:
        """State number of each non-wall cell."""
        return {c: s for s, c in enumerate(self.cells)}

    @property
    def start(self) -> int:
        return next(s for s, (i, j) in enumerate(self.cells) if self.rows[i][j] == START)

    def terminal(self) -> np.ndarray:
        """(S,) bool: pits and goals."""
        return np.array([self.rows[i][j] in TERMINAL_REWARD for i, j in self.cells])

    def rewards(self) -> np.ndarray:
        """(S,) reward for entering each state."""
        return np.array(
            [TERMINAL_REWARD.get(self.rows[i][j], self.step_reward) for i, j in self.cells]
        )

    def moves(self) -> np.ndarray:
        """(S, 4) the state reached by moving in each direction (a wall or the edge: stay)."""
        idx, (n, m) = self.index(), self.shape
        out = np.zeros((self.n_states, N_ACTIONS), dtype=np.int64)
        for s, (i, j) in enumerate(self.cells):
            for d, (di, dj) in enumerate(MOVES):
                out[s, d] = (
                    idx.get((i + di, j + dj), s) if 0 <= i + di < n and 0 <= j + dj < m else s
                )
        return out

    def transitions(self) -> np.ndarray:
        """(S, 4, S) P(s' | s, a): the intended move with 1 - slip, each side with slip / 2."""
        mv, n_s = self.moves(), self.n_states
        p = np.zeros((n_s, N_ACTIONS, n_s))
        for a in range(N_ACTIONS):
            for d, w in (
                (a, 1 - self.slip),
                ((a + 1) % 4, self.slip / 2),
                ((a + 3) % 4, self.slip / 2),
            ):
                np.add.at(p[:, a], (np.arange(n_s), mv[:, d]), w)
        return p


def make_world(text: str, step_reward: float, slip: float) -> GridWorld:
    """Parse and validate a layout into its MDP (InputError when it cannot be used)."""
    return GridWorld(parse_layout(text), float(step_reward), float(slip))


class GridEnv:
    """Sample the world one step at a time (the agent never sees the transition model)."""

    def __init__(self, world: GridWorld, rng: np.random.Generator) -> None:
        self.world, self.rng = world, rng
        self.mv, self.r, self.term = world.moves(), world.rewards(), world.terminal()

    def step(self, s: int, a: int) -> tuple[int, float, bool]:
        """(s', r, done) for action a in state s."""
        u = self.rng.random()
        half = self.world.slip / 2
        d = a if u >= 2 * half else ((a + 1) % 4 if u < half else (a + 3) % 4)
        s2 = int(self.mv[s, d])
        return s2, float(self.r[s2]), bool(self.term[s2])
