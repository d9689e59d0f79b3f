"""Text for the character models: validate pasted text, build the vocabulary, split 90/10.

Names are one item per line, so their split shuffles the lines (seeded) before cutting; running
text (a play, pasted prose) is cut in one place so the held-out part is continuous text.
"""

from __future__ import annotations

import dataclasses
import unicodedata

import torch

from vizlib.core.char_lm import CharVocab
from vizlib.core.errors import InputError

MAX_PASTE = 300_000  # characters of pasted text (the bundled Macbeth is ~95,000)
MIN_CHARS = 200  # below this the 10% held out is too small to mean anything
MAX_VOCAB = 200  # distinct characters
BAD_FRACTION = 0.01  # more control/unassigned characters than this reads as binary
TRAIN_FRACTION = 0.9
_OK_CONTROLS = "\n\t"


@dataclasses.dataclass(frozen=True)
class CorpusData:
    """A vocabulary and the encoded train and validation streams (read-only, shareable)."""

    vocab: CharVocab
    train: torch.Tensor  # (N_train,) long
    val: torch.Tensor  # (N_val,) long


def _looks_binary(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return ch == "\ufffd" or (cat in ("Cc", "Cs", "Co", "Cn") and ch not in _OK_CONTROLS)


def validate_text(text: str) -> str:
    """The pasted text with CRLF normalised, or InputError naming what is wrong with it."""
    if len(text) > MAX_PASTE:
        raise InputError("too_long", n=f"{MAX_PASTE:,}", got=f"{len(text):,}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty")
    bad = sum(_looks_binary(c) for c in text)
    if bad > BAD_FRACTION * len(text):
        raise InputError("binary", pct=f"{100 * bad / len(text):.0f}")
    distinct = set(text)
    if len(distinct) < 2:
        raise InputError("one_char", ch=repr(text[0]))
    if len(distinct) > MAX_VOCAB:
        raise InputError("vocab", n=MAX_VOCAB, got=len(distinct))
    if len(text) < MIN_CHARS:
        raise InputError("too_short", n=MIN_CHARS, got=len(text))
    return text


def split_text(text: str, lines: bool, gen: torch.Generator) -> tuple[str, str]:
    """90/10 split: shuffled whole lines when `lines`, else one cut of the running text."""
    if lines:
        items = [s for s in text.split("\n") if s]
        order = torch.randperm(len(items), generator=gen).tolist()
        items = [items[i] for i in order]
        n = max(1, min(len(items) - 1, round(TRAIN_FRACTION * len(items))))
        # each name starts after a line break, so "\n" is also the start-of-name token
        return "\n" + "\n".join(items[:n]) + "\n", "\n" + "\n".join(items[n:]) + "\n"
    cut = int(TRAIN_FRACTION * len(text))
    return text[:cut], text[cut:]


def encode_corpus(text: str, lines: bool, split_seed: int = 0) -> CorpusData:
    """Vocabulary of the whole text, and its train/validation streams as id tensors."""
    vocab = CharVocab.from_text(text)
    train, val = split_text(text, lines, torch.Generator().manual_seed(split_seed))
    enc = {c: i for i, c in enumerate(vocab.chars)}
    as_ids = lambda s: torch.tensor([enc[c] for c in s], dtype=torch.long)  # noqa: E731
    return CorpusData(vocab, as_ids(train), as_ids(val))


def validate_prefix(text: str, vocab: CharVocab, max_len: int) -> list[int]:
    """Ids of a typed prefix ("\\n" typed means a line break), or InputError."""
    text = text.replace("\\n", "\n")
    if len(text) > max_len:
        raise InputError("prefix_long", n=max_len, got=len(text))
    unknown = sorted({c for c in text if c not in vocab.chars})
    if unknown:
        shown = " ".join(repr(c)[1:-1] for c in unknown[:10])
        raise InputError("prefix_unknown", chars=shown)
    return vocab.encode(text)
