"""The self-attention lesson's settings: input, weights and every view (NS `self_attention`)."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from vizlib.core.config import QueryConfig, param

MAX_ROWS = 10
MAX_COLS = 8


@dataclasses.dataclass(frozen=True)
class SelfAttentionConfig(QueryConfig):
    """Every setting of the self-attention lesson (so all of it is in the URL)."""

    NS: ClassVar[str] = "self_attention"

    source: str = param("sentence", choices=("sentence", "matrices"))
    sentence: str = param("the cat sat on the mat")
    q_text: str = param("1, 2, 3")
    k_text: str = param("4, 5, 6")
    v_text: str = param("7, 8, 9")
    d_model: int = param(4, lo=1, hi=MAX_COLS)
    seed: int = param(0, lo=0, hi=9999)
    emb: str = param("random", choices=("random", "custom"))
    emb_text: str = param("")
    weights: str = param("random", choices=("random", "identity"))
    d_k: int = param(4, lo=1, hi=MAX_COLS)
    temperature: float = param(1.0, lo=0.05, hi=10.0, step=0.05)
    causal: bool = param(False)
    focus: int = param(1, lo=1, hi=MAX_ROWS)  # the query row (1-based) shown in the formula
    heads: int = param(2, lo=1, hi=8)
    d_head: int = param(2, lo=1, hi=MAX_COLS)
    pe_positions: int = param(32, lo=2, hi=128)
    pe_dim: int = param(16, lo=2, hi=64, step=2)
    pe_on: bool = param(True)
    permute: str = param("reverse", choices=("reverse", "shuffle"))
