"""Test the loss lesson's walkthrough: its shape, its states as links, its texts, its answers."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from tests.apptest import page_test, texts
from vizlib.core.parsing import parse_vector
from vizlib.lessons.losses.report import evaluate
from vizlib.lessons.losses.tour import TOUR
from vizlib.ui.i18n import load_catalogue


def _cfg(step_id: str, revealed: bool = True):
    return TOUR.configs_at(TOUR.index(step_id), revealed)["LossConfig"]


def _t(text: str) -> torch.Tensor:
    return torch.tensor(parse_vector(text), dtype=torch.float64)


def _torch_ce_probs(cfg) -> float:
    """Categorical cross-entropy on given probabilities, by torch (nll of log p)."""
    target = int(torch.argmax(_t(cfg.ce_true)))
    return F.nll_loss(torch.log(_t(cfg.ce_pred))[None], torch.tensor([target])).item()


def test_every_step_is_a_valid_page_state():
    """Test that the page evaluates every step's inputs without an input error."""
    for k in range(len(TOUR.steps)):
        for revealed in (False, True):
            evaluate(TOUR.configs_at(k, revealed)["LossConfig"])


def test_doubling_every_error_quadruples_the_mse():
    """Test that "four" is right: torch's MSE after the change is four times the MSE before."""
    assert TOUR.steps[TOUR.index("double")].answer == "four"
    before, after = _cfg("double", revealed=False), _cfg("double")
    mse = [F.mse_loss(_t(c.mse_pred), _t(c.mse_true)).item() for c in (before, after)]
    assert mse[1] / mse[0] == pytest.approx(4.0)
    assert evaluate(after).result.value == pytest.approx(mse[1])


def test_a_confident_mistake_costs_more_than_ten_times_as_much():
    """Test that "over10" is right: torch's cross-entropy grows more than tenfold at the change."""
    assert TOUR.steps[TOUR.index("wrong")].answer == "over10"
    before, after = _torch_ce_probs(_cfg("wrong", False)), _torch_ce_probs(_cfg("wrong"))
    assert after > 10 * before
    assert evaluate(_cfg("wrong")).result.value == pytest.approx(after)


def test_the_true_logit_gradient_is_negative():
    """Test that "negative" is right: torch autograd gives ∂L/∂z₁ < 0 for the true class."""
    assert TOUR.steps[TOUR.index("logit")].answer == "negative"
    cfg = _cfg("logit")
    z = _t(cfg.ce_logits).requires_grad_(True)
    target = torch.tensor([int(torch.argmax(_t(cfg.ce_true)))])
    F.cross_entropy(z[None], target).backward()
    assert target.item() == 0 and z.grad[0].item() < 0
    assert evaluate(cfg).result.grad[0] == pytest.approx(z.grad[0].item())


def test_the_page_opens_the_walkthrough_at_a_linked_step():
    """Test that the lesson page, opened with tour=<slug>&step=2, shows step 2's text, no error."""
    at = page_test("losses", {"tour": "losses", "step": "2"})
    assert not at.exception
    assert load_catalogue("en")[f"losses.tour.{TOUR.steps[1].id}.text"] in texts(at)
