"""The shared trainer base for the TinyGPT lessons: one `train_step()` is one AdamW step.

Subclasses provide the batches and the evaluation; their configs' shared fields and live
hyperparameters are in `vizlib.core.lm_knobs` (no torch, so a walkthrough can import a config).
"""

from __future__ import annotations

import dataclasses
import math

import torch
from torch.nn import functional as F

from vizlib.core.lm_knobs import HParams
from vizlib.core.transformer import GPTConfig, TinyGPT


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
