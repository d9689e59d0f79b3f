"""Lesson: a single neuron y = f(w·x + b) and the activation functions with their derivatives."""

from vizlib.lessons.neuron.view import show

show()
