"""A fresh character-level trainer for the lesson's settings (the model is core's CharTrainer)."""

from __future__ import annotations

from vizlib.core.char_lm import CharTrainer
from vizlib.lessons.char_gpt.config import CharGPTConfig


def build_trainer(cfg: CharGPTConfig, text: str) -> CharTrainer:
    """A fresh trainer on `text` for the character-level GPT page's settings."""
    return CharTrainer(text, block_size=cfg.block_size, **cfg.trainer_args())
