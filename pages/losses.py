"""Lesson: loss functions (MSE, binary and categorical cross-entropy) and their gradients."""

from vizlib.lessons.losses.view import show

show()
