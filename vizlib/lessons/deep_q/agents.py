"""Agents that learn the gridworld by trial: tabular Q-learning and DQN, one env step per
train_step(), with the history the live views draw (returns, TD loss, epsilon, |Q - Q*|).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from vizlib.lessons.deep_q.dqn import (
    WorkedUpdate,
    batch_loss,
    eps_at,
    mlp,
    optimise,
    td_targets,
    worked_update,
)
from vizlib.lessons.deep_q.gridworld import N_ACTIONS, GridEnv, GridWorld
from vizlib.lessons.deep_q.replay import Batch, ReplayBuffer

MAE_EVERY = 25  # steps between |Q - Q*| records


@dataclass
class Hparams:
    """Settings that change live (never reset the agent)."""

    gamma: float = 0.9
    alpha: float = 0.5  # tabular step size
    lr: float = 1e-3  # DQN Adam learning rate
    eps_start: float = 1.0
    eps_end: float = 0.05
    eps_decay: int = 2000
    batch: int = 32
    sync_every: int = 100
    use_target: bool = True
    loss: str = "huber"
    random_start: bool = False


@dataclass
class History:
    """What the live views draw; per step, per episode and every MAE_EVERY steps."""

    returns: list[float] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    eps: list[float] = field(default_factory=list)
    mae_steps: list[int] = field(default_factory=list)
    mae: list[float] = field(default_factory=list)


class GridAgent:
    """Episodes, epsilon-greedy acting and history; subclasses give q_values() and learn()."""

    def __init__(self, world: GridWorld, seed: int) -> None:
        self.world, self.hp, self.history = world, Hparams(), History()
        self.rng = np.random.default_rng([seed, 0])
        self.env = GridEnv(world, np.random.default_rng([seed, 1]))
        self.term = world.terminal()
        self.starts = np.flatnonzero(~self.term)
        self.max_len = max(50, 3 * world.n_states)  # episodes are cut (not terminal) here
        self.q_star: np.ndarray | None = None
        self.t = 0
        self.path: list[int] = []
        self.last_path: list[int] = []
        self._reset_episode()

    def _reset_episode(self) -> None:
        rs = self.hp.random_start
        self.s = int(self.rng.choice(self.starts)) if rs else self.world.start
        self.path, self.ep_return = [self.s], 0.0

    def q_values(self) -> np.ndarray:
        """(S, A) the agent's current Q estimates."""
        raise NotImplementedError

    def q_row(self, s: int) -> np.ndarray:
        return self.q_values()[s]

    def learn(self, s: int, a: int, r: float, s2: int, done: bool) -> float:
        raise NotImplementedError

    def epsilon(self) -> float:
        """Epsilon at the current step."""
        h = self.hp
        return eps_at(self.t, h.eps_start, h.eps_end, h.eps_decay)

    def act(self, s: int) -> int:
        """Epsilon-greedy; ties among the best actions are broken at random."""
        if self.rng.random() < self.epsilon():
            return int(self.rng.integers(N_ACTIONS))
        q = self.q_row(s)
        return int(self.rng.choice(np.flatnonzero(q == q.max())))

    def train_step(self) -> float:
        """One environment step and one learning update; returns the TD loss."""
        s = self.s
        a = self.act(s)
        s2, r, done = self.env.step(s, a)
        loss = self.learn(s, a, r, s2, done)
        h = self.history
        h.loss.append(loss)
        h.eps.append(self.epsilon())
        self.t += 1
        self.ep_return += r
        self.path.append(s2)
        self.s = s2
        if done or len(self.path) > self.max_len:
            h.returns.append(self.ep_return)
            h.lengths.append(len(self.path) - 1)
            self.last_path = self.path
            self._reset_episode()
        if self.q_star is not None and self.t % MAE_EVERY == 0:
            h.mae_steps.append(self.t)
            h.mae.append(self.mae())
        return loss

    def mae(self) -> float:
        """Mean |Q(s, a) - Q*(s, a)| over non-terminal states and all actions."""
        return float(np.abs(self.q_values() - self.q_star)[~self.term].mean())


