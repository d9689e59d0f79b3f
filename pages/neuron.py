"""Lesson: a single neuron y = f(w·x + b) and the activation functions with their derivatives."""

from vizlib.lessons.neuron.tour import TOUR
from vizlib.lessons.neuron.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
