"""Lesson: a tiny decoder-only Transformer trained live on a toy task; its attention maps learn."""

from vizlib.lessons.tiny_transformer.view import show

show()
