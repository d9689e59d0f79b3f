"""DQN on gymnasium's CartPole-v1: one env step and one replay update per train_step(),
and a bounded greedy evaluation over several seeded episodes at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import gymnasium as gym
import numpy as np
import torch

from vizlib.lessons.deep_q.dqn import batch_loss, eps_at, mlp, optimise
from vizlib.lessons.deep_q.replay import ReplayBuffer

ENV_ID = "CartPole-v1"
SOLVED = 475  # gymnasium's reward threshold for CartPole-v1
MAX_EPISODE = 500  # CartPole-v1's time limit
OBS, ACTIONS = 4, 2


@dataclass
class CartHparams:
    """Settings that change live."""

    gamma: float = 0.99
    lr: float = 2e-3
    batch: int = 64
    sync_every: int = 250
    use_target: bool = True
    loss: str = "huber"
    eps_start: float = 1.0
    eps_end: float = 0.05
    eps_decay: int = 5000
    warmup: int = 500  # transitions stored before the first update


@dataclass
class CartHistory:
    """Episode lengths, TD loss per step, epsilon per step."""

    lengths: list[int] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    eps: list[float] = field(default_factory=list)


class CartPoleDQN:
    """A seeded CartPole-v1 env, an MLP Q-network, its target copy and a replay buffer."""

    def __init__(self, seed: int, hidden: int = 64, capacity: int = 10_000) -> None:
        g = torch.Generator().manual_seed(seed)
        self.net = mlp(OBS, hidden, ACTIONS, g)
        self.target = mlp(OBS, hidden, ACTIONS, g)
        self.target.load_state_dict(self.net.state_dict())
        self.opt = torch.optim.Adam(self.net.parameters(), lr=CartHparams().lr)
        self.buffer = ReplayBuffer(capacity, (OBS,), np.float32)
        self.hp, self.history = CartHparams(), CartHistory()
        self.rng = np.random.default_rng([seed, 0])
        self.sample_rng = np.random.default_rng([seed, 1])
        self.seed = seed
        self.env = gym.make(ENV_ID)
        self.obs, _ = self.env.reset(seed=seed)
        self.t, self.updates, self.ep_len = 0, 0, 0

    def epsilon(self) -> float:
        """Epsilon at the current step."""
        h = self.hp
        return eps_at(self.t, h.eps_start, h.eps_end, h.eps_decay)

    def act(self, obs: np.ndarray) -> int:
        """Epsilon-greedy action."""
        if self.rng.random() < self.epsilon():
            return int(self.rng.integers(ACTIONS))
        with torch.no_grad():
            return int(self.net(torch.from_numpy(obs).view(1, -1)).argmax())

    def train_step(self) -> float:
        """One env step, one stored transition, one update; returns the TD loss."""
        a = self.act(self.obs)
        obs2, r, terminated, truncated, _ = self.env.step(a)
        # a time-limit cut is not a terminal state: its target still bootstraps
        self.buffer.add(self.obs, a, r, obs2, terminated)
        loss = self.learn()
        self.history.loss.append(loss)
        self.history.eps.append(self.epsilon())
        self.t += 1
        self.ep_len += 1
        self.obs = obs2
        if terminated or truncated:
            self.history.lengths.append(self.ep_len)
            self.obs, _ = self.env.reset()
            self.ep_len = 0
        return loss

    def learn(self) -> float:
        """One replay update (after warm-up); target synced every sync_every updates."""
        hp = self.hp
        if self.buffer.size < max(hp.warmup, hp.batch):
            return 0.0
        for grp in self.opt.param_groups:
            grp["lr"] = hp.lr
        b = self.buffer.sample(hp.batch, self.sample_rng)
        batch = tuple(torch.from_numpy(v) for v in (b.s, b.a, b.r, b.s2, b.done))
        tgt = self.target if hp.use_target else self.net
        loss, _ = batch_loss(self.net, tgt, batch, hp.gamma, hp.loss)
        sync = hp.sync_every if hp.use_target else None
        self.updates = optimise(self.net, self.target, self.opt, loss, self.updates, sync)
        return loss.item()


def evaluate_greedy(
    net: torch.nn.Module, episodes: int, seed: int, max_len: int = MAX_EPISODE
) -> np.ndarray:
    """(episodes,) lengths of greedy episodes run side by side (seeds seed, seed+1, ...)."""
    envs = [gym.make(ENV_ID, max_episode_steps=max_len) for _ in range(episodes)]
    obs = np.stack([e.reset(seed=seed + k)[0] for k, e in enumerate(envs)])  # (E, 4)
    alive = np.ones(episodes, dtype=bool)
    lengths = np.zeros(episodes, dtype=np.int64)
    while alive.any():
        idx = np.flatnonzero(alive)
        with torch.no_grad():
            acts = net(torch.from_numpy(obs[idx])).argmax(1).numpy()
        for k, a in zip(idx, acts):
            o, _, term, trunc, _ = envs[k].step(int(a))
            obs[k] = o
            lengths[k] += 1
            alive[k] = not (term or trunc)
    for e in envs:
        e.close()
    return lengths


def greedy_frames(net: torch.nn.Module, seed: int, max_len: int = MAX_EPISODE) -> np.ndarray:
    """(T, 4) the states of one greedy episode, for drawing it."""
    env = gym.make(ENV_ID, max_episode_steps=max_len)
    obs, _ = env.reset(seed=seed)
    frames, done = [obs], False
    while not done:
        with torch.no_grad():
            a = int(net(torch.from_numpy(obs).view(1, -1)).argmax())
        obs, _, term, trunc, _ = env.step(a)
        frames.append(obs)
        done = term or trunc
    env.close()
    return np.stack(frames)
