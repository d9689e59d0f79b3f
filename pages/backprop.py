"""Backpropagation lesson: tiny-MLP step-through, an expression's autograd graph, deep gradients."""

from vizlib.lessons.backprop.tour import TOUR
from vizlib.lessons.backprop.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
