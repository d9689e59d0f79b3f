"""Scaled dot-product self-attention in numpy (float64), stage by stage, checked against torch.

Single head as an `AttentionTrace`, multi-head with concatenation and output projection,
sinusoidal positional encoding, and the with/without-PE permuted-sentence comparison.
"""

from __future__ import annotations

import dataclasses

import numpy as np

PE_BASE = 10000.0


@dataclasses.dataclass(frozen=True)
class AttentionTrace:
    """Every stage of softmax(QKᵀ / (√d_k·τ) + mask) · V."""

    q: np.ndarray  # (T, d_k)
    k: np.ndarray  # (S, d_k)
    v: np.ndarray  # (S, d_v)
    scores: np.ndarray  # QKᵀ (T, S)
    scaled: np.ndarray  # QKᵀ / √d_k
    tempered: np.ndarray  # QKᵀ / (√d_k·τ)
    allowed: np.ndarray  # bool (T, S); False where the causal mask hides a key
    masked: np.ndarray  # tempered with -inf where not allowed
    weights: np.ndarray  # softmax over each row (T, S)
    row_sums: np.ndarray  # (T,) each 1
    output: np.ndarray  # weights · V (T, d_v)
    temperature: float
    causal: bool

    @property
    def d_k(self) -> int:
        """Key/query width."""
        return int(self.q.shape[1])


def causal_mask(t: int, s: int) -> np.ndarray:
    """Bool (t, s): query i may see key j when j <= i (torch's top-left-aligned tril)."""
    return np.tril(np.ones((t, s), dtype=bool))


def softmax_rows(x: np.ndarray) -> np.ndarray:
    """Row-wise softmax; -inf entries get exactly 0."""
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def attention_trace(
    q: np.ndarray,
    k: np.ndarray,
    v: np.ndarray,
    *,
    temperature: float = 1.0,
    causal: bool = False,
) -> AttentionTrace:
    """Run attention on given Q (T, d_k), K (S, d_k), V (S, d_v) and keep every stage."""
    q, k, v = (np.atleast_2d(np.asarray(a, dtype=np.float64)) for a in (q, k, v))
    if q.shape[1] != k.shape[1] or k.shape[0] != v.shape[0]:
        raise ValueError(f"shape mismatch: Q{q.shape} K{k.shape} V{v.shape}")
    if not temperature > 0:
        raise ValueError("temperature must be > 0")
    scores = q @ k.T
    scaled = scores / np.sqrt(q.shape[1])
    tempered = scaled / temperature
    allowed = causal_mask(*scores.shape) if causal else np.ones(scores.shape, dtype=bool)
    masked = np.where(allowed, tempered, -np.inf)
    weights = softmax_rows(masked)
    return AttentionTrace(
        q=q, k=k, v=v, scores=scores, scaled=scaled, tempered=tempered, allowed=allowed,
        masked=masked, weights=weights, row_sums=weights.sum(axis=1), output=weights @ v,
        temperature=float(temperature), causal=bool(causal),
    )  # fmt: skip


