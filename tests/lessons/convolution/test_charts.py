"""Convolution figures: padded grids with the window outlined, and the three-panel step view."""

from __future__ import annotations

import numpy as np

from vizlib.lessons.convolution.charts import cell_text, grid_figure, step_figure


def test_grid_figure_pads_with_gaps_in_input_coordinates():
    """Test that padding cells are nan (grey gaps) and the axes run from -p to n - 1 + p."""
    x = np.arange(6, dtype=float).reshape(2, 3)
    fig = grid_figure(x, title="in", pad=((1, 2), (0, 1)))
    heat = fig.data[0]
    z = np.array(heat.z, dtype=float)
    assert z.shape == (5, 4)
    np.testing.assert_array_equal(z[1:3, 0:3], x)
    assert np.isnan(z[0]).all() and np.isnan(z[3:]).all() and np.isnan(z[:, 3]).all()
    assert list(heat.x) == [0, 1, 2, 3] and list(heat.y) == [-1, 0, 1, 2, 3]
    assert heat.text[0][0] == "0" and heat.text[1][2] == "2"


def test_grid_figure_outlines_each_window_cell():
    """Test that a dilated 2x2 window gives one rectangle per cell, centred on its input cell."""
    fig = grid_figure(np.zeros((5, 5)), title="w", window=([0, 2], [1, 3]))
    centres = {((s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2) for s in fig.layout.shapes}
    assert centres == {(1, 0), (3, 0), (1, 2), (3, 2)}


def test_grid_figure_hides_text_on_large_grids_and_centres_diverging_scale():
    """Test that a 28x28 grid has no cell text and a diverging scale is symmetric about 0."""
    x = np.linspace(-3, 1, 28 * 28).reshape(28, 28)
    heat = grid_figure(x, title="big", diverging=True).data[0]
    assert heat.text is None
    assert heat.zmin == -heat.zmax == -3.0


def test_step_figure_has_three_panels_with_padding_greyed():
    """Test that window, kernel and products are three heatmaps and padding cells are nan."""
    window = np.array([[0.0, 1.0], [0.0, 2.0]])
    kernel = np.array([[1.0, -1.0], [2.0, 3.0]])
    inside = np.array([[False, True], [False, True]])
    fig = step_figure(window, kernel, window * kernel, titles=("a", "b", "c"), inside=inside)
    assert len(fig.data) == 3
    assert [a.text for a in fig.layout.annotations] == ["a", "b", "c"]
    z0 = np.array(fig.data[0].z, dtype=float)
    assert np.isnan(z0[:, 0]).all() and z0[1, 1] == 2.0
    np.testing.assert_array_equal(np.array(fig.data[1].z, dtype=float), kernel)
    assert fig.data[2].text[1][1] == "6"


def test_cell_text_formats_integers_fractions_and_minus_infinity():
    """Test that cell labels are plain for integers, 3 significant digits else, and -inf is −∞."""
    assert [cell_text(v) for v in (3.0, 0.0625, -np.inf, np.nan)] == ["3", "0.0625", "−∞", ""]
    assert cell_text(1 / 3) == "0.333"


def test_grid_figure_ticks_every_cell_on_small_grids_only():
    """Test that small grids get a tick per cell and large ones every fifth cell."""
    assert grid_figure(np.zeros((4, 4)), title="s").layout.xaxis.dtick == 1
    assert grid_figure(np.zeros((28, 28)), title="l").layout.yaxis.dtick == 5
