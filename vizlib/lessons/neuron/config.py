"""The neuron lesson's settings: inputs, weights, bias and activation (URL namespace `neuron`)."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

import numpy as np

from vizlib.core.activations import ACTIVATIONS
from vizlib.core.config import QueryConfig, param


@dataclasses.dataclass(frozen=True)
class NeuronConfig(QueryConfig):
    """Inputs, weights, bias and activation of one neuron (2 or 3 inputs)."""

    NS: ClassVar[str] = "neuron"
    n_inputs: int = param(2, choices=(2, 3))
    x1: float = param(1.0, lo=-5.0, hi=5.0, step=0.1)
    x2: float = param(2.0, lo=-5.0, hi=5.0, step=0.1)
    x3: float = param(0.0, lo=-5.0, hi=5.0, step=0.1)
    w1: float = param(0.5, lo=-5.0, hi=5.0, step=0.1)
    w2: float = param(1.0, lo=-5.0, hi=5.0, step=0.1)
    w3: float = param(0.0, lo=-5.0, hi=5.0, step=0.1)
    b: float = param(0.2, lo=-5.0, hi=5.0, step=0.1)
    act: str = param("sigmoid", choices=ACTIVATIONS)

    @property
    def x(self) -> np.ndarray:
        return np.array([self.x1, self.x2, self.x3][: self.n_inputs])

    @property
    def w(self) -> np.ndarray:
        return np.array([self.w1, self.w2, self.w3][: self.n_inputs])
