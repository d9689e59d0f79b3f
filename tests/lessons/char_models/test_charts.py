"""Test the lesson's figures and coloured-text HTML, the colours against torch activations."""

import re

import numpy as np
import pytest
import torch

from tests.apptest import vega_rows
from vizlib.lessons.char_models.charts import (
    activation_colour,
    count_matrix_figure,
    gate_text_html,
    loss_chart,
    unit_text_html,
)
from vizlib.lessons.char_models.models import ModelSpec
from vizlib.lessons.char_models.probe import passage_trace, top_guesses
from vizlib.lessons.char_models.trainer import make_trainer

RGB = re.compile(r'class="u" data-a="([^"]+)" style="background:rgb\((\d+),(\d+),(\d+)\)')


def test_unit_colours_are_the_units_torch_activations(names):
    """Test that each character's colour encodes that unit's h_t, recomputed with nn.LSTM."""
    spec = ModelSpec("lstm", names.vocab.size, seq_len=12, emb=8, hidden=16)
    tr = make_trainer(spec, names, 0, lr=1e-2, batch=16, smoothing=1.0)
    for _ in range(10):
        tr.train_step()
    ids, unit = names.val[:50].tolist(), 3
    trace = passage_trace(tr.model, ids, 12)
    chars = [names.vocab.chars[i] for i in ids]
    g, p = top_guesses(trace.probs)
    page = unit_text_html(
        chars, trace.hidden[:, unit], 1.0, [[names.vocab.chars[i] for i in r] for r in g], p
    )
    with torch.no_grad():  # the answer key: torch's own LSTM on the model's embeddings
        h, _ = tr.model.rnn(tr.model.emb(torch.tensor([ids])))
    acts = h[0, :, unit].numpy()
    found = RGB.findall(page)
    assert len(found) == 50
    for a, (shown, r, gg, b) in zip(acts, found):
        assert float(shown) == pytest.approx(a, abs=1e-5)
        assert f"rgb({r},{gg},{b})" == activation_colour(float(a), 1.0)
        assert (r, gg, b) != ("255", "255", "255") or abs(a) < 2e-3
    assert page.count('class="g"') == 50 * 5


def test_activation_colour_is_diverging_and_clipped():
    """Test that 0 is white, signs pick blue or red, and values beyond vmax saturate."""
    assert activation_colour(0.0, 1.0) == "rgb(255,255,255)"
    assert activation_colour(1.0, 1.0) == "rgb(178,24,43)" == activation_colour(5.0, 1.0)
    assert activation_colour(-1.0, 1.0) == "rgb(33,102,172)"


def test_gate_html_escapes_and_marks_whitespace():
    """Test that the gate view escapes HTML and shows line breaks and spaces visibly."""
    page = gate_text_html(list("<a b\n"), np.array([0.0, 0.5, 1.0, 0.2, 0.9]))
    assert "&lt;" in page and "<a" not in page.replace("<a ", "")
    assert "↵" in page and "␣" in page


def test_loss_chart_has_curves_and_baselines():
    """Test that the loss chart has train and val series and one dashed rule per baseline."""
    labels = {"train": "t", "val": "v", "x": "step", "y": "nats"}
    spec = loss_chart(
        [1, 2, 3], [3.0, 2.5, 2.2], [1, 3], [3.1, 2.3], {"ln V": 3.3, "bigram": 2.4}, labels
    ).to_dict()
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert domain == ["t", "v", "ln V = 3.300", "bigram = 2.400"]
    rows = vega_rows(spec)
    assert [r["y"] for r in rows if r["series"] == "v"] == [3.1, 2.3]
    assert {(r["series"], r["y"]) for r in rows if "x" not in r} == {
        ("ln V = 3.300", 3.3),
        ("bigram = 2.400", 2.4),
    }


def test_projector_loss_chart_puts_the_legend_beside_the_plot_in_large_type():
    """Test that for a projector the legend sits right of the plot (one column) and the legend
    and axis type are set large; the normal chart keeps its legend below, in the theme's type."""
    labels = {"train": "t", "val": "v", "x": "step", "y": "nats"}
    args = ([1, 2], [3.0, 2.5], [2], [2.6], {"bigram": 2.4}, labels)
    big = loss_chart(*args, projector=True).to_dict()
    legend = big["layer"][0]["encoding"]["color"]["legend"]
    assert legend["orient"] == "right" and legend["columns"] == 1
    assert big["config"]["legend"]["labelFontSize"] >= 18
    assert big["config"]["axis"]["titleFontSize"] >= 18
    normal = loss_chart(*args).to_dict()
    assert normal["layer"][0]["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert "legend" not in normal.get("config", {})


def test_count_matrix_figure_rows_are_current_char():
    """Test that the heatmap shows the count matrix as given, with visible whitespace labels."""
    counts = np.arange(9).reshape(3, 3)
    fig = count_matrix_figure(counts, "\nab", "next", "current", "%{z}")
    np.testing.assert_array_equal(np.asarray(fig.data[0].z), counts)
    assert list(fig.data[0].x) == ["↵", "a", "b"]
    with pytest.raises(ValueError):
        count_matrix_figure(counts, "ab", "x", "y", "")


def test_loss_chart_thins_long_runs_and_drops_infinite_losses():
    """Test that 5000 steps are drawn as every 5th point and inf/nan are left out."""
    labels = {"train": "t", "val": "v", "x": "step", "y": "nats"}
    train = np.linspace(3, 2, 5000)
    spec = loss_chart(range(1, 5001), train, [1, 2], [float("inf"), 2.0], {}, labels).to_dict()
    rows = vega_rows(spec)
    t_rows = [r for r in rows if r["series"] == "t"]
    assert len(t_rows) == 1000 and t_rows[1]["x"] == 6
    assert [(r["x"], r["y"]) for r in rows if r["series"] == "v"] == [(2, 2.0)]


def test_empty_loss_chart_frames_the_reference_lines():
    """Test that before any step the y axis spans the baselines (not an arbitrary 0..1)."""
    labels = {"train": "t", "val": "v", "x": "step", "y": "nats"}
    spec = loss_chart([], [], [], [], {"ln V": 3.3, "bigram": 2.4}, labels).to_dict()
    lo, hi = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert lo < 2.4 and hi > 3.3
    trained = loss_chart([1], [3.0], [], [], {"ln V": 3.3}, labels).to_dict()
    assert "domain" not in trained["layer"][0]["encoding"]["y"]["scale"]
