"""Test that the gradient-descent charts draw the traces they promise from synthetic data."""

from dataclasses import dataclass

import numpy as np

from vizlib.lessons.gradient_descent.charts import gd_contour_figure, gd_surface3d_figure, shade
from vizlib.lessons.gradient_descent.charts_curves import (
    gd_curve_figure,
    gd_linreg_fit_figure,
    gd_loss_figure,
    gd_lr_sweep_figure,
)

LBL = {"title": "T", "x_label": "x", "y_label": "y"}


@dataclass
class P:
    label: str
    points: np.ndarray
    losses: np.ndarray
    diverged: bool


def _paths():
    a = np.stack([np.linspace(-2, 0, 11), np.linspace(2, 0, 11)], axis=1)
    b = np.array([[-2.0, 2.0], [3.0, -4.0], [40.0, 50.0]])  # leaves the box, then diverges
    return [
        P("sgd", a, np.linspace(8, 0.1, 11), False),
        P("adam", b, np.array([8.0, 25, 4e3]), True),
    ]


def _grid():
    xs, ys = np.linspace(-3, 3, 5), np.linspace(-3, 3, 6)
    return xs, ys, np.add.outer(ys**2, xs**2)


def test_contour_draws_paths_up_to_step_and_marks_divergence():
    """Test that each path is cut at the view step and a diverged path ends in an x, clipped."""
    xs, ys, z = _grid()
    fig = gd_contour_figure(xs, ys, z, _paths(), 4, shade_label="s", minima=[(0.0, 0.0)], **LBL)
    assert fig.data[0].type == "contour"
    np.testing.assert_allclose(fig.data[0].z, shade(z))
    lines = [d for d in fig.data if d.type == "scatter" and d.mode == "lines"]
    assert [len(d.x) for d in lines] == [5, 3]
    marks = [d for d in fig.data if d.type == "scatter" and d.mode == "markers" and d.legendgroup]
    assert [m.marker.symbol for m in marks] == ["circle", "x"]
    assert (marks[1].x[0], marks[1].y[0]) == (3.0, 3.0)  # clipped to the box's corner
    early = gd_contour_figure(xs, ys, z, _paths(), 1, shade_label="s", **LBL)
    marks = [d for d in early.data[1:] if d.mode == "markers" and d.legendgroup]
    assert marks[1].marker.symbol == "circle"  # not yet at the divergence point


def test_shade_is_zero_at_minimum_and_increasing():
    """Test that the contour shading is log10(1 + J − min J)."""
    z = np.array([[1.0, 2.0], [11.0, 101.0]])
    np.testing.assert_allclose(shade(z), np.log10(1 + z - 1.0))


def test_surface3d_keeps_only_points_inside_the_box():
    """Test that 3-D paths drop the points outside the plotted surface."""
    xs, ys, z = _grid()
    fig = gd_surface3d_figure(xs, ys, z, _paths(), 10, z_label="z", **LBL)
    assert fig.data[0].type == "surface"
    assert [len(d.x) for d in fig.data[1:]] == [11, 1]


def test_loss_figure_has_one_curve_per_path_and_log_axis_when_positive():
    """Test that the loss chart has a curve per path, an x for divergence, and a log y axis."""
    fig = gd_loss_figure(_paths(), 3, diverged_label="!", **LBL)
    curves = [d for d in fig.data if d.mode == "lines"]
    assert [d.name for d in curves] == ["sgd", "adam"]
    assert any(d.marker.symbol == "x" for d in fig.data if d.mode == "markers")
    assert fig.layout.yaxis.type == "log"
    neg = [P("s", np.zeros((2, 2)), np.array([1.0, -1.0]), False)]
    assert gd_loss_figure(neg, 0, **LBL).layout.yaxis.type == "linear"


def test_lr_sweep_separates_diverged_runs_and_marks_threshold():
    """Test that diverged lrs become x markers and both vertical lines are drawn."""
    lrs = np.array([0.1, 0.2, 0.3, 0.4])
    fig = gd_lr_sweep_figure(
        lrs,
        np.array([1e-3, 1e-6, np.inf, np.inf]),
        0.25,
        0.2,
        threshold_label="2/L",
        current_label="lr",
        diverged_label="d",
        **LBL,
    )
    assert list(fig.data[0].x) == [0.1, 0.2] and list(fig.data[1].x) == [0.3, 0.4]
    assert sorted(s.x0 for s in fig.layout.shapes) == [0.2, 0.25]


def test_linreg_fit_draws_data_exact_and_gd_lines():
    """Test that the fit chart's GD line is θ0 + θ1·x at the plotted ends."""
    x, y = np.array([1.0, 2, 3, 4]), np.array([2.0, 3, 4, 5])
    fig = gd_linreg_fit_figure(
        x,
        y,
        np.array([0.5, 2.0]),
        np.array([1.0, 1.0]),
        data_label="d",
        gd_label="g",
        exact_label="e",
        **LBL,
    )
    gd = fig.data[2]
    np.testing.assert_allclose(gd.y, 0.5 + 2.0 * np.asarray(gd.x))
    np.testing.assert_allclose(fig.data[1].y, 1.0 + np.asarray(fig.data[1].x))


def test_curve_figure_plots_values_per_step():
    """Test that the single curve has one point per value."""
    fig = gd_curve_figure(np.array([3.0, 2.0, 1.0]), **LBL)
    assert list(fig.data[0].y) == [3.0, 2.0, 1.0] and fig.layout.yaxis.type == "log"


def test_pick_grid_adds_invisible_clickable_points_over_the_box():
    """Test that pick_grid lays n×n transparent points spanning exactly the plotted box."""
    xs, ys, z = _grid()
    fig = gd_contour_figure(xs, ys, z, _paths(), 3, shade_label="s", pick_grid=4, **LBL)
    pick = [d for d in fig.data if d.name == "pick"]
    assert len(pick) == 1 and len(pick[0].x) == 16
    assert (min(pick[0].x), max(pick[0].x), min(pick[0].y), max(pick[0].y)) == (-3, 3, -3, 3)
    assert pick[0].marker.color == "rgba(0,0,0,0)"
    assert not [
        d
        for d in gd_contour_figure(xs, ys, z, [], 0, shade_label="s", **LBL).data
        if d.name == "pick"
    ]