def projection_weights(
    d_model: int, d_k: int, seed: int, identity: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """W_q, W_k, W_v of shape (d_model, d_k): identity (d_k = d_model) or seeded N(0, 1/d_model)."""
    if identity:
        eye = np.eye(d_model)
        return eye, eye.copy(), eye.copy()
    rng = np.random.default_rng([seed, 1])
    w = np.round(rng.normal(scale=1.0 / np.sqrt(d_model), size=(3, d_model, d_k)), 2)
    return w[0], w[1], w[2]


def self_attention(
    x: np.ndarray, wq: np.ndarray, wk: np.ndarray, wv: np.ndarray,
    *, temperature: float = 1.0, causal: bool = False,
) -> AttentionTrace:  # fmt: skip
    """Project embeddings x (T, d_model) to Q, K, V and attend."""
    return attention_trace(x @ wq, x @ wk, x @ wv, temperature=temperature, causal=causal)


@dataclasses.dataclass(frozen=True)
class MultiHeadWeights:
    """Per-head projections (h, d_model, d_head) and the output projection (h·d_head, d_model)."""

    wq: np.ndarray
    wk: np.ndarray
    wv: np.ndarray
    wo: np.ndarray


@dataclasses.dataclass(frozen=True)
class MultiHeadTrace:
    """Each head's trace, their concatenation (T, h·d_head) and the projection (T, d_model)."""

    heads: list[AttentionTrace]
    concat: np.ndarray
    output: np.ndarray


def multihead_weights(d_model: int, heads: int, d_head: int, seed: int) -> MultiHeadWeights:
    """Seeded weights, N(0, 1/fan_in), rounded to 0.01 so they read well."""
    rng = np.random.default_rng([seed, 2])
    w = rng.normal(scale=1.0 / np.sqrt(d_model), size=(3, heads, d_model, d_head))
    wo = rng.normal(scale=1.0 / np.sqrt(heads * d_head), size=(heads * d_head, d_model))
    w, wo = np.round(w, 2), np.round(wo, 2)
    return MultiHeadWeights(wq=w[0], wk=w[1], wv=w[2], wo=wo)


def multihead_attention(
    x: np.ndarray,
    w: MultiHeadWeights,
    *,
    temperature: float = 1.0,
    causal: bool = False,
) -> MultiHeadTrace:
    """Every head attends on its own projections; concat(heads) · W_o."""
    traces = [
        self_attention(x, w.wq[h], w.wk[h], w.wv[h], temperature=temperature, causal=causal)
        for h in range(w.wq.shape[0])
    ]
    concat = np.concatenate([head.output for head in traces], axis=1)
    return MultiHeadTrace(heads=traces, concat=concat, output=concat @ w.wo)


def sinusoidal_pe(n_pos: int, d: int) -> np.ndarray:
    """PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)); shape (n_pos, d)."""
    pos = np.arange(n_pos, dtype=np.float64)[:, None]
    inv_freq = PE_BASE ** (-np.arange(0, d, 2, dtype=np.float64) / d)  # (ceil(d/2),)
    angles = pos * inv_freq[None, :]
    pe = np.empty((n_pos, d), dtype=np.float64)
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles[:, : d // 2])
    return pe


def position_similarity(pe: np.ndarray) -> np.ndarray:
    """Cosine similarity between every pair of position vectors (n_pos, n_pos)."""
    norms = np.linalg.norm(pe, axis=1, keepdims=True)
    unit = pe / np.where(norms == 0, 1.0, norms)
    return unit @ unit.T


def permutation(n: int, kind: str, seed: int) -> np.ndarray:
    """'reverse', or a seeded 'shuffle' that moves at least one token when n > 1."""
    if kind == "reverse":
        return np.arange(n)[::-1].copy()
    if kind != "shuffle":
        raise ValueError(f"unknown permutation {kind!r}")
    perm = np.random.default_rng([seed, 3]).permutation(n)
    if n > 1 and np.array_equal(perm, np.arange(n)):
        perm = np.roll(perm, 1)
    return perm


@dataclasses.dataclass(frozen=True)
class PermutationComparison:
    """Outputs for a sentence and its permutation, the latter re-ordered to line up by token."""

    perm: np.ndarray  # permuted sentence position p holds original token perm[p]
    original: np.ndarray  # (T, d_v)
    permuted_aligned: np.ndarray  # (T, d_v); row i = output of original token i in the permuted run
    diff: np.ndarray  # (T,) max |difference| per token
    use_pe: bool


def permutation_comparison(
    x: np.ndarray, perm: np.ndarray, wq: np.ndarray, wk: np.ndarray, wv: np.ndarray,
    *, use_pe: bool,
) -> PermutationComparison:  # fmt: skip
    """Attend over x and over x[perm] (no mask), with or without sinusoidal PE added."""
    t, d = x.shape
    pe = sinusoidal_pe(t, d) if use_pe else np.zeros_like(x)
    out_a = self_attention(x + pe, wq, wk, wv).output
    out_b = self_attention(x[perm] + pe, wq, wk, wv).output
    aligned = np.empty_like(out_b)
    aligned[perm] = out_b
    diff = np.max(np.abs(aligned - out_a), axis=1)
    return PermutationComparison(
        perm=perm, original=out_a, permuted_aligned=aligned, diff=diff, use_pe=use_pe
    )
