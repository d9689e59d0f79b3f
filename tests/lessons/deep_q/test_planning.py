"""Test value iteration against closed forms and the Bellman equation."""

import numpy as np
import pytest

from vizlib.lessons.deep_q.gridworld import PRESETS, make_world
from vizlib.lessons.deep_q.planning import (
    bellman_residual,
    greedy_steps,
    model_of,
    shortest_steps,
    sweep,
    value_iteration,
)


@pytest.mark.parametrize("gamma,c", [(0.9, -0.04), (0.5, 0.0), (0.99, -0.3)])
def test_corridor_values_match_the_closed_form(gamma, c):
    """Test that V* in a walled corridor equals sum_k<d-1 gamma^k c + gamma^(d-1) (d: distance)."""
    n = 8
    world = make_world("#" * n + "/S" + "." * (n - 2) + "G/" + "#" * n, c, 0.0)
    res = value_iteration(model_of(world), gamma)
    d = np.arange(n - 1, 0, -1)  # distance to the goal from columns 0..n-2
    closed = c * (1 - gamma ** (d - 1)) / (1 - gamma) + gamma ** (d - 1)
    np.testing.assert_allclose(res.v[:-1], closed, atol=1e-10)
    assert res.v[-1] == 0.0  # the goal is terminal


@pytest.mark.parametrize("name", list(PRESETS))
@pytest.mark.parametrize("slip", [0.0, 0.2])
def test_value_iteration_converges_to_a_bellman_fixed_point(name, slip):
    """Test that the Bellman residual at convergence is below 1e-8, on every preset, with slip."""
    m = model_of(make_world(PRESETS[name], -0.04, slip))
    res = value_iteration(m, 0.95)
    assert res.residual < 1e-8
    assert bellman_residual(m, res.v, 0.95) == res.residual
    np.testing.assert_allclose(res.q.max(1)[~m.term], res.v[~m.term], atol=1e-8)


def test_one_sweep_is_one_bellman_backup_written_out():
    """Test that a sweep equals max_a sum_s' P (r + gamma V) computed with explicit loops."""
    world = make_world(PRESETS["classic"], -0.04, 0.2)
    m, gamma = model_of(world), 0.9
    v = np.random.default_rng(0).normal(size=world.n_states)
    v[m.term] = 0.0
    ref = np.zeros_like(v)
    for s in np.flatnonzero(~m.term):
        ref[s] = max(
            sum(
                m.p[s, a, s2] * (m.r[s2] + gamma * (0 if m.term[s2] else v[s2]))
                for s2 in range(len(v))
            )
            for a in range(4)
        )
    np.testing.assert_allclose(sweep(m, v, gamma), ref, atol=1e-12)


def test_classic_world_with_slip_matches_russell_and_norvig_policy_facts():
    """Test that with slip 0.2 and -0.04 per step the start's best move is up (a known result)."""
    world = make_world(PRESETS["classic"], -0.04, 0.2)
    res = value_iteration(model_of(world), 1.0 - 1e-9, tol=1e-13, max_sweeps=100_000)
    assert res.policy[world.start] == 0  # up, the long way round past the pit


def test_value_iteration_policy_takes_shortest_paths_without_slip():
    """Test that the optimal greedy policy reaches the goal in the fewest moves from every cell."""
    world = make_world(PRESETS["maze"], -0.04, 0.0)
    res = value_iteration(model_of(world), 0.95)
    np.testing.assert_array_equal(greedy_steps(res.q, world), shortest_steps(world))
