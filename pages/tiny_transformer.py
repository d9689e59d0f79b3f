"""Lesson: a tiny decoder-only Transformer trained live on a toy task; its attention maps learn."""

from vizlib.lessons.tiny_transformer.tour import TOUR
from vizlib.lessons.tiny_transformer.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
