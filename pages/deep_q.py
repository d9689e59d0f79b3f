"""Lesson: deep reinforcement learning (value iteration, Q-learning, DQN; CartPole)."""

from vizlib.lessons.deep_q.view import show

show()
