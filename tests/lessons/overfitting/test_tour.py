"""Test that the overfitting lab's walkthrough is sound and that its answers are what training
shows (the page's trainer, seed and settings, a bounded number of steps)."""

from __future__ import annotations

import functools

import pytest

from tests.apptest import page_test
from vizlib.core.config import format_value
from vizlib.lessons.overfitting.config import OverfittingConfig
from vizlib.lessons.overfitting.tour import TOUR
from vizlib.lessons.overfitting.trainer import History, Trainer
from vizlib.lessons.overfitting.view_lab import MAX_STEPS

STEPS = 400  # of the page's MAX_STEPS; 100 digits are memorised within the first 100
SAME = 0.02  # accuracies within this of each other count as "the same"


@pytest.fixture(scope="module")
def run(digits):
    """Train a config as the lab does (one learner, its batch, patience and remedies)."""

    @functools.cache
    def train(cfg: OverfittingConfig) -> History:
        assert STEPS <= MAX_STEPS and cfg.mode == "lab"
        tr = Trainer(digits, [cfg.net()], cfg.n_train, cfg.seed)
        tr.batch, tr.patience = cfg.batch, cfg.patience
        tr.learners[0].set_remedies(cfg.remedies())
        for _ in range(STEPS):
            tr.train_step()
        return tr.learners[0].history

    return train


def _at(step_id: str, revealed: bool = True) -> OverfittingConfig:
    return TOUR.configs_at(TOUR.index(step_id), revealed)["OverfittingConfig"]


def _answer(step_id: str) -> str:
    return TOUR.steps[TOUR.index(step_id)].answer


def _gap(h: History, i: int = -1) -> float:
    return h.train_acc[i] - h.test_acc[i]  # as the page's shaded band and "Gap" metric


def test_a_wide_net_on_100_digits_opens_a_gap(run):
    """Test that train accuracy reaches 100% while test accuracy stays far below: the gap, near 0
    before training, grows."""
    assert _answer("gap") == "grows"
    cfg = _at("gap")
    assert cfg.n_train == 100 and cfg.width == 512 and cfg.dropout == 0 and cfg.shift == 0
    h = run(cfg)
    assert h.train_acc[-1] == 1.0
    assert _gap(h) > abs(_gap(h, 0)) + 0.2


def test_validation_loss_rises_after_train_accuracy_reaches_100_percent(run):
    """Test that, from the first evaluation at 100% train accuracy, the validation loss ends
    higher than there, and its lowest point lies before the end."""
    assert _answer("val_loss") == "rises"
    h = run(_at("val_loss"))
    first = h.train_acc.index(1.0)
    assert h.val_loss[-1] > h.val_loss[first]
    assert min(h.val_loss) < h.val_loss[-1]


def test_fifty_times_more_digits_shrink_the_gap(run):
    """Test that with 5,000 digits the train-test gap after the same steps is smaller."""
    assert _answer("more_data") == "smaller"
    before, after = _at("more_data", revealed=False), _at("more_data")
    assert (before.n_train, after.n_train) == (100, 5000)
    assert _gap(run(after)) < _gap(run(before))


def test_the_remedies_raise_test_accuracy_on_100_digits(run):
    """Test that dropout, augmentation and weight decay end with a higher test accuracy than the
    same 100 digits without them (by more than SAME)."""
    assert _answer("remedies") == "higher"
    bare, treated = _at("remedies", revealed=False), _at("remedies")
    assert bare == _at("gap") and treated.dropout > 0 and treated.shift > 0
    assert run(treated).test_acc[-1] > run(bare).test_acc[-1] + SAME


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
