"""Test that the numpy MLP matches torch autograd: forward, loss, gradients and dropout."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core.activations import ACTIVATIONS
from vizlib.core.mlp import (
    CHUNK,
    dropout_masks,
    forward,
    gradients,
    init_mlp,
    loss_and_grads,
    loss_from_logits,
    predict,
)
from vizlib.lessons.playground.export import to_torch

_T_ACT = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "gelu": lambda z: F.gelu(z, approximate="tanh"),
    "linear": lambda z: z,
}


def _torch_loss_grads(mlp, x, y, masks):
    """The same network in torch: loss and gradients by autograd."""
    ps = [torch.tensor(p, requires_grad=True) for p in mlp.params]
    a = torch.tensor(x)
    for layer in range(mlp.n_layers):
        z = a @ ps[2 * layer].T + ps[2 * layer + 1]
        if layer < mlp.n_layers - 1:
            a = _T_ACT[mlp.activation](z)
            if masks is not None:
                a = a * torch.tensor(masks[layer])
    if mlp.output == "sigmoid":
        loss = F.binary_cross_entropy_with_logits(z[:, 0], torch.tensor(y))
    elif mlp.output == "softmax":
        loss = F.cross_entropy(z, torch.tensor(y).long())
    else:
        loss = F.mse_loss(z[:, 0], torch.tensor(y))
    loss.backward()
    return loss.item(), [p.grad.numpy() for p in ps], z.detach().numpy()


def _targets(output, n, rng):
    if output == "sigmoid":
        return rng.integers(0, 2, n).astype(float)
    if output == "softmax":
        return rng.integers(0, 3, n).astype(float)
    return rng.normal(size=n)


@settings(max_examples=40, deadline=None)
@given(
    act=st.sampled_from(ACTIVATIONS),
    output=st.sampled_from(["sigmoid", "softmax", "linear"]),
    hidden=st.lists(st.integers(1, 8), min_size=0, max_size=4),
    init=st.sampled_from(["xavier", "he", "uniform"]),
    p=st.sampled_from([0.0, 0.3, 0.8]),
    seed=st.integers(0, 10_000),
)
def test_loss_and_gradients_match_torch(act, output, hidden, init, p, seed):
    """Test that loss, logits and every gradient equal torch autograd's, with dropout masks too."""
    rng = np.random.default_rng(seed)
    n_out = 3 if output == "softmax" else 1
    mlp = init_mlp((3, *hidden, n_out), act, output, init, rng)
    x, y = rng.normal(size=(7, 3)) * 2, _targets(output, 7, rng)
    masks = dropout_masks(mlp, p, rng)
    loss, grads = loss_and_grads(mlp, x, y, masks)
    t_loss, t_grads, t_z = _torch_loss_grads(mlp, x, y, masks)
    np.testing.assert_allclose(loss, t_loss, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(forward(mlp, x, masks).zs[-1], t_z, rtol=1e-9, atol=1e-12)
    for g, tg in zip(grads, t_grads, strict=True):
        np.testing.assert_allclose(g, tg, rtol=1e-7, atol=1e-10)


@pytest.mark.parametrize("output", ["sigmoid", "softmax", "linear"])
def test_eval_forward_matches_exported_sequential(output):
    """Test that the exported nn.Sequential gives the same logits and predictions in eval mode."""
    rng = np.random.default_rng(1)
    n_out = 3 if output == "softmax" else 1
    mlp = init_mlp((2, 5, 4, n_out), "gelu", output, "he", rng)
    x = rng.normal(size=(20, 2))
    model = to_torch(mlp, dropout=0.5).eval()
    z = model(torch.tensor(x)).detach()
    np.testing.assert_allclose(forward(mlp, x).zs[-1], z.numpy(), rtol=1e-10)
    if output == "sigmoid":
        expect = torch.sigmoid(z[:, 0])
    elif output == "softmax":
        expect = torch.softmax(z, 1)
    else:
        expect = z[:, 0]
    np.testing.assert_allclose(predict(mlp, forward(mlp, x).zs[-1]), expect.numpy(), rtol=1e-10)


def test_dropout_scales_survivors_and_varies():
    """Test that masks are 0 or 1/(1-p), differ between steps, and eval mode is deterministic."""
    rng = np.random.default_rng(0)
    mlp = init_mlp((2, 8, 8, 1), "relu", "sigmoid", "xavier", rng)
    p = 0.4
    m1, m2 = dropout_masks(mlp, p, rng), dropout_masks(mlp, p, rng)
    for m in m1 + m2:
        assert set(np.unique(m)) <= {0.0, 1.0 / (1.0 - p)}
    assert any(not np.array_equal(a, b) for a, b in zip(m1, m2, strict=True))
    x = rng.normal(size=(5, 2))
    assert not np.allclose(forward(mlp, x, m1).zs[-1], forward(mlp, x, m2).zs[-1])
    np.testing.assert_array_equal(forward(mlp, x).zs[-1], forward(mlp, x).zs[-1])
    # the hidden output with a mask is the unmasked one times the mask
    np.testing.assert_allclose(forward(mlp, x, m1).acts[1], forward(mlp, x).acts[1] * m1[0])


def test_dropout_keep_rate_is_one_minus_p():
    """Test that over many draws the share of kept units is close to 1 - p."""
    rng = np.random.default_rng(3)
    mlp = init_mlp((2, 8, 8, 8, 1), "tanh", "sigmoid", "xavier", rng)
    kept = np.concatenate([np.concatenate(dropout_masks(mlp, 0.3, rng)) for _ in range(2000)])
    assert abs(np.mean(kept > 0) - 0.7) < 0.01


def test_no_dropout_without_hidden_layers_or_p_zero():
    """Test that p = 0, or a network with no hidden layer, gives no masks."""
    rng = np.random.default_rng(0)
    assert dropout_masks(init_mlp((2, 1), "relu", "sigmoid", "xavier", rng), 0.5, rng) is None
    assert dropout_masks(init_mlp((2, 3, 1), "relu", "sigmoid", "xavier", rng), 0.0, rng) is None


def test_bce_is_stable_for_huge_logits():
    """Test that BCE on logits of ±1000 stays finite and equals torch's."""
    z = np.array([[1000.0], [-1000.0], [3.0]])
    y = np.array([0.0, 1.0, 1.0])
    loss, _ = loss_from_logits("sigmoid", z, y)
    expect = F.binary_cross_entropy_with_logits(torch.tensor(z[:, 0]), torch.tensor(y)).item()
    np.testing.assert_allclose(loss, expect)


def test_init_rejects_unknown_scheme():
    """Test that an unknown initialisation is refused."""
    with pytest.raises(ValueError):
        init_mlp((2, 1), "relu", "sigmoid", "zeros", np.random.default_rng(0))


def test_many_rows_use_chunks_and_still_match_torch():
    """Test that forward and gradients over more rows than one matmul chunk equal torch's."""
    rng = np.random.default_rng(5)
    mlp = init_mlp((3, 8, 6, 1), "tanh", "sigmoid", "xavier", rng)
    n = 2 * CHUNK + 300
    x, y = rng.normal(size=(n, 3)), rng.integers(0, 2, n).astype(float)
    masks = dropout_masks(mlp, 0.25, rng)
    loss, grads = loss_and_grads(mlp, x, y, masks)
    t_loss, t_grads, t_z = _torch_loss_grads(mlp, x, y, masks)
    np.testing.assert_allclose(loss, t_loss, rtol=1e-10)
    np.testing.assert_allclose(forward(mlp, x, masks).zs[-1], t_z, rtol=1e-9, atol=1e-12)
    for g, tg in zip(grads, t_grads, strict=True):
        np.testing.assert_allclose(g, tg, rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("output", ["sigmoid", "softmax", "linear"])
def test_gradients_only_path_equals_loss_and_grads(output):
    """Test that the training path without the loss gives exactly the same gradients."""
    rng = np.random.default_rng(2)
    n_out = 3 if output == "softmax" else 1
    mlp = init_mlp((2, 4, n_out), "relu", output, "xavier", rng)
    x, y = rng.normal(size=(9, 2)), _targets(output, 9, rng)
    for a, b in zip(gradients(mlp, x, y), loss_and_grads(mlp, x, y)[1], strict=True):
        np.testing.assert_array_equal(a, b)
