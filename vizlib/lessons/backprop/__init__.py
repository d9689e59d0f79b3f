"""Lesson: backpropagation, step by step, on a tiny MLP, a typed expression and a deep stack."""
