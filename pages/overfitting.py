"""Lesson: overfitting and its remedies, on real MNIST digits."""

from vizlib.lessons.overfitting.tour import TOUR
from vizlib.lessons.overfitting.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
