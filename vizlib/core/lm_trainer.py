"""Session-held trainers for the tiny GPT: one `train_step()` is one AdamW step on a mini-batch.

`SeqTrainer` learns a toy task and tracks per-token and whole-sequence accuracy on a fixed
evaluation batch; `greedy_answer` decodes one example and returns its attention maps.
"""

from __future__ import annotations

import dataclasses
import math
from typing import ClassVar

import numpy as np
import torch
from torch.nn import functional as F

from vizlib.core import seq_tasks as st
from vizlib.core.config import QueryConfig, param
from vizlib.core.transformer import GPTConfig, TinyGPT

D_MODELS = (16, 24, 32, 48, 64, 96, 128)


@dataclasses.dataclass
class TrainHistory:
    """Loss per step and evaluation metrics every `eval_every` steps."""

    loss: list[float] = dataclasses.field(default_factory=list)
    eval_steps: list[int] = dataclasses.field(default_factory=list)
    metrics: dict[str, list[float]] = dataclasses.field(default_factory=dict)

    def record_eval(self, step: int, values: dict[str, float]) -> None:
        """Append one evaluation row."""
        self.eval_steps.append(step)
        for k, v in values.items():
            self.metrics.setdefault(k, []).append(v)


@dataclasses.dataclass(frozen=True)
class HParams:
    """Live hyperparameters: changing them never resets the model."""

    lr: float = 3e-3
    weight_decay: float = 0.0
    dropout: float = 0.0


class TransformerKnobs:
    """What the Transformer page configs share: head-divisible width and live hyperparameters.

    A mixin for config dataclasses with d_model, n_head, lr, weight_decay and dropout fields.
    """

    def width(self) -> int:
        """d_model rounded down to a multiple of n_head, so the heads split it evenly."""
        return self.d_model - self.d_model % self.n_head

    def hparams(self) -> HParams:
        """The live hyperparameters."""
        return HParams(lr=self.lr, weight_decay=self.weight_decay, dropout=self.dropout)


@dataclasses.dataclass(frozen=True)
class TinyTransformerConfig(TransformerKnobs, QueryConfig):
    """Settings of the Tiny Transformer page; `typed` is the user's own input ("" = none)."""

    NS: ClassVar[str] = "tiny_transformer"

    task: str = param("reverse", choices=st.TASKS)
    n_digits: int = param(8, lo=3, hi=10)
    n_layer: int = param(2, lo=1, hi=4)
    n_head: int = param(2, lo=1, hi=4)
    d_model: int = param(64, choices=D_MODELS)
    dropout: float = param(0.0, lo=0.0, hi=0.5, step=0.05)
    lr: float = param(3e-3, lo=1e-5, hi=1.0)
    weight_decay: float = param(0.0, lo=0.0, hi=1.0)
    batch_size: int = param(64, lo=8, hi=256)
    seed: int = param(0, lo=0, hi=99_999)
    example: int = param(0, lo=0, hi=999)
    typed: str = param("")

    def signature(self) -> tuple:
        """Everything that needs a fresh model (not the live hyperparameters)."""
        return (self.task, self.n_digits, self.n_layer, self.n_head, self.width(), self.seed)


def example_digits(cfg: TinyTransformerConfig) -> list[int]:
    """The chosen example: digits drawn from a generator seeded by (seed, example number)."""
    gen = torch.Generator().manual_seed(cfg.seed * 1000 + cfg.example + 7)
    return torch.randint(0, 10, (cfg.n_digits,), generator=gen).tolist()


