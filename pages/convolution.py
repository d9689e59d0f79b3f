"""Lesson: a kernel slides over an image (stride, padding, dilation), then pooling shrinks it."""

from vizlib.lessons.convolution.view import show

show()
