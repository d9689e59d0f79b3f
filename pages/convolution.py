"""Lesson: a kernel slides over an image (stride, padding, dilation), then pooling shrinks it."""

from vizlib.lessons.convolution.tour import TOUR
from vizlib.lessons.convolution.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
