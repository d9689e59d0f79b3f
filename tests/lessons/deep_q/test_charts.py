"""Test the deep-RL figures on synthetic arrays."""

import xml.etree.ElementTree as ET

import numpy as np

from tests.apptest import chart_title
from vizlib.lessons.deep_q.charts import grid_figure, moving_average
from vizlib.lessons.deep_q.charts_cartpole import (
    SCALE,
    cart_img_html,
    cart_svg,
    to_px,
)
from vizlib.lessons.deep_q.charts_live import curve_charts, error_chart, lengths_chart

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


def _rows(chart) -> list[dict]:
    spec = chart.to_dict()
    return [r for rows in spec.get("datasets", {}).values() for r in rows]


def test_curve_charts_are_four_and_skip_steps_without_updates():
    """Test that there are four titled curves and the loss curve only has steps with an update."""
    labels = {k: k for k in ("returns", "loss", "eps", "mae", "ma", "episode", "step")}
    charts = curve_charts(
        [1, 2, 3], [0, 0, 0.5, 0.25], [1, 0.9, 0.8, 0.7], [2, 4], [0.3, 0.2], labels
    )
    assert [chart_title(c.to_dict()) for c in charts.values()] == ["returns", "loss", "eps", "mae"]
    raw = [(r["x"], r["y"]) for r in _rows(charts["loss"]) if r["series"] == "loss"]
    assert raw == [(3, 0.5), (4, 0.25)]
    assert len([r for r in _rows(charts["eps"]) if r["series"] == "eps"]) == 4


def test_error_chart_leaves_walls_empty():
    """Test that the |Q - Q*| map has one rect per open cell with its error, none for the wall."""
    err = np.arange(len(CELLS), dtype=float) / 10
    rows = _rows(error_chart(ROWS, CELLS, err, "t", "v"))
    got = {(r["y"], r["x"]): r["v"] for r in rows}
    assert (1, 1) not in got and len(got) == len(CELLS)
    assert all(np.isclose(got[c], e) for c, e in zip(CELLS, err))


def test_cart_svg_places_cart_and_pole_from_the_state():
    """Test that the cart is centred at x and the pole leans theta from vertical (pixels)."""
    svg = ET.fromstring(cart_svg([0.7, 0, 0.3, 0], "a < b"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    cart = svg.find("s:rect[@id='cart']", ns)
    centre = float(cart.get("x")) + float(cart.get("width")) / 2
    assert np.isclose(centre, to_px(0.7, 0)[0], atol=0.01)
    pole = svg.find("s:line[@id='pole']", ns)
    x1, y1, x2, y2 = (float(pole.get(k)) for k in ("x1", "y1", "x2", "y2"))
    assert np.isclose(np.arctan2(x2 - x1, y1 - y2), 0.3, atol=1e-3)
    assert np.isclose(np.hypot(x2 - x1, y2 - y1), SCALE, atol=0.05)  # a 1 m pole


def test_lengths_chart_has_the_solved_line():
    """Test that the episode-length chart draws the solved threshold as a reference rule."""
    labels = {k: k for k in ("length", "ma", "solved", "episode", "steps")}
    rows = _rows(lengths_chart([10, 20, 30], 475, labels))
    assert {"series": "solved", "y": 475} in [{k: r[k] for k in ("series", "y")} for r in rows]
    assert [r["y"] for r in rows if r["series"] == "length"] == [10, 20, 30]


def test_cart_image_html_carries_the_svg_as_a_data_uri():
    """Test that the <img> for streaming holds exactly the SVG of that state."""
    import base64
    import re

    html = cart_img_html([0.1, 0, -0.2, 0], "t")
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1)
    assert base64.b64decode(data).decode() == cart_svg([0.1, 0, -0.2, 0], "t")


def test_grid_svg_matches_the_plotly_grid():
    """Test that the streamed SVG has one coloured cell per state (the colour of its
    value, as the plotly grid's scale gives it), one dark wall, the greedy arrows, and the path
    through the cell centres."""
    from plotly.colors import sample_colorscale

    from vizlib.lessons.deep_q.charts import grid_figure
    from vizlib.lessons.deep_q.charts_svg import PX, grid_svg

    v = np.linspace(-0.5, 0.5, len(CELLS))
    policy = np.arange(len(CELLS)) % 4
    svg = ET.fromstring(grid_svg(ROWS, CELLS, TERM, v, policy, [0, 1, 4]))
    ns = {"s": "http://www.w3.org/2000/svg"}
    fills = [r.get("fill") for r in svg.findall("s:rect", ns)]
    assert len(fills) == len(CELLS) + 1 and fills[0] == "#3b3b3b"
    scale = grid_figure(ROWS, CELLS, TERM, v, policy).data[0].colorscale
    assert fills[1] == sample_colorscale([list(s) for s in scale], [(v[0] + 1) / 2])[0]
    text = "".join(t.text for t in svg.findall("s:text", ns))
    assert "→" in text and "+1" in text and "−1" in text
    pts = svg.find("s:polyline", ns).get("points").split()
    assert pts[2] == f"{CELLS[4][1] * PX + PX / 2},{CELLS[4][0] * PX + PX / 2}"
