"""Lesson: character-level language models, from bigram counts to an LSTM, trained live."""

from vizlib.lessons.char_models.view import show

show()
