"""Character-level tiny GPT: vocabulary from the text passed in, random-window batches, a trainer,
prompt validation, temperature sampling from an explicit generator, attention over a prompt.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import torch
from torch.nn import functional as F

from vizlib.core.errors import InputError
from vizlib.core.lm_trainer import HParams, LMTrainer
from vizlib.core.transformer import GPTConfig, TinyGPT

MIN_TEMP, MAX_TEMP = 0.05, 5.0
MAX_TEXT = 2_000_000  # characters; the bundled texts are far smaller


def uniform_loss(vocab_size: int) -> float:
    """Cross-entropy of a uniform guess over the vocabulary: ln(V), the untrained baseline."""
    return math.log(vocab_size)


@dataclasses.dataclass(frozen=True)
class CharVocab:
    """The sorted distinct characters of a text; id = index in `chars`."""

    chars: str

    @classmethod
    def from_text(cls, text: str) -> CharVocab:
        """Build the vocabulary of `text` (must be non-empty)."""
        if not text:
            raise ValueError("empty text")
        return cls("".join(sorted(set(text))))

    @property
    def size(self) -> int:
        """Number of distinct characters."""
        return len(self.chars)

    def encode(self, text: str) -> list[int]:
        """Characters -> ids (KeyError on an unknown character; validate first)."""
        index = {c: i for i, c in enumerate(self.chars)}
        return [index[c] for c in text]

    def decode(self, ids: list[int] | torch.Tensor) -> str:
        """Ids -> text."""
        return "".join(self.chars[int(i)] for i in ids)


def validate_prompt(text: str, vocab: CharVocab, max_len: int) -> list[int]:
    """Ids of a typed prompt, or InputError: empty, unknown characters, or longer than max_len."""
    if not text:
        raise InputError("empty")
    unknown = sorted({c for c in text if c not in vocab.chars})
    if unknown:
        shown = " ".join(repr(c)[1:-1] for c in unknown[:10])
        raise InputError("unknown_chars", chars=shown)
    if len(text) > max_len:
        raise InputError("too_long", n=max_len, got=len(text))
    return vocab.encode(text)


def windows(
    data: torch.Tensor, block: int, batch_size: int, gen: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """Random windows x = data[i:i+block], y = data[i+1:i+block+1], each (B, block)."""
    starts = torch.randint(0, len(data) - block, (batch_size,), generator=gen)  # (B,)
    offsets = torch.arange(block)  # (block,)
    x = data[starts[:, None] + offsets]  # (B, block)
    return x, data[starts[:, None] + offsets + 1]


class CharTrainer(LMTrainer):
    """Next-character trainer on `text`: 90% train, last 10% held out for the eval loss."""

    def __init__(
        self,
        text: str,
        *,
        block_size: int = 32,
        n_layer: int = 2,
        n_head: int = 2,
        d_model: int = 64,
        seed: int = 0,
        batch_size: int = 32,
        hp: HParams | None = None,
        eval_batches: int = 64,
    ) -> None:
        if not 2 * (block_size + 1) <= len(text) <= MAX_TEXT:
            raise ValueError(f"text length {len(text)} unusable with block_size {block_size}")
        self.vocab = CharVocab.from_text(text)
        hp = hp or HParams()
        cfg = GPTConfig(self.vocab.size, block_size, n_layer, n_head, d_model, hp.dropout)
        super().__init__(cfg, seed, batch_size, hp)
        data = torch.tensor(self.vocab.encode(text), dtype=torch.long)
        cut = min(int(0.9 * len(data)), len(data) - block_size - 2)  # val keeps >= 1 window
        self.train_data, self.val_data = data[:cut], data[cut:]
        val_gen = torch.Generator().manual_seed(seed + 2)
        self.val_x, self.val_y = windows(self.val_data, block_size, eval_batches, val_gen)

    def _batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        return windows(self.train_data, self.model.cfg.block_size, self.batch_size, self.data_gen)

    @torch.no_grad()
    def evaluate(self) -> dict[str, float]:
        """Eval-mode cross-entropy on fixed held-out windows."""
        self.model.eval()
        logits, _ = self.model(self.val_x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), self.val_y.reshape(-1))
        return {"eval_loss": float(loss.item())}


def _check_temp(temperature: float) -> None:
    if not MIN_TEMP <= temperature <= MAX_TEMP:
        raise ValueError(f"temperature {temperature} not in [{MIN_TEMP}, {MAX_TEMP}]")


@torch.no_grad()
def next_char_probs(model: TinyGPT, ids: list[int], temperature: float) -> np.ndarray:
    """softmax(logits / temperature) for the character after `ids` (last block_size used)."""
    _check_temp(temperature)
    model.eval()
    ctx = torch.tensor([ids[-model.cfg.block_size :]], dtype=torch.long)  # (1, T)
    logits, _ = model(ctx)
    return F.softmax(logits[0, -1] / temperature, dim=-1).numpy()


@torch.no_grad()
def sample(
    model: TinyGPT, ids: list[int], n_new: int, temperature: float, gen: torch.Generator
) -> list[int]:
    """Continue `ids` by `n_new` characters drawn from softmax(logits / temperature) with `gen`."""
    _check_temp(temperature)
    model.eval()
    out = list(ids)
    for _ in range(n_new):
        ctx = torch.tensor([out[-model.cfg.block_size :]], dtype=torch.long)  # (1, T)
        logits, _ = model(ctx)
        probs = F.softmax(logits[0, -1] / temperature, dim=-1)  # (V,)
        out.append(int(torch.multinomial(probs, 1, generator=gen).item()))
    return out[len(ids) :]


@torch.no_grad()
def prompt_attention(model: TinyGPT, ids: list[int]) -> np.ndarray:
    """Attention of every layer and head over the prompt: (n_layer, n_head, T, T)."""
    model.eval()
    _, atts = model(torch.tensor([ids], dtype=torch.long), return_attn=True)
    return torch.stack([a[0] for a in atts]).numpy()
