"""Test that tabular Q-learning and DQN learn the gridworld's Q* and optimal policy."""

import numpy as np

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.deep_q.agents import GridDQN, TabularQ
from vizlib.lessons.deep_q.gridworld import PRESETS, make_world
from vizlib.lessons.deep_q.planning import (
    greedy_is_optimal,
    greedy_steps,
    model_of,
    shortest_steps,
    value_iteration,
)

configure_torch()
FIVE = "S..../...../.#.../...../....G"


def test_tabular_q_learning_converges_to_q_star_on_the_4x3_world():
    """Test that Q-learning from a uniformly exploring policy gets within 0.05 of Q* everywhere."""
    world = make_world(PRESETS["classic"], -0.04, 0.0)
    q_star = value_iteration(model_of(world), 0.9).q
    agent = TabularQ(world, seed=0)
    agent.hp.eps_start = agent.hp.eps_end = 1.0
    for _ in range(20_000):
        agent.train_step()
    assert np.abs(agent.q - q_star)[~agent.term].max() < 0.05


def test_tabular_agent_records_returns_losses_and_mae():
    """Test that training fills the history: episode returns, a loss per step, MAE records."""
    world = make_world(PRESETS["classic"], -0.04, 0.0)
    agent = TabularQ(world, seed=1)
    agent.q_star = value_iteration(model_of(world), 0.9).q
    for _ in range(500):
        agent.train_step()
    h = agent.history
    assert len(h.loss) == len(h.eps) == 500 and len(h.returns) > 0 and len(h.mae) == 20
    assert h.mae[-1] < h.mae[0]


def test_dqn_reaches_the_optimal_greedy_policy_on_a_5x5_world():
    """Test that DQN's greedy policy equals value iteration's (and takes shortest paths)."""
    world = make_world(FIVE, -0.04, 0.0)
    q_star = value_iteration(model_of(world), 0.9).q
    agent = GridDQN(world, seed=0, encoding="onehot", hidden=64, capacity=5000)
    agent.hp.random_start = True
    solved = False
    for step in range(1, 3001):
        agent.train_step()
        if step % 100 == 0 and greedy_is_optimal(agent.q_values(), q_star, agent.term):
            solved = True
            break
    assert solved
    np.testing.assert_array_equal(greedy_steps(agent.q_values(), world), shortest_steps(world))


def test_dqn_with_row_column_input_and_no_target_network_learns():
    """Test that the (row, col) encoding without a target network still lowers |Q - Q*|."""
    world = make_world(PRESETS["classic"], -0.04, 0.0)
    agent = GridDQN(world, seed=1, encoding="rowcol", hidden=32, capacity=1000)
    agent.q_star = value_iteration(model_of(world), 0.9).q
    agent.hp.use_target, agent.hp.random_start = False, True
    assert agent.x.shape == (world.n_states, 2)
    for _ in range(800):
        agent.train_step()
    assert agent.history.mae[-1] < agent.history.mae[0]
