"""Tests of the overfitting lesson."""
