"""The deep-RL page: a mode switch between the gridworld (value iteration, Q-learning, DQN) and
DQN on CartPole-v1."""

from __future__ import annotations

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.deep_q.config import CartPoleConfig, GridConfig
from vizlib.lessons.deep_q.view_cartpole import show_cartpole
from vizlib.lessons.deep_q.view_grid import show_grid
from vizlib.ui import controls as ui
from vizlib.ui.i18n import scoped_t
from vizlib.ui.page import page_header

NS = "deep_q"
lt = scoped_t(NS)


def show() -> None:
    """Draw the whole lesson."""
    configure_torch()
    page_header(NS)
    ui.url_notice(GridConfig)
    ui.url_notice(CartPoleConfig)
    mode = ui.radio(GridConfig, "mode", lt("mode"), format_func=lambda v: lt(f"modes.{v}"))
    if mode == "grid":
        show_grid()
    else:
        show_cartpole()
