"""Lesson 11: overfitting and its remedies, on real MNIST digits."""
