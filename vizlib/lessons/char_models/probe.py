"""Read a trained model: sample text, next-character probabilities, and a passage's per-character
guesses and hidden-unit activations (Karpathy's "unreasonable effectiveness" view).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from vizlib.lessons.char_models.gates import gate_trace
from vizlib.lessons.char_models.models import GPTLM, RecurrentLM

MAX_TEMP = 2.0
TOP_K = 5


def _probs(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """softmax(logits / T); T = 0 is the limit: all mass on the argmax."""
    if not 0.0 <= temperature <= MAX_TEMP:
        raise ValueError(f"temperature {temperature} not in [0, {MAX_TEMP}]")
    if temperature == 0.0:
        return F.one_hot(logits.argmax(-1), logits.shape[-1]).to(logits.dtype)
    return F.softmax(logits / temperature, dim=-1)


def _last_logits(model: nn.Module, ids: list[int], window: int) -> torch.Tensor:
    """Logits for the character after `ids`: recurrent models read all of it from a zero state,
    the others the last `window` ids (their context in training)."""
    ctx = ids if isinstance(model, RecurrentLM) else ids[-window:]
    return model(torch.tensor([ctx], dtype=torch.long))[0, -1]  # (V,)


@torch.no_grad()
def next_probs(model: nn.Module, ids: list[int], window: int, temperature: float) -> np.ndarray:
    """P(next character | ids) at `temperature`, shape (V,)."""
    model.eval()
    return _probs(_last_logits(model, ids, window).double(), temperature).numpy()


@torch.no_grad()
def sample(
    model: nn.Module,
    ids: list[int],
    n_new: int,
    window: int,
    temperature: float,
    gen: torch.Generator,
) -> list[int]:
    """Continue `ids` (non-empty) by `n_new` characters, each drawn with `gen`.

    A recurrent model carries its state from step to step, which equals re-reading the whole
    history from a zero state (what `next_probs` does) but costs one step per character.
    """
    model.eval()
    out, state = list(ids), None
    recurrent = isinstance(model, RecurrentLM)
    x = torch.tensor([ids], dtype=torch.long)
    for _ in range(n_new):
        if recurrent:
            h, state = model.rnn(model.emb(x), state)  # (1, T, H), state carried on
            logits = model.out(h[0, -1])
        else:
            logits = _last_logits(model, out, window)
        p = _probs(logits.double(), temperature)
        out.append(int(torch.multinomial(p, 1, generator=gen).item()))
        x = torch.tensor([[out[-1]]], dtype=torch.long)
    return out[len(ids) :]


@dataclasses.dataclass
class PassageTrace:
    """One passage read by the model: per character, its hidden units and next-char guesses."""

    ids: list[int]
    hidden: np.ndarray  # (T, H)
    probs: np.ndarray  # (T, V): P(character t+1 | characters up to t)
    bounded: bool  # whether units live in [-1, 1] (tanh), so colours use a fixed scale


@torch.no_grad()
def _gpt_pass(model: GPTLM, x: torch.Tensor, window: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Logits and hidden units at every position, each seeing at most the last `window` ids."""
    hid = [model.hidden(x[:, :window])[0]]  # (<=window, H): causal, so position t sees 0..t
    if x.shape[1] > window:
        rest = x[0].unfold(0, window, 1)[1:]  # (T-window, window): one window per later position
        hid.append(model.hidden(rest)[:, -1])
    hid = torch.cat(hid)  # (T, H)
    return model.gpt.lm_head(hid), hid  # (T, V): the tied head, as in TinyGPT.forward


@torch.no_grad()
def passage_trace(model: nn.Module, ids: list[int], window: int) -> PassageTrace:
    """Read `ids` once: the recurrent models from a zero state, the others window by window."""
    model.eval()
    x = torch.tensor([ids], dtype=torch.long)  # (1, T)
    if isinstance(model, GPTLM):
        logits, hid = _gpt_pass(model, x, window)
    else:
        logits, hid = model(x)[0], model.hidden(x)[0]  # (T, V), (T, H)
    bounded = not isinstance(model, GPTLM)  # tanh units (MLP, RNN) and LSTM/GRU h_t are in [-1, 1]
    return PassageTrace(list(ids), hid.numpy(), F.softmax(logits, -1).numpy(), bounded)


def unit_ranking(hidden: np.ndarray) -> np.ndarray:
    """Units ordered by the variance of their activation over the passage, largest first."""
    return np.argsort(-hidden.var(axis=0), kind="stable")


def top_guesses(probs: np.ndarray, k: int = TOP_K) -> tuple[np.ndarray, np.ndarray]:
    """The k most likely next ids at each position and their probabilities, each (T, k)."""
    order = np.argsort(-probs, axis=1, kind="stable")[:, :k]
    return order, np.take_along_axis(probs, order, axis=1)


@torch.no_grad()
def keep_gates(model: RecurrentLM, ids: list[int]) -> np.ndarray:
    """The top layer's forget (LSTM) or update (GRU) gate over `ids`, shape (T, H)."""
    x = model.emb(torch.tensor(ids, dtype=torch.long))  # (T, E)
    return gate_trace(model.rnn, x).keep[-1].numpy()


def passage_ids(val: torch.Tensor, index: int, length: int, newline: int | None) -> list[int]:
    """Passage `index` (0-99) of the validation text: `length` ids, from a line start if any."""
    stride = max(1, (len(val) - length) // 100)
    start = min(index * stride, max(0, len(val) - length))
    if newline is not None:  # start on a line break so the first line is read from its start
        hits = (val[start:] == newline).nonzero()
        if len(hits) and start + int(hits[0]) + length <= len(val):
            start += int(hits[0])
    return val[start : start + length].tolist()
