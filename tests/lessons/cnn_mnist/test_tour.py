"""Test that the CNN walkthrough is sound and that its answers are what the page's trainer
computes (same data, architecture, seed and settings, a bounded number of steps)."""

from __future__ import annotations

import functools

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.apptest import page_test
from tests.conftest import ROOT
from vizlib.core.config import format_value
from vizlib.core.mnist import MnistData, load_npz
from vizlib.lessons.cnn_mnist.config import MAX_STEPS, CnnMnistConfig
from vizlib.lessons.cnn_mnist.tour import CHOICE_DIGITS, TOUR
from vizlib.lessons.cnn_mnist.trainer import CnnTrainer, to_float

STEPS = 100  # of the page's MAX_STEPS: the default network is near 90% test accuracy by then
CHECKS = (50, STEPS)  # the prediction is read at each of these steps


@functools.cache
def _data() -> MnistData:
    torch.set_num_threads(1)
    return load_npz((ROOT / "assets" / "mnist" / "mnist_subset.npz").read_bytes())


@functools.cache
def _trained(cfg: CnnMnistConfig) -> dict[int, tuple[float, np.ndarray, bool]]:
    """{step: (test accuracy, predictions on the test split, block 2 silent)} at CHECKS, trained
    as the page trains (its trainer, seed and live settings)."""
    assert max(CHECKS) <= MAX_STEPS
    data = _data()
    tr = CnnTrainer(data, cfg.arch(), cfg.seed)
    tr.set_hparams(cfg.optimizer, cfg.lr, cfg.batch, cfg.dropout)
    out = {}
    for step in range(1, max(CHECKS) + 1):
        tr.train_step()
        if step in CHECKS:
            ev = tr.evaluate()
            out[step] = (ev.accuracy, ev.preds.copy(), _block2_silent(tr))
    return out


@torch.no_grad()
def _block2_silent(tr: CnnTrainer) -> bool:
    """Whether block 2's ReLUs output 0 for every one of the first 500 test digits."""
    tr.model.eval()
    layers = dict(tr.model.layers(to_float(tr.x_test[:500])))
    return bool((layers["conv2"] == 0).all())


def _at(step_id: str, revealed: bool = True) -> CnnMnistConfig:
    return TOUR.configs_at(TOUR.index(step_id), revealed)["CnnMnistConfig"]


def _step(step_id: str):
    return TOUR.steps[TOUR.index(step_id)]


def test_the_trained_cnn_predicts_the_stated_digit():
    """Test that after bounded training the CNN's prediction for the walkthrough's test digit is
    the stated answer at every check, that it is the digit's true label, and that the untrained
    network predicted something else."""
    cfg = _at("which")
    assert cfg.view == "maps"
    want = CHOICE_DIGITS[_step("which").answer]
    for _, preds, _ in _trained(cfg).values():
        assert preds[cfg.digit] == want
    assert _data().y_test[cfg.digit] == want
    untrained = CnnTrainer(_data(), cfg.arch(), cfg.seed).predict(_data().x_test[cfg.digit][None])
    assert untrained.argmax() != want  # the set-up step: before training its guess is another


def test_learning_rate_0_1_leaves_the_cnn_stuck_at_one_answer():
    """Test that at learning rate 0.1 block 2 falls silent and the CNN answers the same digit for
    every test image (so accuracy stays near chance), while at 0.003 it has learned by then."""
    assert _step("lr_high").answer == "stuck"
    fast, calm = _at("lr_high"), _at("lr_high", revealed=False)
    assert (fast.lr, calm.lr) == (0.1, 0.003)
    acc, preds, silent = _trained(fast)[STEPS]
    assert silent  # the reveal's reason: block 2's ReLUs are 0 for every digit
    assert len(set(preds.tolist())) == 1
    assert acc <= 0.2
    calm_acc, _, calm_silent = _trained(calm)[STEPS]
    assert calm_acc > 0.8 and not calm_silent


def test_the_last_map_height_with_pooling_matches_torch():
    """Test that the numeric answer is the height of the last pooled maps the model computes
    (torch's F.max_pool2d inside the network), and that without pooling the maps stay full size."""
    cfg, before = _at("pool"), _at("pool", revealed=False)
    assert cfg.pool and not before.pool
    outcome = _step("pool").outcome
    for c in (cfg, before):
        tr = CnnTrainer(_data(), c.arch(), c.seed)
        maps = [m for _, m in tr.feature_maps(_data().x_test[c.digit]) if m.ndim == 3]
        assert outcome({"CnnMnistConfig": c}) == maps[-1].shape[1]
    image = to_float(_data().x_test[:1])
    assert F.max_pool2d(F.max_pool2d(image, 2), 2).shape[-1] == outcome({"CnnMnistConfig": cfg})


@pytest.mark.parametrize("revealed", [False, True])
def test_every_step_opens_the_page_as_its_link_would(revealed):
    """Test that the page opened with each step's settings in the URL renders with no exception
    or error, and its widgets hold the step's config; unrevealed, through the walkthrough panel
    itself (`tour=<slug>&step=k`, which loads the step's state)."""
    for k in range(len(TOUR.steps)):
        query = TOUR.query_at(k, revealed)
        panel = {} if revealed else {"tour": TOUR.slug, "step": str(k + 1)}
        at = page_test(TOUR.slug, query | panel)
        assert not at.exception and not at.error, (k, revealed)
        assert bool(panel) == any(b.key == f"_tour.{TOUR.slug}.next" for b in at.button)
        checked = 0
        for cfg in TOUR.configs_at(k, revealed).values():
            for key, value in cfg.to_query().items():
                if key in query and key in at.session_state:
                    assert format_value(at.session_state[key]) == value, (k, key)
                    checked += 1
        assert checked >= len(query) // 2, (k, checked, len(query))
