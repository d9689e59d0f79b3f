"""Conv and pooling kernels checked against torch.nn.functional (hypothesis over shapes)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.lessons.convolution import conv

pytestmark = pytest.mark.filterwarnings("ignore:Using padding='same'")


def _t(x: np.ndarray) -> torch.Tensor:
    return torch.tensor(x, dtype=torch.float64)[None, None]


def _torch_conv(x, w, bias, stride, pads, dilation):
    """Torch answer: explicit (possibly asymmetric) zero padding with F.pad, then F.conv2d."""
    (top, bottom), (left, right) = pads
    xp = F.pad(_t(x), (left, right, top, bottom))
    b = torch.tensor([bias], dtype=torch.float64)
    return F.conv2d(xp, _t(w), b, stride=stride, dilation=dilation)[0, 0].numpy()


@st.composite
def conv_case(draw):
    """A random input, kernel, stride, padding mode and dilation with at least one output."""
    kh, kw = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    d, s = draw(st.integers(1, 3)), draw(st.integers(1, 4))
    mode = draw(st.sampled_from(conv.PAD_MODES))
    p = draw(st.integers(0, 3))
    h = draw(st.integers(1, 12))
    w_ = draw(st.integers(1, 12))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(h, w_)),
        rng.normal(size=(kh, kw)),
        float(rng.normal()),
        s,
        mode,
        p,
        d,
    )


@settings(max_examples=50, deadline=None)
@given(conv_case())
def test_conv2d_matches_torch(case):
    """Test that conv2d equals F.pad + F.conv2d for random shapes, strides, paddings, dilations."""
    x, w, bias, s, mode, p, d = case
    g = conv.geometry(x.shape, w.shape, s, mode, p, d)
    if not g.valid:
        with pytest.raises(ValueError):
            conv.conv2d(x, w, bias, s, mode, p, d)
        return
    ours = conv.conv2d(x, w, bias, s, mode, p, d)
    np.testing.assert_allclose(ours, _torch_conv(x, w, bias, s, g.pad, d), atol=1e-10)


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.integers(1, 5),
    st.integers(1, 5),
    st.integers(1, 3),
    st.integers(0, 2**31 - 1),
)
def test_same_padding_matches_torch_same(h, w_, kh, kw, d, seed):
    """Test that "same" at stride 1 equals torch's F.conv2d(padding="same"), even kernels too."""
    rng = np.random.default_rng(seed)
    x, w = rng.normal(size=(h, w_)), rng.normal(size=(kh, kw))
    ours = conv.conv2d(x, w, 0.0, 1, "same", 0, d)
    theirs = F.conv2d(_t(x), _t(w), padding="same", dilation=d)[0, 0].numpy()
    assert ours.shape == (h, w_)
    np.testing.assert_allclose(ours, theirs, atol=1e-10)


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1, 40),
    st.integers(1, 7),
    st.integers(1, 5),
    st.integers(0, 4),
    st.integers(1, 3),
)
def test_output_size_formula_matches_torch_shape(n, k, s, p, d):
    """Test that floor((n + 2p - d(k-1) - 1)/s) + 1 is torch's output size whenever it is >= 1."""
    expected = conv.output_size(n, k, s, p, d)
    x = torch.zeros(1, 1, n, n)
    w = torch.zeros(1, 1, k, k)
    if expected < 1:
        with pytest.raises(RuntimeError):
            F.conv2d(x, w, stride=s, padding=p, dilation=d)
        return
    assert F.conv2d(x, w, stride=s, padding=p, dilation=d).shape[-1] == expected


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 30), st.integers(1, 7), st.integers(1, 5), st.integers(1, 3))
def test_same_padding_output_is_ceil_n_over_s(n, k, s, d):
    """Test that "same" padding gives ceil(n/s) outputs and puts any odd extra at the end."""
    lo, hi = conv.same_padding(n, k, s, d)
    assert conv.output_size(n, k, s, lo, d, hi) == -(-n // s)
    assert hi - lo in (0, 1)


def test_cnn_explainer_edge_case_input4_pad1_kernel3_stride2():
    """Test that input 4, padding 1, kernel 3, stride 2 gives torch's 2x2 output and values."""
    x = np.arange(16, dtype=float).reshape(4, 4)
    w = conv.KERNELS["x"]
    ours = conv.conv2d(x, w, 0.0, stride=2, mode="explicit", pad=1)
    theirs = F.conv2d(_t(x), _t(w), stride=2, padding=1)[0, 0].numpy()
    assert ours.shape == theirs.shape == (conv.output_size(4, 3, 2, 1),) * 2
    np.testing.assert_allclose(ours, theirs)


@st.composite
def pool_case(draw):
    """A random input with a pooling window, stride and padding torch accepts."""
    k = draw(st.integers(1, 4))
    s = draw(st.integers(1, 4))
    p = draw(st.integers(0, k // 2))
    h, w_ = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    seed = draw(st.integers(0, 2**31 - 1))
    return np.random.default_rng(seed).normal(size=(h, w_)), k, s, p


@settings(max_examples=50, deadline=None)
@given(pool_case(), st.sampled_from(conv.POOL_MODES))
def test_pool2d_matches_torch(case, mode):
    """Test that pool2d equals F.max_pool2d / F.avg_pool2d (floor mode) on random cases."""
    x, k, s, p = case
    fn = F.max_pool2d if mode == "max" else F.avg_pool2d
    if conv.output_size(min(x.shape), k, s, p) < 1:
        with pytest.raises(ValueError):
            conv.pool2d(x, k, s, p, mode)
        return
    theirs = fn(_t(x), k, stride=s, padding=p)[0, 0].numpy()
    np.testing.assert_allclose(conv.pool2d(x, k, s, p, mode), theirs, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(conv_case())
def test_conv_step_sums_products_to_output(case):
    """Test that every step's window·kernel sum + bias equals the torch output at that cell."""
    x, w, bias, s, mode, p, d = case
    g = conv.geometry(x.shape, w.shape, s, mode, p, d)
    if not g.valid:
        return
    theirs = _torch_conv(x, w, bias, s, g.pad, d)
    for index in range(g.positions):
        step = conv.conv_step(x, w, index, bias, s, mode, p, d)
        np.testing.assert_allclose(step.products, step.window * w)
        assert step.value == pytest.approx(theirs[step.out_pos], abs=1e-10)
        assert np.all(step.window[~step.inside] == 0.0)


@settings(max_examples=50, deadline=None)
@given(pool_case(), st.sampled_from(conv.POOL_MODES))
def test_pool_step_matches_torch(case, mode):
    """Test that the pooling step value at each position equals torch's pooled value."""
    x, k, s, p = case
    if conv.output_size(min(x.shape), k, s, p) < 1:
        return
    fn = F.max_pool2d if mode == "max" else F.avg_pool2d
    theirs = fn(_t(x), k, stride=s, padding=p)[0, 0].numpy()
    for index in range(theirs.size):
        step = conv.pool_step(x, k, s, index, p, mode)
        assert step.value == pytest.approx(theirs[step.out_pos], abs=1e-12)


def test_window_rows_cols_follow_stride_padding_dilation():
    """Test that the window's input coordinates are i*s - p + a*d (negative inside the padding)."""
    x = np.ones((5, 5))
    step = conv.conv_step(x, np.ones((3, 3)), index=3, stride=2, mode="explicit", pad=1, dilation=2)
    i, j = step.out_pos
    assert (i, j) == divmod(3, conv.output_size(5, 3, 2, 1, 2))
    np.testing.assert_array_equal(step.rows, i * 2 - 1 + 2 * np.arange(3))
    np.testing.assert_array_equal(step.cols, j * 2 - 1 + 2 * np.arange(3))


def test_max_pool_edge_dropped_at_stride_2_on_3x3():
    """Test that 2x2 max pooling over a 3x3 drops the last row/col at stride 2, not at stride 1."""
    x = np.arange(1, 10, dtype=float).reshape(3, 3)
    for s in (1, 2):
        theirs = F.max_pool2d(_t(x), 2, stride=s)[0, 0].numpy()
        np.testing.assert_array_equal(conv.pool2d(x, 2, s), theirs)
        covered = (theirs.shape[0] - 1) * s + 2
        assert conv.dropped_edge(3, 2, s) == 3 - covered


def test_named_kernels_act_as_named():
    """Test that identity returns the input, blur sums to 1, and edge/sobel kill constants."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(6, 6))
    np.testing.assert_allclose(conv.conv2d(x, conv.KERNELS["identity"], mode="same"), x)
    assert conv.KERNELS["blur"].sum() == pytest.approx(1.0)
    for name in ("edge", "sobel_x", "sobel_y"):
        np.testing.assert_allclose(conv.conv2d(np.full((5, 5), 3.0), conv.KERNELS[name]), 0.0)


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1, 30),
    st.integers(1, 6),
    st.integers(1, 4),
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(1, 3),
)
def test_output_size_steps_match_torch_shape(n, k, s, lo, hi, d):
    """Test that the formula's shown pieces end in torch's output size after F.pad + F.conv2d."""
    numer, quot, out = conv.output_size_steps(n, k, s, lo, hi, d)
    assert quot == numer // s and out == quot + 1
    assert out == conv.output_size(n, k, s, lo, d, hi)
    if out >= 1:
        x = F.pad(torch.zeros(1, 1, 1, n), (lo, hi, 0, 0))
        assert F.conv2d(x, torch.zeros(1, 1, 1, k), stride=s, dilation=d).shape[-1] == out
