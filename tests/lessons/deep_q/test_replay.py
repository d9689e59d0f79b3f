"""Test the replay buffer: capacity, seeded sampling, and only stored transitions sampled."""

import numpy as np

from vizlib.lessons.deep_q.replay import ReplayBuffer


def _filled(capacity, n):
    buf = ReplayBuffer(capacity)
    for i in range(n):
        buf.add(i, i % 4, float(i), i + 1, i % 7 == 0)
    return buf


def test_capacity_is_respected_and_the_oldest_is_overwritten():
    """Test that after capacity + 3 adds the buffer holds exactly the newest `capacity` ones."""
    buf = _filled(10, 13)
    assert buf.size == 10
    assert sorted(buf.s.tolist()) == list(range(3, 13))
    row = int(np.flatnonzero(buf.s == 12)[0])
    assert (buf.a[row], buf.r[row], buf.s2[row], buf.done[row]) == (0, 12.0, 13, 0.0)


def test_seeded_sampling_is_reproducible():
    """Test that the same seed gives the same batch and another seed a different one."""
    buf = _filled(50, 80)
    b1 = buf.sample(16, np.random.default_rng(7))
    b2 = buf.sample(16, np.random.default_rng(7))
    b3 = buf.sample(16, np.random.default_rng(8))
    np.testing.assert_array_equal(b1.s, b2.s)
    assert not np.array_equal(b1.s, b3.s)


def test_never_samples_a_transition_that_was_not_stored():
    """Test that a mostly empty buffer only ever returns the transitions added to it."""
    buf = _filled(1000, 5)
    b = buf.sample(2000, np.random.default_rng(0))
    assert set(b.s.tolist()) == set(range(5))
    np.testing.assert_array_equal(b.s2, b.s + 1)


def test_sampling_is_uniform():
    """Test that each stored row is drawn about equally often."""
    buf = _filled(20, 20)
    counts = np.bincount(buf.sample(40_000, np.random.default_rng(1)).s, minlength=20)
    assert np.abs(counts / 2000 - 1).max() < 0.1
