"""The Tiny Transformer's trainer: a TinyGPT learning one toy task, scored per token and sequence.

`greedy_answer` decodes one example and returns its attention maps.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import torch
from torch.nn import functional as F

from vizlib.core.lm_trainer import HParams, LMTrainer
from vizlib.core.transformer import GPTConfig, TinyGPT
from vizlib.lessons.tiny_transformer import tasks
from vizlib.lessons.tiny_transformer.config import TinyTransformerConfig


def example_digits(cfg: TinyTransformerConfig) -> list[int]:
    """The chosen example: digits drawn from a generator seeded by (seed, example number)."""
    gen = torch.Generator().manual_seed(cfg.seed * 1000 + cfg.example + 7)
    return torch.randint(0, 10, (cfg.n_digits,), generator=gen).tolist()


def accuracy(logits: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """Per-token and whole-sequence accuracy of argmax(logits) on scored (non-IGNORE) targets.

    With teacher forcing, a sequence whose every scored token is right is also exactly what
    greedy decoding produces, so the whole-sequence figure equals greedy exact-match accuracy.
    """
    scored = y != tasks.IGNORE  # (B, T)
    hit = (logits.argmax(-1) == y) & scored  # (B, T)
    token = hit.sum().item() / max(scored.sum().item(), 1)
    seq = (hit | ~scored).all(dim=1).float().mean().item()
    return float(token), float(seq)


class SeqTrainer(LMTrainer):
    """Trains a TinyGPT on one toy task; evaluates on a fixed, seeded batch."""

    def __init__(
        self,
        task: str,
        n_digits: int,
        *,
        n_layer: int = 2,
        n_head: int = 2,
        d_model: int = 64,
        seed: int = 0,
        batch_size: int = 64,
        hp: HParams | None = None,
        eval_size: int = 256,
    ) -> None:
        cfg = GPTConfig(
            vocab_size=len(tasks.VOCAB),
            block_size=tasks.block_size(task, n_digits),
            n_layer=n_layer,
            n_head=n_head,
            d_model=d_model,
            dropout=(hp or HParams()).dropout,
        )
        super().__init__(cfg, seed, batch_size, hp or HParams())
        self.task, self.n = task, n_digits
        self.eval_x, self.eval_y = tasks.batch(
            task, n_digits, eval_size, torch.Generator().manual_seed(seed + 2)
        )

    def _batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        return tasks.batch(self.task, self.n, self.batch_size, self.data_gen)

    @torch.no_grad()
    def evaluate(self) -> dict[str, float]:
        """Eval-mode loss, per-token and whole-sequence accuracy on the fixed eval batch."""
        self.model.eval()
        logits, _ = self.model(self.eval_x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), self.eval_y.reshape(-1))
        token, seq = accuracy(logits, self.eval_y)
        return {"eval_loss": float(loss.item()), "token_acc": token, "seq_acc": seq}


def build_trainer(cfg: TinyTransformerConfig) -> SeqTrainer:
    """A fresh trainer for the Tiny Transformer page's settings (the bench builds the same)."""
    return SeqTrainer(cfg.task, cfg.n_digits, **cfg.trainer_args())


@dataclasses.dataclass
class SeqPrediction:
    """One decoded example: input tokens, target, greedy output and every attention map."""

    tokens: list[str]  # labels of the model input the attention maps refer to
    target: list[int]
    output: list[int]
    attention: np.ndarray  # (n_layer, n_head, T, T), rows sum to 1


@torch.no_grad()
def greedy_answer(model: TinyGPT, task: str, digits: list[int]) -> SeqPrediction:
    """Greedy-decode the answer for `digits`; attention is from the final full-length pass."""
    model.eval()
    n = len(digits)
    d = torch.tensor([digits], dtype=torch.long)  # (1, n)
    seq = tasks.sequences(task, d)[:, : tasks.prompt_len(task, n)]  # (1, prompt)
    for _ in range(n):
        logits, _ = model(seq)
        seq = torch.cat([seq, logits[:, -1].argmax(-1, keepdim=True)], dim=1)
    inp = seq[:, :-1]  # (1, block_size)
    _, atts = model(inp, return_attn=True)
    attention = torch.stack([a[0] for a in atts]).numpy()  # (L, nh, T, T)
    return SeqPrediction(
        tokens=tasks.decode(inp[0]),
        target=tasks.answer(task, d)[0].tolist(),
        output=seq[0, -n:].tolist(),
        attention=attention,
    )
