"""Test that the tiny-MLP trace equals torch.autograd to 1e-9 in float64."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.lessons.backprop.config import BackpropConfig
from vizlib.lessons.backprop.network import (
    Net,
    agrees,
    apply_update,
    torch_max_diff,
    trace_net,
    trace_steps,
)

ACTS = ["sigmoid", "tanh", "relu", "leaky_relu", "gelu", "linear"]


def _torch_reference(net: Net):
    """Independent torch forward/backward; returns loss, z list, a list and (dW, db) grads."""
    ws = [torch.tensor(w, requires_grad=True) for w in net.weights]
    bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
    h = torch.tensor(net.x)
    zs, hs = [], []
    fns = {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, 0.01),
        "gelu": lambda z: torch.nn.functional.gelu(z, approximate="tanh"),
        "linear": lambda z: z,
    }
    for i, (w, b) in enumerate(zip(ws, bs, strict=True)):
        z = w @ h + b
        z.retain_grad()
        last = i == len(ws) - 1
        if last and net.loss in ("ce", "bce"):
            h = torch.softmax(z, 0) if net.loss == "ce" else torch.sigmoid(z)
        else:
            h = fns[net.acts[i]](z)
        zs.append(z)
        hs.append(h)
    y = torch.tensor(net.y)
    if net.loss == "half_sse":
        loss = 0.5 * torch.sum((h - y) ** 2)
    elif net.loss == "mse":
        loss = torch.mean((h - y) ** 2)
    elif net.loss == "bce":  # the page states: mean over the outputs
        loss = torch.nn.functional.binary_cross_entropy(h, y, reduction="mean")
    else:
        loss = -torch.sum(y * torch.log_softmax(zs[-1], 0))
    loss.backward()
    return loss.item(), zs, hs, ws, bs


@st.composite
def nets(draw):
    """Random tiny MLPs: 1–3 inputs, 1–3 layers of 1–3 units, any activation and loss."""
    n_in = draw(st.integers(1, 3))
    n_layers = draw(st.integers(1, 3))
    sizes = [n_in] + [draw(st.integers(1, 3)) for _ in range(n_layers)]
    loss = draw(st.sampled_from(["half_sse", "mse", "ce", "bce"]))
    if loss == "ce" and sizes[-1] < 2:
        sizes[-1] = 2
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    ws = tuple(rng.normal(0, 1.5, (sizes[i + 1], sizes[i])) for i in range(n_layers))
    bs = tuple(rng.normal(0, 1, sizes[i + 1]) for i in range(n_layers))
    x = rng.normal(0, 2, n_in)
    if loss == "ce":
        y = rng.dirichlet(np.ones(sizes[-1]))
    elif loss == "bce":
        y = rng.uniform(0, 1, sizes[-1])
    else:
        y = rng.normal(0, 1, sizes[-1])
    acts = tuple(draw(st.sampled_from(ACTS)) for _ in range(n_layers))
    return Net(x, y, ws, bs, acts, loss)


@settings(max_examples=50, deadline=None)
@given(nets())
def test_trace_matches_autograd(net):
    """Test that every z, a, δ, ∂L/∂W, ∂L/∂b and the loss equal torch.autograd to 1e-9 absolute
    or 1e-7 relative: binary cross-entropy on a nearly saturated sigmoid goes through 1 − p, and
    the page's chain rule and torch's fused formula then differ in the ninth digit."""
    tr = trace_net(net)
    loss, zs, hs, ws, bs = _torch_reference(net)
    assert abs(tr.loss - loss) <= max(1e-9, 1e-7 * abs(loss))
    close = {"rtol": 1e-7, "atol": 1e-9}
    for li in range(1, len(net.weights) + 1):
        np.testing.assert_allclose(tr.z[li], zs[li - 1].detach().numpy(), **close)
        np.testing.assert_allclose(tr.a[li], hs[li - 1].detach().numpy(), **close)
        np.testing.assert_allclose(tr.delta[li], zs[li - 1].grad.numpy(), **close)
        np.testing.assert_allclose(tr.dw[li], ws[li - 1].grad.numpy(), **close)
        np.testing.assert_allclose(tr.db[li], bs[li - 1].grad.numpy(), **close)


@settings(max_examples=30, deadline=None)
@given(nets(), st.floats(0.001, 2.0))
def test_update_matches_torch_sgd(net, lr):
    """Test that apply_update equals one torch.optim.SGD step to 1e-9 (or 1e-7 relative)."""
    tr = trace_net(net)
    _, _, _, ws, bs = _torch_reference(net)
    torch.optim.SGD([*ws, *bs], lr=lr).step()
    new = apply_update(net, tr, lr)
    for ours, theirs in zip([*new.weights, *new.biases], [*ws, *bs], strict=True):
        # 1e-7 relative: see test_trace_matches_autograd (saturated binary cross-entropy)
        np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=1e-7, atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(nets())
def test_badge_diff_is_tiny_and_detects_errors(net):
    """Test that torch_max_diff is ~0 for a true trace and large when a gradient is corrupted."""
    tr = trace_net(net)
    assert torch_max_diff(net, tr) <= 1e-6 and agrees(net, tr)[1]  # see the trace test's note
    tr.dw[1][0, 0] += 1.0
    assert torch_max_diff(net, tr) >= 0.5 and not agrees(net, tr)[1]


def test_preset_222_matches_torch_by_hand():
    """Test that the curriculum's 2-2-2 preset trace agrees with a direct torch computation."""
    net = BackpropConfig().net()
    tr = trace_net(net)
    w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)
    v = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64, requires_grad=True)
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    out = torch.sigmoid(v @ torch.sigmoid(w @ x))
    loss = 0.5 * ((out - torch.tensor([0.0, 1.0], dtype=torch.float64)) ** 2).sum()
    loss.backward()
    assert tr.loss == pytest.approx(loss.item(), abs=1e-12)
    np.testing.assert_allclose(tr.dw[1], w.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(tr.dw[2], v.grad.numpy(), atol=1e-12)


def test_steps_cover_every_neuron_in_order():
    """Test that the step list walks forward layer 1 → L, the loss, backward L → 1, the update."""
    net = BackpropConfig(
        n_in=3,
        n_layers=2,
        size1=2,
        size2=1,
        x="1,2,3",
        y="1",
        w1="1,2,3;4,5,6",
        b1="0,0",
        w2="1,1",
        b2="0",
    ).net()
    steps = trace_steps(net)
    assert [s.phase for s in steps] == ["forward"] * 3 + ["loss"] + ["backward"] * 3 + ["update"]
    assert [(s.layer, s.unit) for s in steps[:3]] == [(1, 0), (1, 1), (2, 0)]
    assert [(s.layer, s.unit) for s in steps[4:7]] == [(2, 0), (1, 0), (1, 1)]


def test_agreement_is_relative_to_the_trace_scale():
    """Test that huge weights still agree with torch (1e-9 relative) and a real error fails."""
    net = BackpropConfig(
        act1="linear",
        act2="linear",
        w1="9000, -8000; 7000, 9999",
        w2="5000, 9000; -9000, 3000",
        x="9999, -9999",
    ).net()
    tr = trace_net(net)
    assert agrees(net, tr)[1]
    tr.db[2][0] *= 1.001
    diff, ok = agrees(net, tr)
    assert not ok and diff == torch_max_diff(net, tr) > 0


def test_preset_222_with_bce_matches_torch_step_by_step():
    """Test that the 2-2-2 preset under sigmoid + binary cross-entropy (target [0, 1]) gives
    torch's forward values, δ's, gradients and SGD-updated weights."""
    net = BackpropConfig(loss="bce").net()
    tr = trace_net(net)
    w1 = torch.tensor(net.weights[0], requires_grad=True)
    w2 = torch.tensor(net.weights[1], requires_grad=True)
    b1 = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    b2 = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    z1 = w1 @ torch.tensor([1.0, 2.0], dtype=torch.float64) + b1
    z2 = w2 @ torch.sigmoid(z1) + b2
    for z in (z1, z2):
        z.retain_grad()
    out = torch.sigmoid(z2)
    target = torch.tensor([0.0, 1.0], dtype=torch.float64)
    loss = torch.nn.functional.binary_cross_entropy(out, target)
    loss.backward()
    assert tr.loss == pytest.approx(loss.item(), abs=1e-12)
    for ours, theirs in [
        (tr.a[1], torch.sigmoid(z1)),
        (tr.a[2], out),
        (tr.delta[1], z1.grad),
        (tr.delta[2], z2.grad),
        (tr.dw[1], w1.grad),
        (tr.dw[2], w2.grad),
        (tr.db[2], b2.grad),
    ]:
        np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=0, atol=1e-12)
    torch.optim.SGD([w1, w2, b1, b2], lr=0.1).step()
    new = apply_update(net, tr, 0.1)
    np.testing.assert_allclose(new.weights[1], w2.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(new.weights[0], w1.detach().numpy(), atol=1e-12)


def test_bce_refuses_targets_outside_0_1():
    """Test that binary cross-entropy asks for targets between 0 and 1."""
    from vizlib.core.errors import InputError

    with pytest.raises(InputError) as err:
        BackpropConfig(loss="bce", y="0, 2")
    assert err.value.key == "bce_target"
