"""Toy sequence tasks for the tiny Transformer: reverse, sort digits, copy, repeated sequence.

A task example is one token sequence, prompt then answer; the model learns the answer part by
next-token prediction (prompt positions are ignored by the loss). Batches come from an explicit
`torch.Generator`.
"""

from __future__ import annotations

import torch

from vizlib.core.errors import InputError
from vizlib.lessons.tiny_transformer.config import TASKS

DIGITS = "0123456789"
SEP = "|"
VOCAB = DIGITS + SEP  # token id = index in this string
SEP_ID = VOCAB.index(SEP)
IGNORE = -100  # F.cross_entropy's default ignore_index
MIN_DIGITS, MAX_DIGITS = 2, 12


def _check_task(task: str, n: int) -> None:
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; expected one of {TASKS}")
    if not MIN_DIGITS <= n <= MAX_DIGITS:
        raise ValueError(f"n_digits {n} not in [{MIN_DIGITS}, {MAX_DIGITS}]")


def prompt_len(task: str, n: int) -> int:
    """Length of the prompt part: the digits, plus the separator except for `repeat`."""
    _check_task(task, n)
    return n if task == "repeat" else n + 1


def block_size(task: str, n: int) -> int:
    """Model context needed: the full sequence minus its last token."""
    return prompt_len(task, n) + n - 1


def answer(task: str, digits: torch.Tensor) -> torch.Tensor:
    """The target digits for each row of `digits` (B, n) -> (B, n)."""
    if task in ("copy", "repeat"):
        return digits.clone()
    if task == "reverse":
        return digits.flip(-1)
    if task == "sort":
        return digits.sort(dim=-1).values
    raise ValueError(f"unknown task {task!r}")


def sequences(task: str, digits: torch.Tensor) -> torch.Tensor:
    """Full token sequences (B, prompt + n): digits, separator (not for repeat), answer."""
    parts = [digits]
    if task != "repeat":
        parts.append(torch.full((digits.shape[0], 1), SEP_ID, dtype=torch.long))
    parts.append(answer(task, digits))
    return torch.cat(parts, dim=1)


def to_xy(task: str, seqs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs seq[:, :-1] and next-token targets seq[:, 1:], prompt targets set to IGNORE."""
    n = (seqs.shape[1] - (0 if task == "repeat" else 1)) // 2
    x, y = seqs[:, :-1], seqs[:, 1:].clone()  # (B, T) each
    y[:, : prompt_len(task, n) - 1] = IGNORE  # only answer tokens are scored
    return x, y


def batch(
    task: str, n: int, batch_size: int, gen: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """A random batch (x, y) of shape (B, block_size) each, drawn from `gen`."""
    _check_task(task, n)
    digits = torch.randint(0, 10, (batch_size, n), generator=gen)  # (B, n)
    return to_xy(task, sequences(task, digits))


def parse_digits(text: str, n: int) -> list[int]:
    """Validate a typed input: exactly `n` digits (spaces and commas ignored)."""
    cleaned = "".join(ch for ch in text if ch not in " ,\t")
    if not cleaned:
        raise InputError("empty")
    unknown = sorted({ch for ch in cleaned if ch not in DIGITS})
    if unknown:
        raise InputError("unknown_chars", chars=" ".join(unknown[:10]))
    if len(cleaned) > n:
        raise InputError("too_long", n=n, got=len(cleaned))
    if len(cleaned) < n:
        raise InputError("too_short", n=n, got=len(cleaned))
    return [int(ch) for ch in cleaned]


def decode(ids: list[int] | torch.Tensor) -> list[str]:
    """Token ids -> their one-character labels."""
    return [VOCAB[int(i)] for i in ids]


def example_tokens(task: str, digits: list[int]) -> list[str]:
    """The full example sequence (prompt and answer) as one-character labels."""
    return decode(sequences(task, torch.tensor([digits], dtype=torch.long))[0])
