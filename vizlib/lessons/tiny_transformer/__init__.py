"""Lesson: a tiny decoder-only Transformer trained live on toy digit tasks."""
