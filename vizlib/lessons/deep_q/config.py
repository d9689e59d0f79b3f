"""The deep-RL page's settings (gridworld and CartPole), seed and grid layout included.

`signature()` names what needs a fresh agent; `hparams()` is applied live to the running one.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar

from vizlib.core.config import QueryConfig, param
from vizlib.lessons.deep_q.gridworld import PRESETS

if TYPE_CHECKING:  # torch and gymnasium are imported only when a page asks for hparams()
    from vizlib.lessons.deep_q.agents import Hparams
    from vizlib.lessons.deep_q.cartpole import CartHparams

MODES = ("grid", "cartpole")
AGENTS = ("dqn", "q")
SHOWS = ("learned", "vstar")
ENCODINGS = ("onehot", "rowcol")  # the DQN's input: a one-hot cell, or (row, col) in [0, 1]
LOSSES = ("huber", "mse")  # the TD loss


@dataclasses.dataclass(frozen=True)
class GridConfig(QueryConfig):
    """The world, the agent and its learning settings."""

    NS: ClassVar[str] = "deep_q"

    mode: str = param("grid", choices=MODES)
    layout: str = param(PRESETS["classic"])  # validated by gridworld.parse_layout on the page
    step_reward: float = param(-0.04, lo=-1.0, hi=0.0, step=0.01)
    slip: float = param(0.0, lo=0.0, hi=0.8, step=0.05)
    gamma: float = param(0.9, lo=0.5, hi=0.99, step=0.01)
    agent: str = param("dqn", choices=AGENTS)
    alpha: float = param(0.5, lo=0.01, hi=1.0, step=0.01)
    eps_start: float = param(1.0, lo=0.0, hi=1.0, step=0.05)
    eps_end: float = param(0.05, lo=0.0, hi=1.0, step=0.05)
    eps_decay: int = param(2000, lo=1, hi=50_000, step=100)
    random_start: bool = param(False)
    encoding: str = param("onehot", choices=ENCODINGS)
    hidden: int = param(64, lo=8, hi=256, step=8)
    buffer: int = param(5000, lo=100, hi=50_000, step=100)
    batch: int = param(32, lo=1, hi=256)
    use_target: bool = param(True)
    sync_every: int = param(100, lo=1, hi=5000)
    loss: str = param("huber", choices=LOSSES)
    lr: float = param(0.001, lo=1e-5, hi=0.1)
    seed: int = param(0, lo=0, hi=99_999)
    show: str = param("learned", choices=SHOWS)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.eps_end > self.eps_start:
            raise ValueError("final epsilon above the starting epsilon")

    def signature(self) -> tuple:
        """What needs a fresh agent: the world, the agent kind, its network and the seed."""
        world = (self.layout, self.step_reward, self.slip, self.agent, self.seed)
        return world + ((self.encoding, self.hidden, self.buffer) if self.agent == "dqn" else ())

    def hparams(self) -> Hparams:
        """The settings that change live."""
        from vizlib.lessons.deep_q.agents import Hparams

        return Hparams(
            gamma=self.gamma,
            alpha=self.alpha,
            lr=self.lr,
            eps_start=self.eps_start,
            eps_end=self.eps_end,
            eps_decay=self.eps_decay,
            batch=self.batch,
            sync_every=self.sync_every,
            use_target=self.use_target,
            loss=self.loss,
            random_start=self.random_start,
        )


@dataclasses.dataclass(frozen=True)
class CartPoleConfig(QueryConfig):
    """DQN on CartPole-v1 (fields prefixed cp_: they share the page's namespace)."""

    NS: ClassVar[str] = "deep_q"

    cp_hidden: int = param(64, lo=16, hi=256, step=16)
    cp_buffer: int = param(10_000, lo=1000, hi=50_000, step=1000)
    cp_batch: int = param(64, lo=8, hi=256, step=8)
    cp_lr: float = param(0.002, lo=1e-5, hi=0.01)
    cp_gamma: float = param(0.99, lo=0.8, hi=0.999, step=0.001)
    cp_target: bool = param(True)
    cp_sync: int = param(250, lo=1, hi=5000)
    cp_loss: str = param("huber", choices=LOSSES)
    cp_eps_decay: int = param(5000, lo=100, hi=50_000, step=100)
    cp_seed: int = param(0, lo=0, hi=99_999)

    def signature(self) -> tuple:
        """What needs a fresh agent: the network width, the buffer size and the seed."""
        return (self.cp_hidden, self.cp_buffer, self.cp_seed)

    def hparams(self) -> CartHparams:
        """The settings that change live."""
        from vizlib.lessons.deep_q.cartpole import CartHparams

        return CartHparams(
            gamma=self.cp_gamma,
            lr=self.cp_lr,
            batch=self.cp_batch,
            sync_every=self.cp_sync,
            use_target=self.cp_target,
            loss=self.cp_loss,
            eps_decay=self.cp_eps_decay,
        )
