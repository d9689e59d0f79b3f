"""The lesson's settings, seed included, so a URL reproduces a run (pasted text stays local)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar

from vizlib.core.config import QueryConfig, param

if TYPE_CHECKING:  # no torch at import: the walkthrough (and the Teach page) import this config
    from vizlib.lessons.char_models.models import ModelSpec

KINDS = ("bigram", "mlp", "rnn", "gru", "lstm", "transformer")

CORPORA = ("names", "shakespeare", "pasted")


@dataclasses.dataclass(frozen=True)
class CharModelsConfig(QueryConfig):
    """Data, model, live training, sampling, and "inside the network" settings."""

    NS: ClassVar[str] = "char_models"

    corpus: str = param("names", choices=CORPORA)
    model: str = param("lstm", choices=KINDS)
    seq_len: int = param(32, lo=8, hi=128)
    context: int = param(5, lo=1, hi=16)
    emb: int = param(32, lo=4, hi=64)
    hidden: int = param(128, lo=16, hi=256, step=16)
    layers: int = param(1, lo=1, hi=2)
    seed: int = param(0, lo=0, hi=99_999)
    lr: float = param(3e-3, lo=1e-5, hi=0.1)
    batch: int = param(64, lo=8, hi=256)
    dropout: float = param(0.3, lo=0.0, hi=0.5, step=0.05)
    smoothing: float = param(1.0, lo=0.0, hi=10.0, step=0.1)
    temperature: float = param(0.8, lo=0.0, hi=2.0, step=0.05)
    n_chars: int = param(200, lo=20, hi=500)
    sample_seed: int = param(0, lo=0, hi=99_999)
    prefix: str = param("ma")
    unit: int = param(-1, lo=-1, hi=255)  # -1: the most interesting unit
    passage: int = param(0, lo=0, hi=99)
    passage_len: int = param(120, lo=20, hi=300)
    budget: float = param(3.0, lo=0.5, hi=20.0, step=0.5)  # CPU seconds per model, comparison

    def model_spec(self, vocab_size: int) -> ModelSpec:
        """The model to build on a vocabulary of `vocab_size` characters."""
        from vizlib.lessons.char_models.models import ModelSpec

        return ModelSpec(
            self.model, vocab_size, self.seq_len, self.context, self.emb, self.hidden, self.layers
        )

    def signature(self, text_key: str) -> tuple:
        """What needs a fresh model: the text and this kind's architecture fields, and the seed."""
        arch = {
            "bigram": (),
            "mlp": (self.seq_len, self.context, self.emb, self.hidden, self.seed),
            "transformer": (self.seq_len, self.hidden, self.layers, self.seed),
        }.get(self.model, (self.seq_len, self.emb, self.hidden, self.layers, self.seed))
        return (self.corpus, text_key, self.model, *arch)
