"""Lesson: character-level language models, from bigram counts to an LSTM, trained live."""

from vizlib.lessons.char_models.tour import TOUR
from vizlib.lessons.char_models.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
