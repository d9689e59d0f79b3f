"""Test the data split (indices into the bundle) and augmentation against torch references."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core.errors import InputError
from vizlib.lessons.overfitting.config import OverfittingConfig
from vizlib.lessons.overfitting.data import (
    affine,
    augment,
    max_train,
    shift_images,
    split_indices,
    to_float,
    val_size,
)


def _batch(digits, n=16):
    return to_float(digits.x_train[:n]), torch.from_numpy(digits.y_train[:n]).long()


def test_split_is_disjoint_balanced_and_sized(digits):
    """Test that fit and validation digits never overlap and are balanced across the 10 digits."""
    s = split_indices(digits.y_train, 200, seed=3)
    assert len(s.fit) == 200 and len(s.val) == val_size(200)
    assert not set(s.fit) & set(s.val)
    counts = np.bincount(digits.y_train[s.fit], minlength=10)
    assert counts.min() == counts.max() == 20


@pytest.mark.parametrize("n", [0, 49, -5])
def test_too_few_training_digits_is_an_input_error(digits, n):
    """Test that a training set below the minimum (0 included) raises InputError("too_few")."""
    with pytest.raises(InputError) as e:
        split_indices(digits.y_train, n, seed=0)
    assert e.value.key == "too_few"


def test_more_digits_than_the_bundle_is_an_input_error(digits):
    """Test that asking for more training digits than the bundle holds raises "too_many"."""
    n = len(digits.y_train)
    with pytest.raises(InputError) as e:
        split_indices(digits.y_train, n, seed=0)
    assert e.value.key == "too_many" and e.value.detail["bundle"] == n


def test_max_train_leaves_room_for_validation_and_matches_the_config(digits):
    """Test that max_train is the largest n with n + val_size(n) digits in the bundle, and that
    the config's upper bound is that number for the bundled 20,000 training digits."""
    for bundle in (300, 1234, len(digits.y_train)):
        n = max_train(bundle)
        assert n + val_size(n) <= bundle < n + 1 + val_size(n + 1)
    assert max_train(len(digits.y_train)) == OverfittingConfig.spec("n_train").metadata["hi"]


def test_zero_shift_and_rotation_is_the_identity(digits):
    """Test that augmentation with shift 0 and rotation 0 returns the batch unchanged."""
    x, _ = _batch(digits)
    gen = torch.Generator().manual_seed(0)
    assert torch.equal(augment(x, 0, 0, gen), x)
    zeros = torch.zeros(len(x))
    assert torch.allclose(affine(x, zeros, zeros, zeros), x, atol=1e-5)


@settings(max_examples=25, deadline=None)
@given(dx=st.integers(-4, 4), dy=st.integers(-4, 4))
def test_integer_shift_matches_a_zero_filled_roll(dx, dy):
    """Test that shifts (exact and via the affine grid) equal torch.roll with the wrap zeroed."""
    x = torch.rand(1, 1, 28, 28)
    ref = torch.roll(x, shifts=(dy, dx), dims=(2, 3))
    if dy > 0:
        ref[..., :dy, :] = 0
    elif dy < 0:
        ref[..., dy:, :] = 0
    if dx > 0:
        ref[..., :dx] = 0
    elif dx < 0:
        ref[..., dx:] = 0
    t = torch.tensor
    assert torch.equal(shift_images(x, t([dx]), t([dy])), ref)
    assert torch.allclose(affine(x, t([dx]), t([dy]), t([0.0])), ref, atol=1e-5)


def test_rotation_by_90_degrees_matches_rot90(digits):
    """Test that a 90-degree rotation equals torch.rot90 (clockwise, k=-1) on the pixel grid."""
    x, _ = _batch(digits, 4)
    out = affine(x, torch.zeros(4), torch.zeros(4), torch.full((4,), 90.0))
    assert torch.allclose(out, torch.rot90(x, -1, dims=(2, 3)), atol=1e-5)


@settings(max_examples=15, deadline=None)
@given(shift=st.integers(0, 4), rotate=st.floats(0, 30), seed=st.integers(0, 999))
def test_augmentation_keeps_shape_range_and_labels(digits, shift, rotate, seed):
    """Test that augmented images stay in [0, 1] with the same shape, and labels are untouched:
    each image moves only by a small shift/rotation, so its ink stays mostly inside the frame."""
    x, y = _batch(digits)
    y_before = y.clone()
    out = augment(x, shift, rotate, torch.Generator().manual_seed(seed))
    assert out.shape == x.shape and out.min() >= 0 and out.max() <= 1
    assert torch.equal(y, y_before)
    ink = out.sum(dim=(1, 2, 3)) / x.sum(dim=(1, 2, 3))
    assert ink.min() > 0.8  # the digit is still there (MNIST digits sit in a 20x20 box)


def test_augmentation_is_seeded(digits):
    """Test that the same generator seed gives the same augmented batch, another seed differs."""
    x, _ = _batch(digits)
    a = augment(x, 2, 15, torch.Generator().manual_seed(1))
    b = augment(x, 2, 15, torch.Generator().manual_seed(1))
    c = augment(x, 2, 15, torch.Generator().manual_seed(2))
    assert torch.equal(a, b) and not torch.equal(a, c)
