"""Test the neuron's walkthrough: its shape, its states as links, its texts, its answer keys."""

from __future__ import annotations

import pytest
import torch

from tests.apptest import page_test, texts
from tests.core.test_activations import TORCH
from vizlib.lessons.neuron.model import neuron_forward
from vizlib.lessons.neuron.tour import TOUR
from vizlib.ui.i18n import load_catalogue


def _cfg(step_id: str, revealed: bool = True):
    return TOUR.configs_at(TOUR.index(step_id), revealed)["NeuronConfig"]


def _autograd(cfg) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """y, dy/dz and dy/dw of the neuron, computed by torch."""
    w = torch.tensor(cfg.w, dtype=torch.float64, requires_grad=True)
    z = (w * torch.tensor(cfg.x, dtype=torch.float64)).sum() + cfg.b
    z.retain_grad()
    y = TORCH[cfg.act](z)
    y.backward()
    return y.detach(), z.grad, w.grad


def test_a_large_z_makes_the_sigmoid_derivative_tiny():
    """Test that "tiny" is right: after the change, torch's dy/dz is near 0 and far below before."""
    step = TOUR.steps[TOUR.index("saturate")]
    _, before, _ = _autograd(_cfg("saturate", revealed=False))
    _, after, _ = _autograd(_cfg("saturate"))
    assert step.answer == "tiny"
    assert after.item() < 0.01 and after.item() < 0.1 * before.item()
    assert neuron_forward(_cfg("saturate")).dy_dz == pytest.approx(after.item(), abs=1e-12)


def test_the_numeric_outcome_is_torchs_output():
    """Test that the zero-weights step's outcome is the output torch computes for that neuron."""
    step = TOUR.steps[TOUR.index("zero")]
    configs = TOUR.configs_at(TOUR.index("zero"), revealed=True)
    y, _, _ = _autograd(configs["NeuronConfig"])
    assert step.outcome(configs) == pytest.approx(y.item(), abs=1e-12)


def test_negative_weights_kill_the_relu_gradient():
    """Test that "zero" is right: torch's dy/dw1 is positive before the change and 0 after it."""
    step = TOUR.steps[TOUR.index("dead")]
    _, _, grad_before = _autograd(_cfg("dead", revealed=False))
    _, _, grad_after = _autograd(_cfg("dead"))
    assert step.answer == "zero"
    assert grad_before[0].item() > 0 and grad_after[0].item() == 0.0
    assert neuron_forward(_cfg("dead")).dy_dw[0] == 0.0


def test_the_page_opens_the_walkthrough_at_a_linked_step():
    """Test that the lesson page, opened with tour=<slug>&step=2, shows step 2's text, no error."""
    at = page_test("neuron", {"tour": "neuron", "step": "2"})
    assert not at.exception
    assert load_catalogue("en")[f"neuron.tour.{TOUR.steps[1].id}.text"] in texts(at)
