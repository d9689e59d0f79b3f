"""Test the backprop walkthrough: shape, states as links, texts, answer keys against autograd.

Each answer is computed by the page's own code (trace_net, the scalar engine, deep_gradients)
and by torch autograd on a network or expression built here from the step's configs.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.apptest import page_test, texts
from vizlib.lessons.backprop.deep_gradients import deep_gradients, deep_weights
from vizlib.lessons.backprop.expr_parser import parse_values
from vizlib.lessons.backprop.network import trace_net
from vizlib.lessons.backprop.tour import EXPR_VAR, TOUR
from vizlib.ui.i18n import load_catalogue


def _configs(step_id: str, revealed: bool = True):
    return TOUR.configs_at(TOUR.index(step_id), revealed)


def _torch_mlp_grads(cfg) -> list[torch.Tensor]:
    """∂L/∂W_l of the step-through's network (sigmoid layers, ½Σ(a − y)²), by torch autograd."""
    net = cfg.net()
    assert net.loss == "half_sse" and set(net.acts) == {"sigmoid"}
    ws = [torch.tensor(w, requires_grad=True) for w in net.weights]
    h = torch.tensor(net.x)
    for w, b in zip(ws, net.biases, strict=True):
        h = torch.sigmoid(w @ h + torch.tensor(b))
    (0.5 * ((h - torch.tensor(net.y)) ** 2).sum()).backward()
    return [w.grad for w in ws]


def test_the_gradient_of_w2_11_is_positive():
    """Test that "positive" is right: torch's ∂L/∂W2[11] is > 0, and the page's trace agrees."""
    assert TOUR.steps[TOUR.index("sign")].answer == "positive"
    cfg = _configs("sign")["BackpropConfig"]
    grad = _torch_mlp_grads(cfg)[1][0, 0].item()
    assert grad > 0
    assert trace_net(cfg.net()).dw[2][0, 0] == pytest.approx(grad, rel=1e-9)


def test_the_output_layer_gets_the_larger_gradients():
    """Test that "w2" is right: torch's largest |∂L/∂W2| is over 10 times the largest |∂L/∂W1|."""
    assert TOUR.steps[TOUR.index("size")].answer == "w2"
    cfg = _configs("size")["BackpropConfig"]
    g1, g2 = _torch_mlp_grads(cfg)
    assert g2.abs().max() > 10 * g1.abs().max()
    ours = trace_net(cfg.net()).dw
    np.testing.assert_allclose(ours[1], g1.numpy(), rtol=1e-9, atol=1e-15)


def test_the_reused_variable_gradient_is_torchs():
    """Test that the numeric outcome ∂f/∂a equals torch autograd on the same expression, and that
    that it is the sum of both uses' derivatives."""
    step = TOUR.steps[TOUR.index("reuse")]
    configs = _configs("reuse")
    cfg = configs["ExprConfig"]
    leaves = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True)
              for k, v in parse_values(cfg.values).items()}  # fmt: skip
    assert set(cfg.expr) <= set("ab*+ ")  # plain arithmetic: python evaluates it on tensors
    eval(cfg.expr, {"__builtins__": {}}, leaves).backward()  # noqa: S307
    assert step.outcome(configs) == pytest.approx(leaves[EXPR_VAR].grad.item(), rel=1e-12)
    a, b = leaves["a"].item(), leaves["b"].item()
    assert step.outcome(configs) == pytest.approx(2 * a + b)  # d(a·a)/da + d(a·b)/da: both uses


def _torch_deep_norms(cfg) -> np.ndarray:
    """‖∂L/∂W_l‖ of the deep stack, rebuilt as nn.Linear layers from the page's seeded weights."""
    x, y, ws = deep_weights(cfg)
    layers = [torch.nn.Linear(w.shape[1], w.shape[0], bias=False).double() for w in ws]
    for layer, w in zip(layers, ws, strict=True):
        layer.weight.data.copy_(w)
    act = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": F.relu}[cfg.deep_act]
    h = x
    for layer in layers[:-1]:
        h = act(layer(h))
    F.mse_loss(layers[-1](h), y).backward()
    return np.array([layer.weight.grad.norm().item() for layer in layers])


def test_twenty_sigmoid_layers_starve_the_first_layer():
    """Test that "last" is right: after the change the first layer's gradient norm is a tiny
    fraction of the last hidden layer's (torch nn.Linear rebuild and the page's compute agree),
    while before it (ReLU, He) the two are within a factor of 10."""
    assert TOUR.steps[TOUR.index("vanish")].answer == "last"
    before = _torch_deep_norms(_configs("vanish", revealed=False)["DeepConfig"])
    cfg = _configs("vanish")["DeepConfig"]
    after = _torch_deep_norms(cfg)
    assert 0.1 < before[0] / before[-2] < 10
    assert after[0] < 1e-3 * after[-2]
    np.testing.assert_allclose(deep_gradients(cfg).grad_norms, after, rtol=1e-9)


def test_the_page_opens_the_walkthrough_at_a_linked_step():
    """Test that the lesson page, opened with tour=<slug>&step=2, shows step 2's text, no error."""
    at = page_test("backprop", {"tour": "backprop", "step": "2"})
    assert not at.exception
    assert load_catalogue("en")[f"backprop.tour.{TOUR.steps[1].id}.text"] in texts(at)
