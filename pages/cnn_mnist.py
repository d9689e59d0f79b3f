"""Lesson: a CNN trained live on real MNIST digits; its filters, feature maps and mistakes."""

from vizlib.lessons.cnn_mnist.tour import TOUR
from vizlib.lessons.cnn_mnist.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
