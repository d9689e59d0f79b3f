"""A tiny nanoGPT-style decoder-only Transformer that can hand back its attention weights.

`GPTConfig` flows into every module. Seeded only through explicit `torch.Generator`s (init and
dropout), so two models built with the same seed behave identically.
"""

from __future__ import annotations

import dataclasses
import math

import torch
from torch import nn
from torch.nn import functional as F

MAX_LAYERS, MAX_HEADS, MIN_D, MAX_D, MAX_BLOCK, MAX_VOCAB = 4, 4, 16, 128, 256, 512


@dataclasses.dataclass(frozen=True)
class GPTConfig:
    """Architecture of the tiny GPT (d_model must be a multiple of n_head)."""

    vocab_size: int
    block_size: int
    n_layer: int = 2
    n_head: int = 2
    d_model: int = 64
    dropout: float = 0.0

    def __post_init__(self) -> None:
        checks = {
            "vocab_size": 1 <= self.vocab_size <= MAX_VOCAB,
            "block_size": 1 <= self.block_size <= MAX_BLOCK,
            "n_layer": 1 <= self.n_layer <= MAX_LAYERS,
            "n_head": 1 <= self.n_head <= MAX_HEADS,
            "d_model": MIN_D <= self.d_model <= MAX_D and self.d_model % self.n_head == 0,
            "dropout": 0.0 <= self.dropout < 1.0,
        }
        bad = [k for k, ok in checks.items() if not ok]
        if bad:
            raise ValueError(f"invalid GPTConfig fields: {bad}")


def dropout(x: torch.Tensor, p: float, training: bool, gen: torch.Generator | None) -> torch.Tensor:
    """Inverted dropout drawing its mask from `gen` (F.dropout would use the global RNG)."""
    if not training or p <= 0.0:
        return x
    keep = torch.rand(x.shape, generator=gen, device=x.device) >= p
    return x * keep / (1.0 - p)


class _Drop(nn.Module):
    """Dropout whose rate can be changed live and whose mask comes from a shared generator."""

    def __init__(self, p: float, gen: torch.Generator) -> None:
        super().__init__()
        self.p, self.gen = p, gen

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return dropout(x, self.p, self.training, self.gen)


class CausalSelfAttention(nn.Module):
    """Multi-head masked self-attention, written out so the weights can be returned."""

    def __init__(self, cfg: GPTConfig, gen: torch.Generator) -> None:
        super().__init__()
        self.n_head, self.d_model = cfg.n_head, cfg.d_model
        self.c_attn = nn.Linear(cfg.d_model, 3 * cfg.d_model)
        self.c_proj = nn.Linear(cfg.d_model, cfg.d_model)
        self.attn_drop, self.resid_drop = (
            _Drop(cfg.dropout, gen),
            _Drop(cfg.dropout, gen),
        )
        mask = torch.tril(torch.ones(cfg.block_size, cfg.block_size, dtype=torch.bool))
        self.register_buffer("mask", mask.view(1, 1, cfg.block_size, cfg.block_size))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        B, T, C = x.shape  # (B, T, C)
        hs = C // self.n_head
        q, k, v = self.c_attn(x).split(self.d_model, dim=2)  # each (B, T, C)
        q = q.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        v = v.view(B, T, self.n_head, hs).transpose(1, 2)  # (B, nh, T, hs)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hs)  # (B, nh, T, T)
        att = att.masked_fill(~self.mask[:, :, :T, :T], float("-inf"))
        att = F.softmax(att, dim=-1)  # rows sum to 1; future positions get exactly 0
        y = self.attn_drop(att) @ v  # (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # (B, T, C): heads side by side
        return self.resid_drop(self.c_proj(y)), att


class MLP(nn.Module):
    """Position-wise feed-forward sublayer, 4x wide, GELU."""

    def __init__(self, cfg: GPTConfig, gen: torch.Generator) -> None:
        super().__init__()
        self.c_fc = nn.Linear(cfg.d_model, 4 * cfg.d_model)
        self.c_proj = nn.Linear(4 * cfg.d_model, cfg.d_model)
        self.drop = _Drop(cfg.dropout, gen)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.drop(self.c_proj(F.gelu(self.c_fc(x))))  # (B, T, C)


class Block(nn.Module):
    """Pre-norm residual block: x + attn(ln(x)), then x + mlp(ln(x))."""

    def __init__(self, cfg: GPTConfig, gen: torch.Generator) -> None:
        super().__init__()
        self.ln_1, self.ln_2 = nn.LayerNorm(cfg.d_model), nn.LayerNorm(cfg.d_model)
        self.attn = CausalSelfAttention(cfg, gen)
        self.mlp = MLP(cfg, gen)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        a, att = self.attn(self.ln_1(x))
        x = x + a
        return x + self.mlp(self.ln_2(x)), att


class TinyGPT(nn.Module):
    """Token + learned position embeddings, `n_layer` blocks, final LayerNorm, tied LM head."""

    def __init__(self, cfg: GPTConfig, seed: int = 0) -> None:
        super().__init__()
        self.cfg = cfg
        self.gen = torch.Generator().manual_seed(seed)  # init now, dropout masks later
        with torch.random.fork_rng(devices=[]):  # nn.Linear's own init must not touch global RNG
            self._build(cfg)
        self._init_weights(cfg)

    def _build(self, cfg: GPTConfig) -> None:
        self.wte = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.wpe = nn.Embedding(cfg.block_size, cfg.d_model)
        self.drop = _Drop(cfg.dropout, self.gen)
        self.blocks = nn.ModuleList(Block(cfg, self.gen) for _ in range(cfg.n_layer))
        self.ln_f = nn.LayerNorm(cfg.d_model)
        self.lm_head = nn.Linear(cfg.d_model, cfg.vocab_size, bias=False)
        self.lm_head.weight = self.wte.weight  # weight tying, as in GPT-2

    def _init_weights(self, cfg: GPTConfig) -> None:
        """GPT-2 init from the model's own generator (residual projections scaled down)."""
        for name, p in self.named_parameters():
            if p.dim() < 2:  # LayerNorm gains start at 1, every bias at 0
                nn.init.ones_(p) if name.endswith("weight") else nn.init.zeros_(p)
                continue
            std = 0.02 / math.sqrt(2 * cfg.n_layer) if name.endswith("c_proj.weight") else 0.02
            nn.init.normal_(p, 0.0, std, generator=self.gen)

    def set_dropout(self, p: float) -> None:
        """Change the dropout rate of every dropout site (takes effect on the next step)."""
        if not 0.0 <= p < 1.0:
            raise ValueError(f"dropout {p} not in [0, 1)")
        for m in self.modules():
            if isinstance(m, _Drop):
                m.p = p

    def forward(
        self, idx: torch.Tensor, return_attn: bool = False
    ) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """Logits (B, T, vocab) and, if asked, one (B, nh, T, T) attention tensor per layer."""
        B, T = idx.shape  # (B, T) token ids
        if T > self.cfg.block_size:
            raise ValueError(f"sequence length {T} > block_size {self.cfg.block_size}")
        pos = torch.arange(T, device=idx.device)  # (T,)
        x = self.drop(self.wte(idx) + self.wpe(pos))  # (B, T, C)
        atts = []
        for block in self.blocks:
            x, att = block(x)
            if return_attn:
                atts.append(att.detach())
        return self.lm_head(self.ln_f(x)), atts  # (B, T, vocab)


def num_params(model: nn.Module) -> int:
    """Number of distinct trainable parameters (tied weights counted once)."""
    return sum(p.numel() for p in model.parameters())
