"""Lesson: convolution and pooling on a small image, every number shown."""
