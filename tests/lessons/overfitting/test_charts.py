"""Test the lab's figures on synthetic arrays: the shaded gap, markers, race and sweep traces."""

import numpy as np

from tests.apptest import values
from vizlib.lessons.overfitting import charts as ch

LABELS = {"title": "T", "x": "x", "y": "y", "gap": "gap", "best": "best", "stop": "stop"}


def test_gap_is_filled_between_test_and_train():
    """Test that the gap trace follows train and fills down to the test trace drawn before it."""
    steps, train, val, test = [0, 20, 40], [0.1, 0.9, 1.0], [0.1, 0.7, 0.72], [0.1, 0.7, 0.71]
    series = {"train": ("tr", train), "val": ("va", val), "test": ("te", test)}
    fig = ch.gap_curves_figure(steps, series, LABELS, best=(40, 0.72), stop_step=40)
    names = [t.name for t in fig.data]
    gap = fig.data[names.index("gap")]
    assert names.index("te") == names.index("gap") - 1 and gap.fill == "tonexty"
    assert list(values(gap.y)) == train
    star = fig.data[names.index("best")]
    assert list(star.x) == [40] and list(star.y) == [0.72]
    assert fig.layout.shapes[0].x0 == 40


def test_race_figure_has_train_and_test_for_a_and_b():
    """Test that the race chart holds four lines: A and B, train dashed and test solid."""
    labels = {"title": "R", "x": "s", "y": "a", "A": "A", "B": "B", "train": "tr", "test": "te"}
    curves = {"A": ([0.5, 1.0], [0.5, 0.7]), "B": ([0.5, 0.9], [0.5, 0.8])}
    fig = ch.race_figure([0, 20], curves, labels)
    assert [t.name for t in fig.data] == ["A · tr", "A · te", "B · tr", "B · te"]
    assert [t.line.dash for t in fig.data] == ["dash", "solid", "dash", "solid"]


def test_sweep_figure_uses_a_log_width_axis():
    """Test that the sweep plots errors against width on a log axis, gap shaded."""
    labels = {"title": "S", "x": "w", "y": "e", "train": "tr", "test": "te", "gap": "gap"}
    fig = ch.sweep_figure([2, 16, 128], [0.5, 0.0, 0.0], [0.6, 0.3, 0.25], labels)
    assert fig.layout.xaxis.type == "log"
    assert [t.name for t in fig.data] == ["te", "gap", "tr"] and fig.data[1].fill == "tonexty"


def test_digits_figure_tiles_images_side_by_side_with_captions():
    """Test that N digits become one 28-row mosaic with N captions and gaps in between."""
    imgs = np.random.default_rng(0).random((3, 28, 28))
    fig = ch.digits_figure(imgs, ["a", "b", "c"], "D")
    z = np.array(fig.data[0].z, dtype=float)
    assert z.shape == (28, 3 * 28 + 2 * 2)
    assert np.allclose(z[:, 30:58], imgs[1].round(3)) and np.isnan(z[:, 28:30]).all()
    assert [a.text for a in fig.layout.annotations] == ["a", "b", "c"]
