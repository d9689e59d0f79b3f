"""Tests of the deep reinforcement learning lesson."""
