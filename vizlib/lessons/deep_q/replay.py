"""A fixed-capacity experience replay buffer: a ring of (s, a, r, s', done), sampled uniformly."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Batch:
    """A sampled batch: the buffer rows `idx` and their fields, each (B,) or (B, obs_dim)."""

    idx: np.ndarray
    s: np.ndarray
    a: np.ndarray
    r: np.ndarray
    s2: np.ndarray
    done: np.ndarray


class ReplayBuffer:
    """Stores up to `capacity` transitions; when full, the oldest is overwritten."""

    def __init__(self, capacity: int, obs_shape: tuple[int, ...] = (), obs_dtype=np.int64) -> None:
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity, self.size, self.pos = capacity, 0, 0
        self.s = np.zeros((capacity, *obs_shape), dtype=obs_dtype)
        self.s2 = np.zeros((capacity, *obs_shape), dtype=obs_dtype)
        self.a = np.zeros(capacity, dtype=np.int64)
        self.r = np.zeros(capacity, dtype=np.float32)
        self.done = np.zeros(capacity, dtype=np.float32)

    def add(self, s, a: int, r: float, s2, done: bool) -> None:
        """Store one transition at the ring position (overwriting the oldest when full)."""
        i = self.pos
        self.s[i], self.a[i], self.r[i], self.s2[i], self.done[i] = s, a, r, s2, float(done)
        self.pos = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size: int, rng: np.random.Generator) -> Batch:
        """A uniform sample (with replacement) of stored transitions only."""
        if self.size == 0:
            raise ValueError("the buffer is empty")
        idx = rng.integers(0, self.size, size=batch_size)
        return self.take(idx)

    def take(self, idx: np.ndarray) -> Batch:
        """The transitions at buffer rows idx."""
        return Batch(idx, self.s[idx], self.a[idx], self.r[idx], self.s2[idx], self.done[idx])
