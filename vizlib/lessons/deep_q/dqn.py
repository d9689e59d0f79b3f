"""DQN's pieces: an MLP Q-network, the TD target r + gamma max_a' Q_target(s', a'), the loss,
and one worked update (target, prediction, loss, and what one optimiser step does to Q(s, a)).
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn


def mlp(n_in: int, hidden: int, n_out: int, g: torch.Generator, layers: int = 2) -> nn.Sequential:
    """n_in -> hidden (ReLU) x layers -> n_out, initialised from the generator g."""
    sizes = [n_in] + [hidden] * layers
    mods: list[nn.Module] = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        mods += [nn.Linear(a, b), nn.ReLU()]
    mods.append(nn.Linear(sizes[-1], n_out))
    net = nn.Sequential(*mods)
    with torch.no_grad():
        for m in net:
            if isinstance(m, nn.Linear):  # torch's default bound, drawn from g, not the global RNG
                bound = 1 / math.sqrt(m.in_features)
                m.weight.uniform_(-bound, bound, generator=g)
                m.bias.uniform_(-bound, bound, generator=g)
    return net


def td_targets(
    r: torch.Tensor, done: torch.Tensor, q_next: torch.Tensor, gamma: float
) -> torch.Tensor:
    """(B,) y = r + gamma (1 - done) max_a' q_next(s', a'); q_next is (B, A)."""
    return r + gamma * (1.0 - done) * q_next.max(dim=1).values


def huber(delta: torch.Tensor) -> torch.Tensor:
    """Elementwise Huber (kappa = 1): delta^2 / 2 inside |delta| < 1, |delta| - 1/2 outside."""
    a = delta.abs()
    return torch.where(a < 1.0, 0.5 * delta**2, a - 0.5)


def td_loss(pred: torch.Tensor, y: torch.Tensor, kind: str) -> torch.Tensor:
    """Mean Huber or squared TD error between predictions Q(s, a) and targets y."""
    delta = y - pred
    return (huber(delta) if kind == "huber" else delta**2).mean()


def predictions(net: nn.Module, x: torch.Tensor, a: torch.Tensor) -> torch.Tensor:
    """(B,) Q(s, a) for the taken actions; x is (B, n_in)."""
    return net(x).gather(1, a.view(-1, 1)).squeeze(1)


def batch_loss(
    net: nn.Module,
    target: nn.Module,
    batch: tuple[torch.Tensor, ...],
    gamma: float,
    kind: str,
) -> tuple[torch.Tensor, torch.Tensor]:
    """(loss, y) of a batch (x, a, r, x2, done); the target y carries no gradient."""
    x, a, r, x2, done = batch
    with torch.no_grad():
        y = td_targets(r, done, target(x2), gamma)
    return td_loss(predictions(net, x, a), y, kind), y


def optimise(
    net: nn.Module,
    target: nn.Module,
    opt: torch.optim.Optimizer,
    loss: torch.Tensor,
    updates: int,
    sync_every: int | None,
) -> int:
    """One optimiser step on `loss`; copies the net into the target network every `sync_every`
    updates (None: no target network). Returns the new update count."""
    opt.zero_grad()
    loss.backward()
    opt.step()
    updates += 1
    if sync_every and updates % sync_every == 0:
        target.load_state_dict(net.state_dict())
    return updates


@dataclass(frozen=True)
class WorkedUpdate:
    """One transition's update, every number of it."""

    r: float
    done: bool
    gamma: float
    max_next: float  # max_a' Q_target(s', a')
    y: float  # TD target
    q_before: float  # Q(s, a) before the step
    loss: float
    q_after: float  # Q(s, a) after one optimiser step on this transition alone
    y_after: float  # the target after the step (moves too when there is no target network)


def worked_update(
    net: nn.Module,
    target: nn.Module | None,
    opt: torch.optim.Optimizer,
    transition: tuple[torch.Tensor, ...],
    gamma: float,
    kind: str,
) -> WorkedUpdate:
    """One step on a copy of (net, optimiser) for a single transition (x, a, r, x2, done)."""
    net2, opt2 = copy.deepcopy((net, opt))  # one memo: the copied optimiser drives the copy
    tgt = net2 if target is None else target
    x, a, r, x2, done = (t.unsqueeze(0) for t in transition)
    with torch.no_grad():
        max_next = float(tgt(x2).max())
    loss, y = batch_loss(net2, tgt, (x, a, r, x2, done), gamma, kind)
    q_before = predictions(net2, x, a).item()
    opt2.zero_grad()
    loss.backward()
    opt2.step()
    with torch.no_grad():
        q_after = float(predictions(net2, x, a))
        y_after = float(td_targets(r, done, tgt(x2), gamma))
    return WorkedUpdate(
        float(r), bool(done), gamma, max_next, float(y), q_before, loss.item(), q_after, y_after
    )


def eps_at(step: int, start: float, end: float, decay_steps: int) -> float:
    """Linear epsilon schedule: start at step 0, end from decay_steps on."""
    frac = min(1.0, step / decay_steps) if decay_steps > 0 else 1.0
    return start + (end - start) * frac


def as_tensor(x: np.ndarray, dtype=torch.float32) -> torch.Tensor:
    """A numpy array as a torch tensor (no copy when the dtype already fits)."""
    return torch.as_tensor(x, dtype=dtype)
