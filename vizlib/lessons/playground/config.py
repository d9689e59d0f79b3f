"""The playground page's config: every setting, seed included, so a URL reproduces a run.

`signature()` lists what needs a fresh model; the rest (optimizer, lr, regularisation,
dropout, batch size) is applied live to the running trainer.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from vizlib.core.activations import ACTIVATIONS
from vizlib.core.config import QueryConfig, param
from vizlib.core.mlp import INITS
from vizlib.lessons.playground.datasets import DATASETS, FEATURES, task_of

PG_OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")
REGULARIZERS = ("none", "l1", "l2")
MAX_LAYERS = 6
MAX_UNITS = 8


def parse_hidden(text: str) -> tuple[int, ...]:
    """Parse hidden-layer sizes such as "4,2" (empty for none); raise ValueError when invalid."""
    parts = [p.strip() for p in text.replace(" ", "").split(",") if p.strip()]
    if len(parts) > MAX_LAYERS:
        raise ValueError(f"at most {MAX_LAYERS} hidden layers")
    sizes = tuple(int(p) for p in parts)  # ValueError on non-integers
    if any(not 1 <= s <= MAX_UNITS for s in sizes):
        raise ValueError(f"each hidden layer needs 1..{MAX_UNITS} neurons")
    return sizes


@dataclasses.dataclass(frozen=True)
class PlaygroundConfig(QueryConfig):
    """Data, features, network and training settings of the neural-network playground."""

    NS: ClassVar[str] = "playground"

    dataset: str = param("circle", choices=DATASETS + ("csv",))
    noise: int = param(0, lo=0, hi=50, step=5)  # percent
    train_pct: int = param(50, lo=10, hi=90, step=10)
    n_points: int = param(500, lo=50, hi=2000, step=50)
    seed: int = param(0, lo=0, hi=99999)
    x1: bool = param(True)
    x2: bool = param(True)
    x1sq: bool = param(False)
    x2sq: bool = param(False)
    x1x2: bool = param(False)
    sinx1: bool = param(False)
    sinx2: bool = param(False)
    hidden: str = param("4,2")
    activation: str = param("tanh", choices=ACTIVATIONS)
    init: str = param("xavier", choices=INITS)
    optimizer: str = param("sgd", choices=PG_OPTIMIZERS)
    lr: float = param(0.03, lo=1e-5, hi=10.0)
    momentum: float = param(0.9, lo=0.0, hi=0.99)
    batch: int = param(10, lo=1, hi=2000)
    reg: str = param("none", choices=REGULARIZERS)
    reg_rate: float = param(0.001, lo=0.0, hi=1.0)
    dropout: float = param(0.0, lo=0.0, hi=0.8, step=0.05)
    show_test: bool = param(False)
    discretize: bool = param(False)

    def __post_init__(self) -> None:
        super().__post_init__()
        parse_hidden(self.hidden)
        if not self.feature_names():
            raise ValueError("select at least one input feature")

    def feature_names(self) -> tuple[str, ...]:
        """The selected input features, in canonical order."""
        return tuple(f for f in FEATURES if getattr(self, f))

    def hidden_sizes(self) -> tuple[int, ...]:
        """Hidden-layer sizes as a tuple."""
        return parse_hidden(self.hidden)

    def task(self) -> str:
        """binary, multiclass or regression (for a CSV, decided by its columns)."""
        return "binary" if self.dataset == "csv" else task_of(self.dataset)

    def signature(self) -> tuple:
        """Everything that needs a fresh model: data, features, architecture, init, seed."""
        return (
            self.dataset, self.noise, self.train_pct, self.n_points, self.seed,
            self.feature_names(), self.hidden_sizes(), self.activation, self.init,
        )  # fmt: skip
