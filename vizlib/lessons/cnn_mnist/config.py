"""The CNN lesson's settings: architecture, training, seed and the digit shown (NS `cnn_mnist`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vizlib.core.cnn_arch import MAX_MACS, MAX_PARAMS, CnnArch
from vizlib.core.config import QueryConfig, param

OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")
VIEWS = ("maps", "errors", "deep")  # what the page shows under the curves and first-layer filters
MAX_STEPS = 3000  # one live run: 3000 mini-batches of 64 is ~10 passes over the 20,000 digits


@dataclass(frozen=True)
class CnnMnistConfig(QueryConfig):
    """Settings of the 'CNN on MNIST' page: architecture, training, seed and selected digit."""

    NS: ClassVar[str] = "cnn_mnist"
    blocks: int = param(2, lo=1, hi=3)
    filters: int = param(8, lo=4, hi=32)
    kernel: int = param(3, choices=(3, 5))
    pool: bool = param(True)
    dense: int = param(64, lo=16, hi=256)
    dropout: float = param(0.0, lo=0.0, hi=0.8, step=0.05)
    optimizer: str = param("adam", choices=OPTIMIZERS)
    lr: float = param(0.003, lo=1e-5, hi=1.0)
    batch: int = param(64, lo=8, hi=256)
    seed: int = param(0, lo=0, hi=99_999)
    digit: int = param(0, lo=0, hi=2_499)
    view: str = param("maps", choices=VIEWS)
    own: str = param("draw", choices=("draw", "upload"))

    def __post_init__(self) -> None:
        super().__post_init__()
        params, macs = self.arch().cost()
        if params > MAX_PARAMS or macs > MAX_MACS:
            raise ValueError(f"model too large: {params} parameters, {macs} multiply-adds")

    def arch(self) -> CnnArch:
        """The architecture part of the config."""
        return CnnArch(self.blocks, self.filters, self.kernel, self.pool, self.dense)
