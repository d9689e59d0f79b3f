"""Tests for vizlib.core.cnn: the model against plain torch.nn.functional ops, its cost, seeding,
init bounds and dropout."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core.cnn import CnnArch, build_model, dropout

archs = st.builds(
    CnnArch,
    blocks=st.integers(1, 3),
    filters=st.integers(4, 12),
    kernel=st.sampled_from([3, 5]),
    pool=st.booleans(),
    dense=st.integers(16, 40),
)


def _manual_layers(model, x):
    """The same network written with F.conv2d / F.relu / F.max_pool2d / F.linear."""
    h, out = (x - model.mean) / model.std, []
    for conv in model.convs:
        h = F.relu(F.conv2d(h, conv.weight, conv.bias, padding=model.arch.kernel // 2))
        out.append(h)
        if model.arch.pool:
            h = F.max_pool2d(h, kernel_size=2, stride=2)
            out.append(h)
    h = F.relu(F.linear(h.reshape(h.shape[0], -1), model.fc.weight, model.fc.bias))
    return [*out, h, F.linear(h, model.out.weight, model.out.bias)]


@settings(max_examples=15, deadline=None)
@given(arch=archs, seed=st.integers(0, 10_000))
def test_layers_match_functional_torch(arch, seed):
    """Test that every MnistCnn intermediate equals the same net built from F.conv2d etc."""
    g = torch.Generator().manual_seed(seed)
    model = build_model(arch, g, mean=0.13, std=0.3).eval()
    x = torch.rand((3, 1, 28, 28), generator=g)
    with torch.no_grad():
        ours = [t for _, t in model.layers(x)]
        ref = _manual_layers(model, x)
    assert len(ours) == len(ref)
    for a, b in zip(ours, ref, strict=True):
        torch.testing.assert_close(a, b)


@settings(max_examples=20, deadline=None)
@given(arch=archs)
def test_cost_counts_parameters_and_multiply_adds(arch):
    """Test that arch.cost() equals the real parameter count and the MACs from real layer shapes."""
    model = build_model(arch, torch.Generator().manual_seed(0), 0.0, 1.0)
    params, macs = arch.cost()
    assert params == sum(p.numel() for p in model.parameters())
    with torch.no_grad():
        layers = dict(model.layers(torch.zeros(1, 1, 28, 28)))
    expected = 0
    for i, conv in enumerate(model.convs, start=1):
        expected += layers[f"conv{i}"].numel() * conv.weight[0].numel()
    expected += model.fc.weight.numel() + model.out.weight.numel()
    assert macs == expected


def test_build_model_is_seeded_and_leaves_global_rng_alone():
    """Test that init depends only on the generator's seed and never touches torch's global RNG."""
    state = torch.random.get_rng_state()
    a = build_model(CnnArch(), torch.Generator().manual_seed(3), 0.1, 0.3)
    b = build_model(CnnArch(), torch.Generator().manual_seed(3), 0.1, 0.3)
    c = build_model(CnnArch(), torch.Generator().manual_seed(4), 0.1, 0.3)
    assert torch.equal(torch.random.get_rng_state(), state)
    for pa, pb in zip(a.parameters(), b.parameters(), strict=True):
        assert torch.equal(pa, pb)
    assert not torch.equal(a.convs[0].weight, c.convs[0].weight)


def test_init_follows_torch_default_bounds():
    """Test that weights and biases lie within torch's default +-1/sqrt(fan_in) init bounds."""
    model = build_model(CnnArch(blocks=3, kernel=5), torch.Generator().manual_seed(1), 0, 1)
    ref = torch.nn.Conv2d(8, 16, 5)  # torch's own default init for the second conv's shape
    assert model.convs[1].weight.abs().max() <= 1 / np.sqrt(8 * 25) + 1e-7
    assert ref.weight.abs().max() <= 1 / np.sqrt(8 * 25) + 1e-7
    for layer in [*model.convs, model.fc, model.out]:
        bound = 1 / np.sqrt(layer.weight[0].numel())
        assert layer.bias.abs().max() <= bound and layer.weight.abs().max() <= bound + 1e-7
        assert layer.weight.std() > bound / 4  # spread over the range, not all zeros


def test_dropout_is_inverted_and_seeded():
    """Test that dropout zeroes units or scales them by 1/(1-p), reproducibly for a seed."""
    x = torch.rand(2000) + 0.5
    a = dropout(x, 0.3, torch.Generator().manual_seed(7))
    b = dropout(x, 0.3, torch.Generator().manual_seed(7))
    assert torch.equal(a, b)
    kept = a != 0
    torch.testing.assert_close(a[kept], x[kept] / 0.7)
    assert 0.6 < kept.float().mean() < 0.8
    assert torch.equal(dropout(x, 0.3, None), x) and torch.equal(dropout(x, 0.0, None), x)
