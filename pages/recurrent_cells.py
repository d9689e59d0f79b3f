"""Lesson: recurrent cells (RNN, LSTM, GRU) step by step, and gradients through time."""

from vizlib.lessons.recurrent_cells.tour import TOUR
from vizlib.lessons.recurrent_cells.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
