"""Which digits to show: training digits the model gets right although they look odd (the
highest-loss correct ones: memorised), and test digits it gets wrong (most confident first)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from vizlib.lessons.overfitting.trainer import Learner, Trainer, per_digit

GALLERY_TRAIN = 2000  # training digits scored for the gallery (all of them when fewer)


@dataclass(frozen=True)
class Picks:
    """Chosen digits: indices into the bundle split, true labels, predictions, p(true)."""

    index: np.ndarray
    label: np.ndarray
    pred: np.ndarray
    p_true: np.ndarray


def odd_correct(loss: np.ndarray, preds: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k correctly predicted digits with the highest loss, highest first."""
    ok = np.flatnonzero(preds == labels)
    return ok[np.argsort(-loss[ok], kind="stable")][:k]


def worst_wrong(loss: np.ndarray, preds: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k wrongly predicted digits with the highest loss, highest first."""
    bad = np.flatnonzero(preds != labels)
    return bad[np.argsort(-loss[bad], kind="stable")][:k]


def _picks(index: np.ndarray, pos: np.ndarray, labels, preds, probs) -> Picks:
    return Picks(index[pos], labels[pos], preds[pos], probs[pos, labels[pos]])


def gallery(tr: Trainer, learner: Learner, k: int) -> tuple[Picks, Picks]:
    """(odd-looking training digits it gets right, test digits it gets wrong)."""
    fit = tr.split.fit[:GALLERY_TRAIN]
    y_fit = tr.y_train[torch.from_numpy(fit)]
    loss, preds, probs = per_digit(learner.model, tr.x_train[torch.from_numpy(fit)], y_fit)
    labels = y_fit.numpy()
    train = _picks(fit, odd_correct(loss, preds, labels, k), labels, preds, probs)
    loss, preds, probs = per_digit(learner.model, tr.x_test, tr.y_test)
    labels, all_test = tr.y_test.numpy(), np.arange(len(tr.y_test))
    test = _picks(all_test, worst_wrong(loss, preds, labels, k), labels, preds, probs)
    return train, test
