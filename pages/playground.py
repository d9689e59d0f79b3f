"""Lesson: the neural-network playground — train an MLP live and watch every neuron learn."""

from vizlib.lessons.playground.view import show

show()
