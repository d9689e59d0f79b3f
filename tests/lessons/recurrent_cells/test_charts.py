"""Test the lesson's figures on synthetic arrays: valid plotly specs, marks, and 0/inf handling."""

import numpy as np
import plotly.graph_objects as go

from tests.apptest import values
from vizlib.lessons.recurrent_cells.charts import (
    gradient_norms_figure,
    norm_kinds,
    series_summary,
    state_heatmap_figure,
)

NAMES = {"line": "norm", "zero": "underflow", "bad": "overflow"}
TITLES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}


def _valid(fig: go.Figure) -> dict:
    """The figure rebuilt with plotly's validation on (raises on an invalid property), as a dict."""
    go.Figure(fig.to_dict())
    return fig.to_dict()


def test_heatmap_shows_states_by_unit_and_marks_the_step():
    """Test that the heatmap's z is the states transposed and the box sits on column `step`."""
    states = np.arange(12, dtype=float).reshape(4, 3) / 10  # (T+1=4, H=3)
    fig = _valid(state_heatmap_figure(states, 2, "h", x_title="t", unit_label="unit"))
    np.testing.assert_array_equal(values(fig["data"][0]["z"]), states.T)
    box = fig["layout"]["shapes"][0]
    assert (box["x0"], box["x1"]) == (1.5, 2.5)
    assert fig["data"][0]["text"][1][2] == f"{states[2, 1]:.2f}"


def test_heatmap_with_non_finite_states_draws_gaps():
    """Test that an inf state becomes a gap with no text, not an error."""
    states = np.array([[0.0, 1.0], [np.inf, -2.0]])
    fig = _valid(state_heatmap_figure(states, 1, "h", x_title="t", unit_label="unit"))
    z = values(fig["data"][0]["z"]).astype(float)
    assert np.isnan(z[0, 1]) and fig["data"][0]["text"][0][1] == ""
    assert fig["data"][0]["zmax"] == 2.0


def test_gradient_figure_has_one_log_panel_per_cell():
    """Test that three cells give three log-scale panels with the norms as their lines."""
    series = {k: np.logspace(-k, 0, 50) for k in (1, 5, 9)}
    series = dict(zip(TITLES, series.values()))
    fig = _valid(gradient_norms_figure(series, TITLES, NAMES, x_title="t", y_title="norm"))
    lines = [d for d in fig["data"] if d["mode"] == "lines"]
    assert len(lines) == 3
    for line, norms in zip(lines, series.values()):
        np.testing.assert_allclose(values(line["y"]).astype(float), norms)
    axes = [fig["layout"][a] for a in ("yaxis", "yaxis2", "yaxis3")]
    assert all(a["type"] == "log" for a in axes)
    lo, hi = axes[0]["range"]
    assert lo < np.log10(1e-9) and hi > 0


def test_zero_and_inf_norms_get_markers_not_a_blank_panel():
    """Test that underflowed zeros sit on the floor and inf/nan on the ceiling, legend once each."""
    rnn = np.array([0.0, 0.0, 1e-3, 1.0])
    lstm = np.array([np.inf, np.nan, 1e5, 1.0])
    gru = np.array([0.0, np.inf, 1.0, 2.0])
    series = {"rnn": rnn, "lstm": lstm, "gru": gru}
    fig = _valid(gradient_norms_figure(series, TITLES, NAMES, x_title="t", y_title="n"))
    marks = [d for d in fig["data"] if d["mode"] == "markers"]
    zero = [d for d in marks if d["name"] == "underflow"]
    bad = [d for d in marks if d["name"] == "overflow"]
    assert [values(d["x"]).tolist() for d in zero] == [[1, 2], [1]]
    assert [values(d["x"]).tolist() for d in bad] == [[1, 2], [2]]
    floor, ceil = values(zero[0]["y"])[0], values(bad[0]["y"])[0]
    assert floor == 1e-3 / 10 and ceil == 1e5 * 10
    assert sum(d["showlegend"] for d in marks) == 2
    assert series_summary(series)["lstm"] == {"ok": 2, "zero": 0, "bad": 2}


def test_all_zero_norms_still_give_an_axis():
    """Test that a cell whose every norm is 0 gets a default axis range and floor markers."""
    fig = _valid(
        gradient_norms_figure({"rnn": np.zeros(5)}, TITLES, NAMES, x_title="t", y_title="n")
    )
    assert fig["layout"]["yaxis"]["range"][0] < fig["layout"]["yaxis"]["range"][1]
    assert norm_kinds(np.zeros(5))["zero"].all()
