"""Lesson: a small CNN trained live on bundled MNIST digits."""
