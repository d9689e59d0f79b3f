"""Lesson: a CNN trained live on real MNIST digits; its filters, feature maps and mistakes."""

from vizlib.lessons.cnn_mnist.view import show

show()
