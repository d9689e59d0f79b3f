"""Lesson 10: deep reinforcement learning (value iteration, Q-learning, DQN)."""
