"""Lesson: loss functions (MSE, binary and categorical cross-entropy) and their gradients."""

from vizlib.lessons.losses.tour import TOUR
from vizlib.lessons.losses.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
