"""Lesson: gradient descent on loss surfaces, the 2/L threshold, an optimizer race, a live fit."""
