"""Test the CartPole DQN: seeded reproducibility, terminal flags, bounded greedy evaluation."""

import gymnasium as gym
import numpy as np
import torch

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.deep_q.cartpole import CartPoleDQN, evaluate_greedy, greedy_frames

configure_torch()


def test_same_seed_same_training():
    """Test that two agents with one seed take the same actions and losses."""
    a, b = CartPoleDQN(3), CartPoleDQN(3)
    for _ in range(600):
        a.train_step()
        b.train_step()
    assert a.history.loss == b.history.loss and a.history.lengths == b.history.lengths
    assert a.history.loss[-1] > 0  # updates started after the warm-up


def test_episode_ends_store_terminal_flags_and_lengths():
    """Test that the stored done flags mark exactly the steps where a pole fell."""
    agent = CartPoleDQN(0)
    for _ in range(300):
        agent.train_step()
    n = agent.buffer.size
    assert agent.buffer.done[:n].sum() == len(agent.history.lengths)
    assert sum(agent.history.lengths) + agent.ep_len == 300


def test_greedy_evaluation_matches_one_episode_at_a_time():
    """Test that the side-by-side evaluation equals plain gymnasium episodes, bounded by max_len."""
    net = CartPoleDQN(1).net
    got = evaluate_greedy(net, 3, seed=50, max_len=60)
    for k in range(3):
        env = gym.make("CartPole-v1", max_episode_steps=60)
        obs, _ = env.reset(seed=50 + k)
        steps, done = 0, False
        while not done:
            with torch.no_grad():
                a = int(net(torch.from_numpy(obs).view(1, -1)).argmax())
            obs, _, term, trunc, _ = env.step(a)
            steps, done = steps + 1, term or trunc
        assert got[k] == steps <= 60
    assert len(greedy_frames(net, 50, max_len=60)) == got[0] + 1
    assert np.all(got >= 1)
