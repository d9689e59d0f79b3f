"""Lesson: recurrent cells (RNN, LSTM, GRU) step by step, and gradients through time."""

from vizlib.lessons.recurrent_cells.view import show

show()
