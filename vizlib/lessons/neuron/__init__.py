"""Lesson: a single neuron y = f(w·x + b) and the activation functions."""
