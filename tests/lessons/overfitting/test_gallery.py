"""Test the gallery's picks: memorised odd digits are correct with the highest loss, missed
test digits are wrong, and the numbers match torch's cross-entropy."""

import numpy as np
import torch
import torch.nn.functional as F

from vizlib.lessons.overfitting.data import to_float
from vizlib.lessons.overfitting.gallery import gallery, odd_correct, worst_wrong
from vizlib.lessons.overfitting.models import NetSpec
from vizlib.lessons.overfitting.trainer import Trainer


def test_pickers_on_a_small_example():
    """Test the order and filter of both pickers on hand-checkable arrays."""
    loss = np.array([0.1, 2.0, 0.5, 3.0, 1.0])
    preds, labels = np.array([1, 2, 3, 0, 4]), np.array([1, 5, 3, 1, 4])
    assert list(odd_correct(loss, preds, labels, 2)) == [4, 2]
    assert list(worst_wrong(loss, preds, labels, 5)) == [3, 1]


def test_gallery_picks_match_the_models_own_predictions(digits):
    """Test that odd picks are right, wrong picks are wrong, and p(true) is torch's softmax."""
    tr = Trainer(digits, [NetSpec("mlp", 32, 1)], 100, seed=0)
    for _ in range(30):
        tr.train_step()
    model = tr.learners[0].model.eval()
    odd, wrong = gallery(tr, tr.learners[0], 5)
    with torch.no_grad():
        lo = model(to_float(digits.x_train[odd.index]))
        lw = model(to_float(digits.x_test[wrong.index]))
    assert (lo.argmax(1).numpy() == digits.y_train[odd.index]).all()
    assert (lw.argmax(1).numpy() != digits.y_test[wrong.index]).all()
    p = F.softmax(lo, 1)[torch.arange(len(odd.index)), torch.from_numpy(odd.label).long()]
    assert np.allclose(p.numpy(), odd.p_true, atol=1e-6)
    assert set(odd.index) <= set(tr.split.fit)
