"""Typed input for the self-attention lesson: sentence -> tokens, text -> matrix, seeded embeddings.

Every failure raises `InputError` with a message `key` and its `detail`, so a page can say
what went wrong in the user's language.
"""

from __future__ import annotations

import dataclasses
import math
import re
import zlib

import numpy as np

from vizlib.core.errors import InputError
from vizlib.core.parsing import join_matrix, split_cells, split_rows
from vizlib.lessons.self_attention.attention import projection_weights
from vizlib.lessons.self_attention.config import MAX_COLS, MAX_ROWS, SelfAttentionConfig

MAX_TOKENS = 10
MAX_CHARS = 200
MAX_ABS = 1000.0
PUNCT = ".,!?;:，。！？；：、"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_TOKEN_RE = re.compile(
    rf"[{_CJK}]|(?:(?![{_CJK}])[^\W_])+(?:['’-](?:(?![{_CJK}])[^\W_])+)*|[{PUNCT}]"
)


def _is_allowed(ch: str) -> bool:
    return ch.isalnum() or ch.isspace() or ch in PUNCT or ch in "'’-"


def tokenize(text: str, max_tokens: int = MAX_TOKENS) -> list[str]:
    """Split a short sentence into word, CJK-character and punctuation tokens."""
    if len(text) > MAX_CHARS:
        raise InputError("too_long", n=len(text), max=MAX_CHARS)
    odd = sorted({ch for ch in text if not _is_allowed(ch)})
    if odd:
        shown = " ".join(repr(c)[1:-1] if not c.isprintable() else c for c in odd[:6])
        raise InputError("odd_chars", chars=shown)
    tokens = _TOKEN_RE.findall(text)
    if not tokens:
        raise InputError("empty")
    if len(tokens) > max_tokens:
        raise InputError("too_many", n=len(tokens), max=max_tokens)
    return tokens


def _cell(raw: str, row: int) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise InputError("bad_cell", cell=raw[:20], row=row) from None
    if not math.isfinite(value) or abs(value) > MAX_ABS:
        raise InputError("cell_range", cell=raw[:20], row=row, max=int(MAX_ABS))
    return value


def parse_matrix(text: str, max_rows: int = MAX_ROWS, max_cols: int = MAX_COLS) -> np.ndarray:
    """Parse "1,2,3" / "1;2;3" / "[[1,2],[3,4]]" (rows by ; or newline) into a float matrix."""
    if len(text) > 20 * max_rows * max_cols:
        raise InputError("too_long", n=len(text), max=20 * max_rows * max_cols)
    lines = split_rows(text)
    if not lines:
        raise InputError("empty_matrix")
    if len(lines) > max_rows:
        raise InputError("too_many_rows", n=len(lines), max=max_rows)
    rows = []
    for i, line in enumerate(lines, start=1):
        cells = split_cells(line)
        if len(cells) > max_cols:
            raise InputError("too_many_cols", n=len(cells), max=max_cols, row=i)
        rows.append([_cell(c, i) for c in cells])
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        raise InputError("ragged", first=len(rows[0]), other=min(widths ^ {len(rows[0])}))
    return np.array(rows, dtype=np.float64)


def format_matrix(m: np.ndarray, decimals: int = 2) -> str:
    """The inverse of `parse_matrix`: rows joined by "; ", cells by ", "."""
    return join_matrix(np.round(m, decimals) + 0.0)  # + 0.0 turns -0.0 into 0.0


def embed_tokens(tokens: list[str], d_model: int, seed: int) -> np.ndarray:
    """Seeded embeddings (T, d_model), ~N(0, 1) rounded to 0.1; equal tokens get equal rows."""
    rows = []
    for tok in tokens:
        rng = np.random.default_rng([seed, zlib.crc32(tok.lower().encode("utf-8"))])
        rows.append(np.round(rng.normal(size=d_model), 1))
    return np.array(rows, dtype=np.float64).reshape(len(tokens), d_model)


@dataclasses.dataclass(frozen=True)
class AttentionInputs:
    """What attention runs on: row labels, and Q, K, V (from embeddings x·W, or typed directly)."""

    labels: list[str]
    q: np.ndarray
    k: np.ndarray
    v: np.ndarray
    x: np.ndarray | None = None  # (T, d_model) embeddings, sentence mode only
    w: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # W_q, W_k, W_v


def _field(name: str, text: str) -> np.ndarray:
    """parse_matrix, tagging an error with the field it came from."""
    try:
        return parse_matrix(text)
    except InputError as err:
        err.detail["field"] = name
        raise


def sentence_embeddings(cfg: SelfAttentionConfig) -> tuple[list[str], np.ndarray]:
    """Tokens of the sentence and their embeddings (seeded, or the typed matrix)."""
    try:
        tokens = tokenize(cfg.sentence)
    except InputError as err:
        err.detail["field"] = "sentence"
        raise
    if cfg.emb == "random":
        return tokens, embed_tokens(tokens, cfg.d_model, cfg.seed)
    x = _field("emb", cfg.emb_text)
    if x.shape[0] != len(tokens):
        raise InputError("emb_rows", rows=x.shape[0], tokens=len(tokens), field="emb")
    return tokens, x


def attention_inputs(cfg: SelfAttentionConfig) -> AttentionInputs:
    """Turn the config into Q, K, V; raise InputError on bad typed input."""
    if cfg.source == "matrices":
        q, k, v = (
            _field(n, s) for n, s in (("q", cfg.q_text), ("k", cfg.k_text), ("v", cfg.v_text))
        )
        if q.shape[1] != k.shape[1]:
            raise InputError("qk_cols", q=q.shape[1], k=k.shape[1])
        if k.shape[0] != v.shape[0]:
            raise InputError("kv_rows", k=k.shape[0], v=v.shape[0])
        return AttentionInputs(labels=[f"#{i + 1}" for i in range(q.shape[0])], q=q, k=k, v=v)
    tokens, x = sentence_embeddings(cfg)
    w = projection_weights(x.shape[1], cfg.d_k, cfg.seed, identity=cfg.weights == "identity")
    return AttentionInputs(labels=tokens, q=x @ w[0], k=x @ w[1], v=x @ w[2], x=x, w=w)
