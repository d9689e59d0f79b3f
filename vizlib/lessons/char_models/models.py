"""The character models, one interface: `forward(x) -> logits` and `hidden(x) -> activations`.

x is a (B, T) batch of character ids; logits are (B, T, V) for the character after each one;
hidden is (B, T, H), the units the "inside the network" view colours text by.
"""

from __future__ import annotations

import dataclasses
import math

import torch
from torch import nn
from torch.nn import functional as F

from vizlib.core.transformer import GPTConfig, TinyGPT, dropout
from vizlib.lessons.char_models.config import KINDS

RECURRENT = ("rnn", "gru", "lstm")
GPT_HEADS = 4


@dataclasses.dataclass(frozen=True)
class ModelSpec:
    """What to build: the kind and its sizes (fields a kind does not use are ignored)."""

    kind: str
    vocab_size: int
    seq_len: int = 32  # training window; also the Transformer's context
    context: int = 5  # the MLP's window of previous characters
    emb: int = 32
    hidden: int = 128
    layers: int = 1

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown model kind {self.kind!r}")


class BigramLM(nn.Module):
    """P(next | current) = (count + k) / (row total + k V): counts, no gradient."""

    def __init__(self, vocab_size: int, smoothing: float = 1.0) -> None:
        super().__init__()
        self.register_buffer("counts", torch.zeros(vocab_size, vocab_size, dtype=torch.float64))
        self.smoothing = smoothing

    def log_probs(self) -> torch.Tensor:
        """(V, V) log P(column | row) with add-k smoothing."""
        c = self.counts + self.smoothing
        return (c / c.sum(1, keepdim=True)).log()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.log_probs()[x].float()  # (B, T, V); log-probs are valid logits


class MLPLM(nn.Module):
    """Bengio et al. 2003: embed the previous `context` characters, concatenate, tanh, softmax.

    Positions before the start of a window read a padding id (an extra embedding row).
    """

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__()
        self.k, self.pad = spec.context, spec.vocab_size
        self.p, self.gen = 0.0, torch.Generator()  # live dropout rate; masks from the model's gen
        self.emb = nn.Embedding(spec.vocab_size + 1, spec.emb)
        self.fc = nn.Linear(spec.context * spec.emb, spec.hidden)
        self.out = nn.Linear(spec.hidden, spec.vocab_size)

    def hidden(self, x: torch.Tensor) -> torch.Tensor:
        B, T = x.shape
        padded = F.pad(x, (self.k - 1, 0), value=self.pad)  # (B, T+k-1)
        e = self.emb(padded).unfold(1, self.k, 1)  # (B, T, E, k): window ending at each t
        e = e.transpose(2, 3).reshape(B, T, -1)  # (B, T, k*E), oldest character first
        return torch.tanh(self.fc(e))  # (B, T, H)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(dropout(self.hidden(x), self.p, self.training, self.gen))


class RecurrentLM(nn.Module):
    """Embedding -> nn.RNN / nn.GRU / nn.LSTM (from a zero state) -> linear read-out."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__()
        cell = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}[spec.kind]
        self.kind = spec.kind
        self.p, self.gen = 0.0, torch.Generator()  # live dropout rate; masks from the model's gen
        self.emb = nn.Embedding(spec.vocab_size, spec.emb)
        self.rnn = cell(spec.emb, spec.hidden, num_layers=spec.layers, batch_first=True)
        self.out = nn.Linear(spec.hidden, spec.vocab_size)

    def hidden(self, x: torch.Tensor) -> torch.Tensor:
        e = dropout(self.emb(x), self.p, self.training, self.gen)  # (B, T, E)
        h, _ = self.rnn(e)  # (B, T, H): the top layer's h_t
        return h

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(dropout(self.hidden(x), self.p, self.training, self.gen))


class GPTLM(nn.Module):
    """The shared TinyGPT; its hidden units are the final residual stream after ln_f."""

    def __init__(self, spec: ModelSpec, seed: int) -> None:
        super().__init__()
        d = max(16, min(128, spec.hidden) // GPT_HEADS * GPT_HEADS)
        cfg = GPTConfig(spec.vocab_size, spec.seq_len, spec.layers, GPT_HEADS, d)
        self.gpt = TinyGPT(cfg, seed=seed)

    def hidden(self, x: torch.Tensor) -> torch.Tensor:
        g = self.gpt
        pos = torch.arange(x.shape[1])  # (T,)
        h = g.wte(x) + g.wpe(pos)  # (B, T, C)
        for block in g.blocks:
            h, _ = block(h)
        return g.ln_f(h)  # (B, T, C)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.gpt(x)[0]


def _init(model: nn.Module, gen: torch.Generator) -> None:
    """PyTorch's default init, but drawn from `gen` (never the global RNG)."""
    for name, p in model.named_parameters():
        if name.startswith("emb"):
            nn.init.normal_(p, 0.0, 1.0, generator=gen)
        else:  # nn.Linear / nn.RNN default: U(-1/sqrt(fan), 1/sqrt(fan))
            fan = p.shape[1] if p.dim() == 2 else p.shape[0]
            if name.startswith("rnn"):
                fan = model.rnn.hidden_size
            elif name.startswith("fc") or name.startswith("out"):
                fan = (model.fc if name.startswith("fc") else model.out).in_features
            bound = 1.0 / math.sqrt(fan)
            nn.init.uniform_(p, -bound, bound, generator=gen)


def build_model(spec: ModelSpec, seed: int, smoothing: float = 1.0) -> nn.Module:
    """A fresh model of `spec.kind`, its weights drawn from a generator seeded by `seed`."""
    if spec.kind == "bigram":
        return BigramLM(spec.vocab_size, smoothing)
    if spec.kind == "transformer":
        return GPTLM(spec, seed)
    with torch.random.fork_rng(devices=[]):  # module constructors draw from the global RNG
        model = MLPLM(spec) if spec.kind == "mlp" else RecurrentLM(spec)
    _init(model, torch.Generator().manual_seed(seed))
    model.gen.manual_seed(seed + 7)  # dropout masks: their own stream, so runs repeat
    return model


def set_dropout(model: nn.Module, p: float) -> None:
    """Change the dropout rate live (training only; the bigram has none)."""
    if not 0.0 <= p < 1.0:
        raise ValueError(f"dropout {p} not in [0, 1)")
    if isinstance(model, GPTLM):
        model.gpt.set_dropout(p)
    elif hasattr(model, "p"):
        model.p = p


def has_units(model: nn.Module) -> bool:
    """Whether the model has hidden units to look inside (the bigram has none)."""
    return hasattr(model, "hidden")
