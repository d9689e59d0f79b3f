"""Lesson: a character-level tiny GPT trained live on bundled text; sample it, see its attention."""

from vizlib.lessons.char_gpt.view import show

show()
