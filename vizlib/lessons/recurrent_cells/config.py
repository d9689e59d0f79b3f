"""The recurrent-cells lesson's settings: the step-through cell and the gradient-through-time view.

Both share the namespace `recurrent_cells`, so every setting (seed included) is in one link.
A weight field holding "" means "drawn from the seed", which keeps links short.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from vizlib.core.config import QueryConfig, param
from vizlib.lessons.recurrent_cells.bptt import LOSSES
from vizlib.lessons.recurrent_cells.cells import CELLS, RNN_ACTS

NS = "recurrent_cells"
MAX_STEPS = 8
MAX_SIZE = 4
MAX_BPTT = 200

# The curriculum's worked example: x_1 = [1, 2], h_0 = [0, 0], identity weights, zero bias, sigmoid.
PRESET_CURRICULUM = {
    "cell": "rnn",
    "act": "sigmoid",
    "input_size": 2,
    "hidden_size": 2,
    "seq": "1, 2",
    "w_ih": "1, 0\n0, 1",
    "w_hh": "1, 0\n0, 1",
    "b_ih": "0, 0",
    "b_hh": "0, 0",
    "h0": "0, 0",
    "step": 1,
}


@dataclasses.dataclass(frozen=True)
class CellConfig(QueryConfig):
    """The editable cell, its input sequence and the time step being shown."""

    NS: ClassVar[str] = NS

    cell: str = param("rnn", choices=CELLS)
    act: str = param("tanh", choices=RNN_ACTS)
    input_size: int = param(2, lo=1, hi=MAX_SIZE)
    hidden_size: int = param(2, lo=1, hi=MAX_SIZE)
    seq: str = param("1, 2; 0.5, -1; -1, 0.5; 0, 1")
    seed: int = param(0, lo=0, hi=9999)
    w_ih: str = param("")
    w_hh: str = param("")
    b_ih: str = param("")
    b_hh: str = param("")
    h0: str = param("")
    c0: str = param("")
    step: int = param(1, lo=1, hi=MAX_STEPS)

    def texts(self) -> dict[str, str]:
        """The weight fields by name ("" = from the seed)."""
        return {n: getattr(self, n) for n in ("w_ih", "w_hh", "b_ih", "b_hh", "h0", "c0")}


@dataclasses.dataclass(frozen=True)
class GradConfig(QueryConfig):
    """Gradient through time: three cells on the same seeded random data."""

    NS: ClassVar[str] = NS

    g_len: int = param(100, lo=2, hi=MAX_BPTT)
    g_hidden: int = param(16, lo=1, hi=64)
    g_scale: float = param(1.0, lo=0.1, hi=5.0, step=0.1)
    g_bias: float = param(2.0, lo=-2.0, hi=5.0, step=0.5)
    g_act: str = param("tanh", choices=RNN_ACTS)
    g_loss: str = param("half_sq", choices=LOSSES)
    g_seed: int = param(0, lo=0, hi=9999)
