"""Pooling edge rules (floor, ceil, far-edge padding) checked against F.max_pool2d, F.avg_pool2d."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.lessons.convolution import conv


def _t(x: np.ndarray) -> torch.Tensor:
    return torch.tensor(x, dtype=torch.float64)[None, None]


def _far_pad(n: int, k: int, s: int, p: int) -> int:
    """Cells to add at the far edge so no input row is left out (0 when none is)."""
    floor_out = (n + 2 * p - k) // s + 1
    dropped = n - ((floor_out - 1) * s + k - p)
    return (s - (n + 2 * p - k) % s) % s if dropped > 0 else 0


def torch_pool(x: np.ndarray, k: int, s: int, p: int, mode: str, edge: str) -> np.ndarray:
    """torch's answer: ceil_mode=True for "ceil"; F.pad with −∞ (max) or 0 (avg) for "pad"."""
    fn = F.max_pool2d if mode == "max" else F.avg_pool2d
    if edge != "pad":
        return fn(_t(x), k, stride=s, padding=p, ceil_mode=edge == "ceil")[0, 0].numpy()
    r, c = (_far_pad(n, k, s, p) for n in x.shape)
    fill = -np.inf if mode == "max" else 0.0
    padded = F.pad(_t(x), (p, p + c, p, p + r), value=fill)
    return fn(padded, k, stride=s)[0, 0].numpy()


@st.composite
def pool_case(draw):
    """A random input with a pooling window, stride and padding torch accepts."""
    k = draw(st.integers(1, 4))
    s = draw(st.integers(1, 4))
    p = draw(st.integers(0, k // 2))
    h, w = draw(st.integers(k, 12)), draw(st.integers(k, 12))
    seed = draw(st.integers(0, 2**31 - 1))
    return np.random.default_rng(seed).normal(size=(h, w)), k, s, p


@settings(max_examples=60, deadline=None)
@given(pool_case(), st.sampled_from(conv.POOL_MODES), st.sampled_from(conv.POOL_EDGES))
def test_pool2d_matches_torch_under_every_edge_rule(case, mode, edge):
    """Test that pool2d equals torch (ceil_mode=True, or −∞/0 far-edge padding) on random cases."""
    x, k, s, p = case
    theirs = torch_pool(x, k, s, p, mode, edge)
    np.testing.assert_allclose(conv.pool2d(x, k, s, p, mode, edge), theirs, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(pool_case(), st.sampled_from(conv.POOL_MODES), st.sampled_from(conv.POOL_EDGES))
def test_pool_step_matches_torch_under_every_edge_rule(case, mode, edge):
    """Test that each position's step value is torch's pooled value there."""
    x, k, s, p = case
    theirs = torch_pool(x, k, s, p, mode, edge)
    for index in range(theirs.size):
        step = conv.pool_step(x, k, s, index, p, mode, edge)
        assert step.value == pytest.approx(theirs[step.out_pos], abs=1e-12)


def test_curriculum_3x3_stride_2_edge_rules():
    """Test that 2×2 max pooling of 1..9 at stride 2 gives torch's 1×1 (floor) and 2×2 (ceil,
    −∞ padding) outputs: the last row and column count only when the edge is kept."""
    x = np.arange(1, 10, dtype=float).reshape(3, 3)
    floor = conv.pool2d(x, 2, 2, edge="floor")
    ceil = conv.pool2d(x, 2, 2, edge="ceil")
    np.testing.assert_array_equal(floor, F.max_pool2d(_t(x), 2, 2)[0, 0].numpy())
    np.testing.assert_array_equal(ceil, F.max_pool2d(_t(x), 2, 2, ceil_mode=True)[0, 0].numpy())
    np.testing.assert_array_equal(conv.pool2d(x, 2, 2, edge="pad"), ceil)
    assert floor.shape == (1, 1) and ceil.shape == (2, 2)


def test_floor_is_the_default_rule():
    """Test that pool2d without an edge rule behaves as before (torch's floor mode)."""
    x = np.arange(25, dtype=float).reshape(5, 5)
    np.testing.assert_array_equal(conv.pool2d(x, 2, 2), conv.pool2d(x, 2, 2, edge="floor"))
    assert conv.pool_geometry(x.shape, 2, 2).out_shape == (2, 2)
