"""Backpropagation lesson: tiny-MLP step-through, an expression's autograd graph, deep gradients."""

from vizlib.lessons.backprop.view import show

show()
