"""Test that the losses and their gradients agree with torch.nn.functional and autograd."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.lessons.losses.functions import (
    bce,
    cross_entropy_logits,
    cross_entropy_probs,
    loss_curve,
    loss_vs_true_prob,
    mse,
    softmax,
)

vec = st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=6)
prob = st.floats(1e-6, 1 - 1e-6)


@settings(max_examples=50, deadline=None)
@given(data=st.data(), ys=vec)
def test_mse_matches_torch(data, ys):
    """Test that MSE and its gradient equal F.mse_loss (mean) and autograd."""
    preds = data.draw(st.lists(st.floats(-10, 10), min_size=len(ys), max_size=len(ys)))
    tp = torch.tensor(preds, dtype=torch.float64, requires_grad=True)
    loss = F.mse_loss(tp, torch.tensor(ys, dtype=torch.float64))
    loss.backward()
    r = mse(np.array(ys), np.array(preds))
    assert r.value == pytest.approx(loss.item(), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(r.grad, tp.grad.numpy(), atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(ps=st.lists(prob, min_size=1, max_size=5), data=st.data())
def test_bce_matches_torch(ps, data):
    """Test that BCE and its gradient equal F.binary_cross_entropy and autograd."""
    ys = data.draw(st.lists(st.sampled_from([0.0, 1.0, 0.3]), min_size=len(ps), max_size=len(ps)))
    tp = torch.tensor(ps, dtype=torch.float64, requires_grad=True)
    loss = F.binary_cross_entropy(tp, torch.tensor(ys, dtype=torch.float64))
    loss.backward()
    r = bce(np.array(ys), np.array(ps))
    assert r.value == pytest.approx(loss.item(), rel=1e-10)
    np.testing.assert_allclose(r.grad, tp.grad.numpy(), rtol=1e-8, atol=1e-10)


def test_bce_clamps_log_like_torch():
    """Test that p = 0 with y = 1 gives torch's clamped value (100), not inf."""
    want = F.binary_cross_entropy(torch.tensor([0.0]), torch.tensor([1.0])).item()
    assert bce(np.array([1.0]), np.array([0.0])).value == pytest.approx(want)


@settings(max_examples=50, deadline=None)
@given(logits=st.lists(st.floats(-30, 30), min_size=2, max_size=6), data=st.data())
def test_categorical_ce_on_logits_matches_torch(logits, data):
    """Test that CE over softmax(logits) and its logit gradient equal F.cross_entropy."""
    k = data.draw(st.integers(0, len(logits) - 1))
    y = np.zeros(len(logits))
    y[k] = 1.0
    tz = torch.tensor([logits], dtype=torch.float64, requires_grad=True)
    loss = F.cross_entropy(tz, torch.tensor(y[None]))
    loss.backward()
    r = cross_entropy_logits(y, np.array(logits))
    assert r.value == pytest.approx(loss.item(), rel=1e-10, abs=1e-12)
    np.testing.assert_allclose(r.grad, tz.grad.numpy()[0], atol=1e-10)
    np.testing.assert_allclose(r.probs, torch.softmax(tz, 1).detach().numpy()[0], atol=1e-12)


def test_categorical_ce_on_probabilities_matches_autograd():
    """Test the curriculum's preset form: true [1, 0], predicted [0.8, 0.2], against autograd."""
    tp = torch.tensor([0.8, 0.2], dtype=torch.float64, requires_grad=True)
    y = torch.tensor([1.0, 0.0], dtype=torch.float64)
    loss = -(y * torch.log(tp)).sum()
    loss.backward()
    r = cross_entropy_probs(y.numpy(), tp.detach().numpy())
    assert r.value == pytest.approx(loss.item())
    np.testing.assert_allclose(r.grad, tp.grad.numpy())


def test_softmax_sums_to_one_with_huge_logits():
    """Test that softmax is stable for large logits and matches torch."""
    z = np.array([1000.0, 1001.0, -1000.0])
    np.testing.assert_allclose(softmax(z), torch.softmax(torch.tensor(z), 0).numpy())


def test_loss_curve_matches_the_losses():
    """Test that the loss-vs-probability curve equals the losses evaluated at those points."""
    p = np.array([0.1, 0.5, 0.9])
    for i, pi in enumerate(p):
        pred = np.array([pi, 1 - pi])
        assert loss_vs_true_prob("mse", 2, p)[i] == pytest.approx(mse([1, 0], pred).value)
        assert loss_vs_true_prob("ce", 2, p)[i] == pytest.approx(
            cross_entropy_probs([1, 0], pred).value
        )


def test_loss_curve_passes_through_the_current_point():
    """Test that each loss curve, evaluated at the current prediction, equals the loss itself."""
    y, pred = np.array([2.0, 3.0, 4.0]), np.array([1.5, 2.0, 2.5])
    assert loss_curve("mse", y, pred, np.array([1.5]))[0] == pytest.approx(mse(y, pred).value)
    yb, pb = np.array([1.0, 0.0]), np.array([0.8, 0.2])
    assert loss_curve("bce", yb, pb, np.array([0.8]))[0] == pytest.approx(bce(yb, pb).value)
    yc, z = np.array([0.0, 1.0, 0.0]), np.array([2.0, 1.0, 0.1])
    p_true = softmax(z)[1]
    got = loss_curve("ce", yc, z, np.array([p_true]), logits=True)[0]
    assert got == pytest.approx(cross_entropy_logits(yc, z).value)
