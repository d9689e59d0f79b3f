"""Lesson: self-attention, stage by stage, with multi-head attention and positional encoding."""
