"""The one place that sets how many CPU threads torch uses in the app (no seeding here)."""

from __future__ import annotations

import torch

APP_THREADS = (
    1  # one per session: on the shared 2-core server, 2 threads per op measured ~10x slower
)


def configure_torch(threads: int = APP_THREADS) -> int:
    """Set torch's intra-op thread count (idempotent) and return the count in effect."""
    if threads < 1:
        raise ValueError("threads must be >= 1")
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    return torch.get_num_threads()
