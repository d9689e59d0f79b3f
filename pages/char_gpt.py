"""Lesson: a character-level tiny GPT trained live on bundled text; sample it, see its attention."""

from vizlib.lessons.char_gpt.tour import TOUR
from vizlib.lessons.char_gpt.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