def accuracy(logits: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """Per-token and whole-sequence accuracy of argmax(logits) on scored (non-IGNORE) targets.

    With teacher forcing, a sequence whose every scored token is right is also exactly what
    greedy decoding produces, so the whole-sequence figure equals greedy exact-match accuracy.
    """
    scored = y != st.IGNORE  # (B, T)
    hit = (logits.argmax(-1) == y) & scored  # (B, T)
    token = hit.sum().item() / max(scored.sum().item(), 1)
    seq = (hit | ~scored).all(dim=1).float().mean().item()
    return float(token), float(seq)


class LMTrainer:
    """Shared loop: AdamW with grad clipping; subclasses provide `_batch()` and `evaluate()`."""

    eval_every = 10

    def __init__(self, cfg: GPTConfig, seed: int, batch_size: int, hp: HParams) -> None:
        self.model = TinyGPT(cfg, seed=seed)
        self.data_gen = torch.Generator().manual_seed(seed + 1)
        self.batch_size = batch_size
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=hp.lr, betas=(0.9, 0.98))
        self.hp = hp
        self.set_hparams(hp)
        self.step = 0
        self.history = TrainHistory()

    def set_hparams(self, hp: HParams) -> None:
        """Apply live learning rate, weight decay and dropout for the following steps."""
        self.hp = hp
        for group in self.opt.param_groups:
            group["lr"], group["weight_decay"] = hp.lr, hp.weight_decay
        self.model.set_dropout(hp.dropout)

    def _batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        raise NotImplementedError

    def evaluate(self) -> dict[str, float]:
        """Metrics on held-out data (subclasses)."""
        raise NotImplementedError

    def train_step(self) -> float:
        """One optimisation step on a fresh mini-batch; returns the training loss (may be nan)."""
        self.model.train()
        x, y = self._batch()
        logits, _ = self.model(x)  # (B, T, V)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        value = float(loss.item())
        if not math.isfinite(value):
            return value  # do not poison the weights; the live panel pauses on nan/inf
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        self.opt.step()
        self.step += 1
        self.history.loss.append(value)
        if self.step == 1 or self.step % self.eval_every == 0:
            self.history.record_eval(self.step, self.evaluate())
        return value


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
            vocab_size=len(st.VOCAB),
            block_size=st.block_size(task, n_digits),
            n_layer=n_layer,
            n_head=n_head,
            d_model=d_model,
            dropout=(hp or HParams()).dropout,
        )
        super().__init__(cfg, seed, batch_size, hp or HParams())
        self.task, self.n = task, n_digits
        self.eval_x, self.eval_y = st.batch(
            task, n_digits, eval_size, torch.Generator().manual_seed(seed + 2)
        )

    def _batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        return st.batch(self.task, self.n, self.batch_size, self.data_gen)

    @torch.no_grad()
    def evaluate(self) -> dict[str, float]:
        """Eval-mode loss, per-token and whole-sequence accuracy on the fixed eval batch."""
        self.model.eval()
        logits, _ = self.model(self.eval_x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), self.eval_y.reshape(-1))
        token, seq = accuracy(logits, self.eval_y)
        return {"eval_loss": float(loss.item()), "token_acc": token, "seq_acc": seq}


def trainer_for(cfg: TinyTransformerConfig) -> SeqTrainer:
    """A fresh trainer for the Tiny Transformer page's settings (the bench builds the same)."""
    return SeqTrainer(
        cfg.task,
        cfg.n_digits,
        n_layer=cfg.n_layer,
        n_head=cfg.n_head,
        d_model=cfg.width(),
        seed=cfg.seed,
        batch_size=cfg.batch_size,
        hp=cfg.hparams(),
    )


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
    seq = st.sequences(task, d)[:, : st.prompt_len(task, n)]  # (1, prompt)
    for _ in range(n):
        logits, _ = model(seq)
        seq = torch.cat([seq, logits[:, -1].argmax(-1, keepdim=True)], dim=1)
    inp = seq[:, :-1]  # (1, block_size)
    _, atts = model(inp, return_attn=True)
    attention = torch.stack([a[0] for a in atts]).numpy()  # (L, nh, T, T)
    return SeqPrediction(
        tokens=st.decode(inp[0]),
        target=st.answer(task, d)[0].tolist(),
        output=seq[0, -n:].tolist(),
        attention=attention,
    )
