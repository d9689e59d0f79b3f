"""The backprop lesson's settings: the step-through network, the expression, the deep stack.

All three share the URL namespace `backprop` (their field names differ).
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from vizlib.core.activations import ACTIVATIONS
from vizlib.core.config import QueryConfig, param
from vizlib.lessons.backprop.net_text import parse_net

LOSS_CHOICES = ("half_sse", "mse", "ce", "bce")
DEEP_ACTS = ("sigmoid", "tanh", "relu")
INITS = ("small", "xavier", "he", "large")


@dataclasses.dataclass(frozen=True)
class BackpropConfig(QueryConfig):
    """Everything the step-through needs; defaults are the curriculum's 2-2-2 example."""

    NS: ClassVar[str] = "backprop"

    n_in: int = param(2, lo=1, hi=3)
    n_layers: int = param(2, lo=1, hi=3)
    size1: int = param(2, lo=1, hi=3)
    size2: int = param(2, lo=1, hi=3)
    size3: int = param(2, lo=1, hi=3)
    act1: str = param("sigmoid", choices=ACTIVATIONS)
    act2: str = param("sigmoid", choices=ACTIVATIONS)
    act3: str = param("sigmoid", choices=ACTIVATIONS)
    loss: str = param("half_sse", choices=LOSS_CHOICES)
    x: str = param("1, 2")
    y: str = param("0, 1")
    w1: str = param("1, 2; 3, 4")
    b1: str = param("0, 0")
    w2: str = param("1, 2; 3, 4")
    b2: str = param("0, 0")
    w3: str = param("1, 0; 0, 1")
    b3: str = param("0, 0")
    lr: float = param(0.1, lo=0.0, hi=10.0)
    seed: int = param(0, lo=0, hi=999_999)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.net()  # raises InputError (a ValueError) when the numbers don't fit the shapes

    @property
    def sizes(self) -> list[int]:
        """Units per layer, input first."""
        return [self.n_in, self.size1, self.size2, self.size3][: self.n_layers + 1]

    def net(self):
        """The Net these fields describe (raises InputError naming the faulty field)."""
        n = self.n_layers
        ws = [self.w1, self.w2, self.w3][:n]
        bs = [self.b1, self.b2, self.b3][:n]
        acts = (self.act1, self.act2, self.act3)[:n]
        return parse_net(self.x, self.y, ws, bs, self.sizes, acts, self.loss)


PRESET_222: dict[str, Any] = {
    "n_in": 2,
    "n_layers": 2,
    "size1": 2,
    "size2": 2,
    "act1": "sigmoid",
    "act2": "sigmoid",
    "loss": "half_sse",
    "x": "1, 2",
    "y": "0, 1",
    "w1": "1, 2; 3, 4",
    "b1": "0, 0",
    "w2": "1, 2; 3, 4",
    "b2": "0, 0",
    "lr": 0.1,
}


@dataclasses.dataclass(frozen=True)
class ExprConfig(QueryConfig):
    """The scalar-graph section: an expression and its variables' values (as text)."""

    NS: ClassVar[str] = "backprop"

    expr: str = param("tanh(a*b + c)")
    values: str = param("a=2, b=-1, c=0.5")


@dataclasses.dataclass(frozen=True)
class DeepConfig(QueryConfig):
    """A deep MLP: `depth` hidden layers of `width` units, then a linear read-out to 1 output."""

    NS: ClassVar[str] = "backprop"

    depth: int = param(20, lo=2, hi=30)
    width: int = param(32, lo=2, hi=64)
    deep_act: str = param("sigmoid", choices=DEEP_ACTS)
    init: str = param("xavier", choices=INITS)
    deep_seed: int = param(0, lo=0, hi=999_999)
