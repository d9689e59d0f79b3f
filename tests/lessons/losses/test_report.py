"""Test that the loss lesson validates typed input and reports torch-checked numbers."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from vizlib.core.errors import InputError
from vizlib.lessons.losses.report import LossConfig, evaluate


def test_curriculum_mse_preset_matches_torch():
    """Test the MSE preset (true [2,3,4], predicted [1.5,2,2.5]): value and gradient vs torch."""
    rep = evaluate(LossConfig(kind="mse"))
    tp = torch.tensor([1.5, 2.0, 2.5], dtype=torch.float64, requires_grad=True)
    loss = F.mse_loss(tp, torch.tensor([2.0, 3.0, 4.0], dtype=torch.float64))
    loss.backward()
    assert rep.result.value == pytest.approx(loss.item())
    np.testing.assert_allclose(rep.result.grad, tp.grad.numpy())


def test_ce_logits_report_softmax_probabilities():
    """Test that with logits the report's predictions are torch's softmax."""
    rep = evaluate(LossConfig(kind="ce", ce_input="logits", ce_true="0, 1, 0"))
    want = torch.softmax(torch.tensor([2.0, 1.0, 0.1], dtype=torch.float64), 0).numpy()
    np.testing.assert_allclose(rep.pred, want)
    assert rep.curve_x == pytest.approx(want[1])


@pytest.mark.parametrize(
    "cfg,code",
    [
        (LossConfig(mse_pred="1, 2"), "length_mismatch"),
        (LossConfig(kind="bce", bce_pred="1.2, 0"), "pred_not_prob"),
        (LossConfig(kind="ce", ce_pred="0.5, 0.2"), "pred_sum"),
        (LossConfig(kind="ce", ce_true="1, 1"), "target_sum"),
        (LossConfig(kind="bce", bce_true="2, 0"), "target_not_prob"),
        (LossConfig(mse_true="hello"), "not_number"),
    ],
)
def test_bad_inputs_are_refused_with_reasons(cfg, code):
    """Test that each invalid combination raises InputError with the expected reason."""
    with pytest.raises(InputError) as err:
        evaluate(cfg)
    assert err.value.key == code
