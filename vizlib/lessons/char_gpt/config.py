"""The character-level GPT lesson's settings: text, model, training and sampling (NS `char_gpt`)."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from vizlib.core.config import QueryConfig, param
from vizlib.core.lm_knobs import TransformerKnobs

CORPORA = ("names", "shakespeare")  # the bundled texts (vizlib.ui.assets.corpus_text)


@dataclasses.dataclass(frozen=True)
class CharGPTConfig(TransformerKnobs, QueryConfig):
    """Settings of the character-level GPT page (the prompt is validated against the text)."""

    NS: ClassVar[str] = "char_gpt"

    corpus: str = param("names", choices=CORPORA)
    block_size: int = param(32, lo=8, hi=64)
    batch_size: int = param(32, lo=8, hi=256)
    temperature: float = param(0.8, lo=0.05, hi=2.0, step=0.05)
    n_chars: int = param(200, lo=20, hi=500)
    sample_seed: int = param(0, lo=0, hi=99_999)
    prompt: str = param("ma")

    def signature(self) -> tuple:
        """Everything that needs a fresh model (not the live hyperparameters)."""
        return (self.corpus, self.block_size, self.n_layer, self.n_head, self.width(), self.seed)
