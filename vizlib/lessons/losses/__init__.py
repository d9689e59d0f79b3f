"""Lesson: loss functions (MSE, binary and categorical cross-entropy) and their gradients."""
