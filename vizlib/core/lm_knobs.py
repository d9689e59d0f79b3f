"""What the two Transformer lessons' configs share: the model's size, the live hyperparameters
and the seed, and `HParams`, the hyperparameters a running trainer takes. No torch here, so a
config (and the walkthrough built on it) can be imported without loading torch."""

from __future__ import annotations

import dataclasses

from vizlib.core.config import param

D_MODELS = (16, 24, 32, 48, 64, 96, 128)


@dataclasses.dataclass(frozen=True)
class HParams:
    """Live hyperparameters: changing them never resets the model."""

    lr: float = 3e-3
    weight_decay: float = 0.0
    dropout: float = 0.0


@dataclasses.dataclass(frozen=True)
class TransformerKnobs:
    """What the Transformer page configs share: the model's size, the live hyperparameters and the
    seed (the same fields, bounds and defaults on both pages), and the head-divisible width.

    A base for config dataclasses (`class C(TransformerKnobs, QueryConfig)`) that add their own
    `batch_size` and task fields; URL keys go by field name, so saved links are unchanged.
    """

    n_layer: int = param(2, lo=1, hi=4)
    n_head: int = param(2, lo=1, hi=4)
    d_model: int = param(64, choices=D_MODELS)
    dropout: float = param(0.0, lo=0.0, hi=0.5, step=0.05)
    lr: float = param(3e-3, lo=1e-5, hi=1.0)
    weight_decay: float = param(0.0, lo=0.0, hi=1.0)
    seed: int = param(0, lo=0, hi=99_999)

    def width(self) -> int:
        """d_model rounded down to a multiple of n_head, so the heads split it evenly."""
        return self.d_model - self.d_model % self.n_head

    def hparams(self) -> HParams:
        """The live hyperparameters."""
        return HParams(lr=self.lr, weight_decay=self.weight_decay, dropout=self.dropout)

    def trainer_args(self) -> dict:
        """The keyword arguments every LMTrainer subclass takes from such a config."""
        return {
            "n_layer": self.n_layer,
            "n_head": self.n_head,
            "d_model": self.width(),
            "seed": self.seed,
            "batch_size": self.batch_size,
            "hp": self.hparams(),
        }
