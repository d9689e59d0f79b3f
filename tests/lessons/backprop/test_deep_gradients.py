"""Test that the deep-MLP gradient norms match an independent numpy backward pass."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core.activations import activate, derivative
from vizlib.lessons.backprop.deep_gradients import DeepConfig, deep_gradients, deep_weights


def _numpy_norms(cfg: DeepConfig) -> np.ndarray:
    """Manual backprop in numpy on the same weights: δ = (δ_next W) ⊙ f'(z)."""
    x, y, ws = deep_weights(cfg)
    x, y, ws = x.numpy(), y.numpy(), [w.numpy() for w in ws]
    hs, zs = [x], []
    for w in ws[:-1]:
        zs.append(hs[-1] @ w.T)
        hs.append(activate(cfg.deep_act, zs[-1]))
    out = hs[-1] @ ws[-1].T
    delta = 2.0 * (out - y) / out.size  # ∂L/∂out for the mean squared error
    grads = [delta.T @ hs[-1]]
    back = delta @ ws[-1]
    for i in range(len(ws) - 2, -1, -1):
        d = back * derivative(cfg.deep_act, zs[i])
        grads.append(d.T @ hs[i])
        back = d @ ws[i]
    return np.array([np.linalg.norm(g) for g in reversed(grads)])


@settings(max_examples=20, deadline=None)
@given(
    st.integers(2, 12),
    st.integers(2, 16),
    st.sampled_from(["sigmoid", "tanh", "relu"]),
    st.sampled_from(["small", "xavier", "he", "large"]),
    st.integers(0, 1000),
)
def test_norms_match_numpy_backprop(depth, width, act, init, seed):
    """Test that every per-layer gradient norm equals the numpy chain rule to 1e-9 (relative)."""
    cfg = DeepConfig(depth=depth, width=width, deep_act=act, init=init, deep_seed=seed)
    res = deep_gradients(cfg)
    ref = _numpy_norms(cfg)
    assert res.grad_norms.shape == (depth + 1,)
    assert res.activations.shape == (depth, 64 * width)
    np.testing.assert_allclose(res.grad_norms, ref, rtol=1e-9, atol=1e-300)


def test_sigmoid_vanishes_and_relu_he_does_not():
    """Test that 20 sigmoid layers shrink the first layer's gradient far more than ReLU + He."""
    sig = deep_gradients(DeepConfig(depth=20, deep_act="sigmoid", init="xavier")).grad_norms
    relu = deep_gradients(DeepConfig(depth=20, deep_act="relu", init="he")).grad_norms
    sig_ratio = sig[0] / sig[-2]
    relu_ratio = relu[0] / relu[-2]
    assert sig_ratio < 1e-6
    assert 1e-2 < relu_ratio < 1e2


def test_large_init_relu_explodes_activations():
    """Test that ReLU with N(0, 1) weights (too large) grows activations layer after layer."""
    res = deep_gradients(DeepConfig(depth=10, width=32, deep_act="relu", init="large"))
    std = res.activations.std(axis=1)
    assert np.all(np.diff(std) > 0)
