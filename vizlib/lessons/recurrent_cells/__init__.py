"""Lesson: recurrent cells (RNN, LSTM, GRU) step by step, and gradients through time."""
