"""Lesson: overfitting and its remedies, on real MNIST digits."""

from vizlib.lessons.overfitting.view import show

show()
