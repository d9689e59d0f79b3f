"""Test that the backprop chart builders (DOT, LaTeX, plotly) show the data they are given."""

import re

import numpy as np
import pytest

from vizlib.lessons.backprop.charts_deep import (
    activation_figure,
    activation_histograms,
    grad_norm_figure,
)
from vizlib.lessons.backprop.charts_graph import (
    CURRENT,
    expression_dot,
    expression_layout,
    fmt,
    network_dot,
    weights_table,
)
from vizlib.lessons.backprop.charts_latex import num, step_latex
from vizlib.lessons.backprop.config import BackpropConfig
from vizlib.lessons.backprop.expr_parser import parse_expression
from vizlib.lessons.backprop.network import apply_update, trace_net, trace_steps
from vizlib.lessons.backprop.scalar_engine import trace


@pytest.fixture
def preset():
    net = BackpropConfig().net()
    tr = trace_net(net)
    return net, tr, trace_steps(net)


def test_network_dot_reveals_values_step_by_step(preset):
    """Test that no value shows before step 1, one neuron's z after it, every δ at the end."""
    net, tr, steps = preset
    assert "z=" not in network_dot(net, tr, steps, 0, loss_label="L")
    one = network_dot(net, tr, steps, 1, loss_label="L")
    assert one.count("z=") == 1 and f"z={fmt(tr.z[1][0])}" in one
    assert f'n1_0 [label="a₁⁽¹⁾\\nz={fmt(tr.z[1][0])}' in one and CURRENT in one
    end = network_dot(net, tr, steps, len(steps), loss_label="L")
    assert end.count("δ=") == 4 and end.count("{") == end.count("}")
    assert f"δ={fmt(tr.delta[1][1])}" in end and fmt(tr.loss) in end


def test_expression_dot_has_a_box_per_value_and_an_oval_per_op():
    """Test that tanh(a*b + c) draws 6 value boxes, 3 op ovals and the grads."""
    root = parse_expression("tanh(a*b + c)").build({"a": 2.0, "b": -3.0, "c": 10.0})
    root.backward()
    nodes, edges = trace(root)
    dot = expression_dot(nodes, edges, data_label="d", grad_label="g")
    assert dot.count("shape=record") == 6 and dot.count("shape=ellipse") == 3
    a = next(n for n in nodes if n.label == "a")
    assert f"g {fmt(a.grad)}" in dot


def test_step_latex_fills_in_trace_numbers(preset):
    """Test that each step's filled formula contains the trace's own z, loss, δ and new weight."""
    net, tr, steps = preset
    new = apply_update(net, tr, 0.1)
    texts = [step_latex(net, tr, s, new, 0.1)[1] for s in steps]
    assert num(tr.z[1][0]) in texts[0] and num(tr.a[2][1]) in texts[3]
    assert num(tr.loss) in texts[4]
    assert num(tr.delta[2][0]) in texts[5] and num(tr.delta[1][0]) in texts[7]
    assert num(new.weights[0][1, 1]) in texts[-1]


def test_ce_latex_uses_softmax():
    """Test that with cross-entropy the output step names softmax and δ = a − y."""
    net = BackpropConfig(loss="ce").net()
    tr = trace_net(net)
    steps = trace_steps(net)
    sym, _ = step_latex(net, tr, steps[2], net, 0.1)
    assert "e^{z_{1}}" in sym
    sym_b, filled_b = step_latex(net, tr, steps[5], net, 0.1)
    assert "a_{1} - y_{1}" in sym_b and num(tr.delta[2][0]) in filled_b


def test_weights_table_rows():
    """Test that the old → new table has one row per entry with the change new − old."""
    rows = weights_table([np.array([[1.0, 2.0]])], [np.array([[0.5, 2.5]])], "W")
    assert [r["param"] for r in rows] == ["W1[11]", "W1[12]"]
    assert [r["change"] for r in rows] == [-0.5, 0.5]


def test_grad_norm_figure_log_axis_drops_zeros():
    """Test that norms are drawn on a log axis and zero norms are left out."""
    fig = grad_norm_figure(
        np.array([1e-8, 0.0, 1.0]),
        title="t",
        x_title="x",
        y_title="y",
        compare=np.array([1.0, 2.0, 3.0]),
        names=("a", "b"),
    )
    assert fig.layout.yaxis.type == "log"
    assert list(fig.data[0].x) == [1, 3] and list(fig.data[1].y) == [1.0, 2.0, 3.0]


def test_activation_histograms_are_distributions():
    """Test that every layer's histogram sums to 1 and the heatmap has one column per layer."""
    rng = np.random.default_rng(0)
    acts = np.stack([rng.normal(0, s, 500) for s in (0.1, 1.0, 10.0)])
    hist, centres = activation_histograms(acts, bins=20)
    np.testing.assert_allclose(hist.sum(axis=1), 1.0)
    assert hist.shape == (3, 20) and len(centres) == 20
    fig = activation_figure(acts, title="t", x_title="x", y_title="y", color_title="c")
    assert list(fig.data[0].x) == [1, 2, 3]
    const = activation_histograms(np.zeros((2, 10)))[0]
    np.testing.assert_allclose(const.sum(axis=1), 1.0)


def _graph(expr: str, values: dict[str, float]):
    root = parse_expression(expr).build(values)
    root.backward()
    return trace(root)


def test_expression_graph_font_is_projector_size_at_micrograd_scale():
    """Test that micrograd's neuron graph (15 nodes) asks for >= 14 pt text (>= 18 px at natural
    size, which the page keeps) and stacks each value's fields so the drawing stays narrow."""
    nodes, edges = _graph(
        "tanh(x1*w1 + x2*w2 + b)", {"x1": 2, "x2": 0, "w1": -3, "w2": 1, "b": 6.88}
    )
    assert len(nodes) + sum(1 for n in nodes if n.op) == 15
    dot = expression_dot(nodes, edges)
    sizes = [float(s) for s in re.findall(r"fontsize=([\d.]+)", dot)]
    assert sizes and min(sizes) >= 14
    assert "rankdir=LR" in dot and 'label="x1 | data 2 | grad' in dot  # fields stacked


def test_deep_expression_graph_turns_top_to_bottom_keeping_its_font():
    """Test that a graph too deep for one screen width runs top to bottom, still at >= 14 pt."""
    nodes, edges = _graph("tanh(tanh(tanh(tanh(tanh(a)))))", {"a": 0.5})
    rankdir, font, _ = expression_layout(nodes, edges)
    assert (rankdir, font >= 14) == ("TB", True)
    small_dir, small_font, _ = expression_layout(*_graph("a*b", {"a": 1, "b": 2}))
    assert (small_dir, small_font) == ("LR", font)
