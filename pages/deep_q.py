"""Lesson: deep reinforcement learning (value iteration, Q-learning, DQN; CartPole)."""

from vizlib.lessons.deep_q.tour import TOUR
from vizlib.lessons.deep_q.view import show
from vizlib.ui.tour import run_page

run_page(TOUR, show)
