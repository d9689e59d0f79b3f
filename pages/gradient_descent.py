"""Lesson: gradient descent on loss surfaces, the 2/L threshold, an optimizer race, a live fit."""

from vizlib.lessons.gradient_descent.tour import TOUR
from vizlib.lessons.gradient_descent.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
