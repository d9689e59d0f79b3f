"""Lesson: the neural-network playground — train an MLP live and watch every neuron learn."""

from vizlib.lessons.playground.tour import TOUR
from vizlib.lessons.playground.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
