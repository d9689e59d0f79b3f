"""Lesson: a character-level tiny GPT trained live on bundled text."""
