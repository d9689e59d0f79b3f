"""Test that the gradient-descent charts draw the traces they promise from synthetic data."""

from dataclasses import dataclass

import numpy as np

from tests.apptest import vega_rows
from vizlib.lessons.gradient_descent.charts import gd_contour_figure, gd_surface3d_figure, shade
from vizlib.lessons.gradient_descent.charts_curves import gd_loss_figure, gd_lr_sweep_figure
from vizlib.lessons.gradient_descent.charts_fit import (
    fit_line_chart,
    fit_loss_chart,
    surface_path_chart,
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
    """Test that the fit chart's GD line is θ0 + θ1·x and the exact line θ* at the plotted ends."""
    x, y = np.array([1.0, 2, 3, 4]), np.array([2.0, 3, 4, 5])
    spec = fit_line_chart(x, y, np.array([0.5, 2.0]), np.array([1.0, 1.0]), title="T",
                          data_label="d", gd_label="g", exact_label="e").to_dict()  # fmt: skip
    rows = vega_rows(spec)
    gd = [r for r in rows if r["series"] == "g"]
    exact = [r for r in rows if r["series"] == "e"]
    np.testing.assert_allclose([r["y"] for r in gd], [0.5 + 2.0 * r["x"] for r in gd])
    np.testing.assert_allclose([r["y"] for r in exact], [1.0 + r["x"] for r in exact])
    assert sorted(r["y"] for r in rows if r["series"] == "d") == [2.0, 3.0, 4.0, 5.0]


def test_fit_axes_are_set_by_the_data_before_any_step():
    """Test that before Start (θ = 0) the fit chart's axes span the data, not an empty −1…1."""
    x, y = np.array([1.0, 2, 3, 4]), np.array([2.0, 3, 4, 5])
    spec = fit_line_chart(x, y, np.zeros(2), np.array([1.0, 1.0]), title="T", data_label="d",
                          gd_label="g", exact_label="e").to_dict()  # fmt: skip
    enc = spec["layer"][0]["encoding"]
    x0, x1 = enc["x"]["scale"]["domain"]
    y0, y1 = enc["y"]["scale"]["domain"]
    assert x0 < 1.0 and x1 > 4.0 and y0 < 2.0 and y1 > 5.0
    loss = vega_rows(
        fit_loss_chart(np.array([13.5]), title="T", x_label="s", y_label="J").to_dict()
    )
    assert {r["mse"] for r in loss} == {13.5}  # the starting loss is drawn (a dot)


def test_fit_loss_chart_uses_one_notation_and_leaves_out_zero():
    """Test that the fit's log axis formats ticks one way ("~g", no SI prefixes) and that a zero
    or non-finite loss is left out instead of being drawn as a tiny number."""
    spec = fit_loss_chart(np.array([4.0, 1e-16, 0.0, np.inf]), title="T", x_label="s",
                          y_label="J").to_dict()  # fmt: skip
    y = spec["layer"][0]["encoding"]["y"]
    assert y["scale"]["type"] == "log" and y["axis"]["format"] == "~g"
    assert sorted({r["mse"] for r in vega_rows(spec)}) == [1e-16, 4.0]


def test_surface_path_chart_has_the_grid_the_path_and_the_minimum():
    """Test that the MSE map has one cell per grid point and the path keeps its order."""
    xs, ys, z = _grid()
    path = np.array([[0.0, 0.0], [0.5, 0.4], [1.0, 1.0]])
    spec = surface_path_chart(xs, ys, z, path, (1.0, 1.0), title="T", shade_label="s").to_dict()
    rows = vega_rows(spec)
    assert sum("s" in r for r in rows) == z.size
    trail = [r for r in rows if "i" in r]
    assert [(r["a"], r["b"]) for r in trail] == [tuple(p) for p in path.tolist()]


def test_log_axes_write_powers_of_ten_not_si_prefixes():
    """Test that every log axis of the lesson uses one notation (powers of ten): plotly's default
    mixes "100µ" and "1T" with 10⁻¹⁶ on one axis."""
    lrs = np.array([0.1, 0.2, 0.3])
    sweep = gd_lr_sweep_figure(lrs, np.array([1e12, 1e-4, 1e-16]), 0.25, 0.2,
                               threshold_label="2/L", current_label="lr", diverged_label="d",
                               **LBL)  # fmt: skip
    loss = gd_loss_figure(_paths(), 3, diverged_label="!", **LBL)
    for fig in (sweep, loss):
        assert fig.layout.yaxis.type == "log"
        assert fig.layout.yaxis.exponentformat == "power"


def test_zero_final_loss_is_drawn_as_zero_on_a_linear_axis():
    """Test the "bowl, start at the minimum" case: runs whose loss is exactly 0 are plotted as 0
    on a linear axis, not as 10⁻³⁰⁰ on a log axis."""
    lrs = np.array([0.1, 0.2, 0.3])
    fig = gd_lr_sweep_figure(lrs, np.zeros(3), 0.25, 0.2, threshold_label="2/L",
                             current_label="lr", diverged_label="d", **LBL)  # fmt: skip
    assert fig.layout.yaxis.type == "linear"
    assert list(fig.data[0].y) == [0.0, 0.0, 0.0]
    zero = [P("s", np.zeros((3, 2)), np.zeros(3), False)]
    assert gd_loss_figure(zero, 0, **LBL).layout.yaxis.type == "linear"


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
