"""Test the deep-RL figures on synthetic arrays."""

import numpy as np

from vizlib.lessons.deep_q.charts import curves_figure, grid_figure, moving_average
from vizlib.lessons.deep_q.charts_cartpole import cart_figure, lengths_figure

ROWS = ("S.G", ".#P", "...")
CELLS = [(i, j) for i in range(3) for j in range(3) if ROWS[i][j] != "#"]
TERM = np.array([ROWS[i][j] in "PG" for i, j in CELLS])


def test_moving_average_matches_a_loop():
    """Test that the trailing moving average equals a plain loop, short windows at the start."""
    y = np.random.default_rng(0).normal(size=50)
    ref = [y[max(0, i - 6) : i + 1].mean() for i in range(50)]
    np.testing.assert_allclose(moving_average(y, 7), ref)


def test_grid_figure_colours_cells_draws_walls_arrows_and_click_markers():
    """Test that walls are NaN cells with a dark shape, arrows are text, and clicks carry (i, j)."""
    v = np.linspace(-0.5, 0.5, len(CELLS))
    policy = np.array([1] * len(CELLS))
    fig = grid_figure(ROWS, CELLS, TERM, v, policy, [0, 1], clickable=True)
    z = np.array(fig.data[0].z, dtype=float)
    assert np.isnan(z[1, 1]) and z[0, 2] == 1.0 and z[1, 2] == -1.0 and z[2, 2] == v[-1]
    assert len(fig.layout.shapes) == 1
    assert "→" in fig.data[1].text[0]
    assert list(fig.data[-1].customdata[4]) == [1, 1]


def test_curves_figure_has_four_panels_and_skips_steps_without_updates():
    """Test that the loss panel only has steps with an update (loss > 0)."""
    fig = curves_figure(
        [1, 2, 3], [0, 0, 0.5, 0.25], [1, 0.9, 0.8, 0.7], [2, 4], [0.3, 0.2],
        dict.fromkeys(("returns", "loss", "eps", "mae", "ma", "episode", "step"), "x"),
    )  # fmt: skip
    assert len(fig.data) == 6
    assert list(fig.data[2].x) == [3, 4] and list(fig.data[2].y) == [0.5, 0.25]


def test_cart_figure_places_cart_and_pole_from_the_state():
    """Test that the cart is centred at x and the pole tip is at angle theta from vertical."""
    fig = cart_figure([0.7, 0, 0.3, 0])
    cart = [s for s in fig.layout.shapes if s.type == "rect"][0]
    assert (cart.x0 + cart.x1) / 2 == 0.7
    pole = [s for s in fig.layout.shapes if s.type == "line" and s.line.width == 8][0]
    angle = np.arctan2(pole.x1 - pole.x0, pole.y1 - pole.y0)
    assert np.isclose(angle, 0.3)


def test_lengths_figure_has_the_solved_line():
    """Test that the episode-length chart draws the solved threshold."""
    labels = dict.fromkeys(("length", "ma", "solved", "episode", "steps"), "x")
    fig = lengths_figure([10, 20, 30], 475, labels)
    assert any(s.y0 == 475 for s in fig.layout.shapes)