class TabularQ(GridAgent):
    """Q(s,a) <- Q(s,a) + alpha (r + gamma max_a' Q(s',a') - Q(s,a)), a table from zeros."""

    def __init__(self, world: GridWorld, seed: int) -> None:
        self.q = np.zeros((world.n_states, N_ACTIONS))
        super().__init__(world, seed)
        self.last: tuple | None = None  # (s, a, r, s2, done, q_before, target, q_after)

    def q_values(self) -> np.ndarray:
        return self.q

    def learn(self, s: int, a: int, r: float, s2: int, done: bool) -> float:
        target = r + (0.0 if done else self.hp.gamma * self.q[s2].max())
        before = self.q[s, a]
        self.q[s, a] = before + self.hp.alpha * (target - before)
        self.last = (s, a, r, s2, done, before, target, self.q[s, a])
        return float((target - before) ** 2)


def features(world: GridWorld, encoding: str) -> torch.Tensor:
    """(S, n_in) the network's input for every state: one-hot, or (row, col) scaled to [0, 1]."""
    if encoding == "onehot":
        return torch.eye(world.n_states)
    n, m = world.shape
    return torch.tensor([[i / (n - 1), j / (m - 1)] for i, j in world.cells], dtype=torch.float32)


class GridDQN(GridAgent):
    """An MLP Q-network trained from a replay buffer against a (switchable) target network."""

    def __init__(
        self, world: GridWorld, seed: int, encoding: str, hidden: int, capacity: int
    ) -> None:
        g = torch.Generator().manual_seed(seed)
        self.x = features(world, encoding)  # (S, n_in)
        self.net = mlp(self.x.shape[1], hidden, N_ACTIONS, g)
        self.target = mlp(self.x.shape[1], hidden, N_ACTIONS, g)
        self.target.load_state_dict(self.net.state_dict())
        self.opt = torch.optim.Adam(self.net.parameters(), lr=Hparams().lr)
        self.buffer = ReplayBuffer(capacity)
        self.updates = 0
        self.last_batch: Batch | None = None
        super().__init__(world, seed)
        self.sample_rng = np.random.default_rng([seed, 2])

    def q_values(self) -> np.ndarray:
        with torch.no_grad():
            return self.net(self.x).numpy().astype(np.float64)

    def q_row(self, s: int) -> np.ndarray:
        with torch.no_grad():
            return self.net(self.x[s : s + 1])[0].numpy()

    def target_net(self) -> torch.nn.Module:
        """The network that computes targets: the target copy, or the online net when off."""
        return self.target if self.hp.use_target else self.net

    def tensors(self, b: Batch) -> tuple[torch.Tensor, ...]:
        """(x, a, r, x2, done) tensors of a batch of state numbers."""
        return (
            self.x[b.s],
            torch.as_tensor(b.a),
            torch.as_tensor(b.r),
            self.x[b.s2],
            torch.as_tensor(b.done),
        )

    def learn(self, s: int, a: int, r: float, s2: int, done: bool) -> float:
        self.buffer.add(s, a, r, s2, done)
        hp = self.hp
        if self.buffer.size < hp.batch:
            return 0.0
        for grp in self.opt.param_groups:
            grp["lr"] = hp.lr
        self.last_batch = self.buffer.sample(hp.batch, self.sample_rng)
        loss, _ = batch_loss(
            self.net, self.target_net(), self.tensors(self.last_batch), hp.gamma, hp.loss
        )
        sync = hp.sync_every if hp.use_target else None
        self.updates = optimise(self.net, self.target, self.opt, loss, self.updates, sync)
        return loss.item()

    def batch_targets(self, b: Batch) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(max_a' Q_target(s', a'), y, Q(s, a)) of each transition of a batch, as numpy."""
        x, a, r, x2, done = self.tensors(b)
        with torch.no_grad():
            q_next = self.target_net()(x2)
            y = td_targets(r, done, q_next, self.hp.gamma)
            pred = self.net(x).gather(1, a.view(-1, 1)).squeeze(1)
        return q_next.max(1).values.numpy(), y.numpy(), pred.numpy()

    def worked(self, b: Batch, i: int) -> WorkedUpdate:
        """The worked update of transition i of batch b (computed on copies; nothing changes)."""
        one = tuple(t[i] for t in self.tensors(b))
        tgt = self.target if self.hp.use_target else None
        return worked_update(self.net, tgt, self.opt, one, self.hp.gamma, self.hp.loss)
