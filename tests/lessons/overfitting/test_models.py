"""Test the lab's networks: dropout and batch norm in train/eval mode behave as torch defines,
seeded init, and the weight norm against torch.linalg."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from vizlib.lessons.overfitting.models import (
    GenDropout,
    NetSpec,
    build_net,
    set_dropout,
    weight_norm,
)


def _gens(seed=0):
    return torch.Generator().manual_seed(seed), torch.Generator().manual_seed(seed + 1)


def test_dropout_eval_mode_is_identity_like_torch():
    """Test that in eval mode GenDropout, like nn.Dropout, returns its input unchanged."""
    x = torch.randn(64, 32)
    ours = GenDropout(torch.Generator().manual_seed(0), 0.5).eval()
    ref = nn.Dropout(0.5).eval()
    assert torch.equal(ours(x), x) and torch.equal(ref(x), x)


@pytest.mark.parametrize("p", [0.2, 0.5, 0.8])
def test_dropout_train_mode_is_inverted_dropout(p):
    """Test that in train mode each unit is 0 or x/(1-p), as in F.dropout, with about p dropped."""
    x = torch.rand(200, 100) + 0.5
    out = GenDropout(torch.Generator().manual_seed(1), p).train()(x)
    kept = out != 0
    assert torch.allclose(out[kept], x[kept] / (1 - p))
    ref = F.dropout(x, p, training=True)  # torch's own: the same two possible values per unit
    assert torch.allclose(ref[ref != 0], x[ref != 0] / (1 - p))
    assert abs((~kept).float().mean().item() - p) < 0.02


def test_dropout_mask_comes_from_its_generator():
    """Test that the mask is reproducible from the generator seed."""
    x = torch.ones(10, 10)
    a = GenDropout(torch.Generator().manual_seed(5), 0.5).train()(x)
    b = GenDropout(torch.Generator().manual_seed(5), 0.5).train()(x)
    assert torch.equal(a, b)


def test_batchnorm_uses_batch_stats_in_train_and_running_stats_in_eval():
    """Test that the MLP's batch norm normalises by the batch in train mode (F.batch_norm with
    training=True) and by its running statistics in eval mode."""
    g, dg = _gens()
    net = build_net(NetSpec("mlp", 16, 1, batchnorm=True), g, dg)
    bn, lin = net.norms[0], net.hidden[0]
    x = torch.rand(8, 1, 28, 28)
    h = lin((x.flatten(1) - 0.1307) / 0.3081)
    rm, rv = bn.running_mean.clone(), bn.running_var.clone()
    net.train()
    ref_train = F.batch_norm(h, rm.clone(), rv.clone(), bn.weight, bn.bias, True, 0.1, bn.eps)
    assert torch.allclose(bn(h), ref_train, atol=1e-5)
    assert not torch.equal(bn.running_mean, rm)  # train mode updated the running statistics
    net.eval()
    ref_eval = (h - bn.running_mean) / torch.sqrt(bn.running_var + bn.eps) * bn.weight + bn.bias
    assert torch.allclose(bn(h), ref_eval, atol=1e-5)


def test_batchnorm_draws_no_random_numbers():
    """Test that a net with batch norm starts from the same weights as one without."""
    a = build_net(NetSpec("mlp", 32, 2, False), *_gens(3))
    b = build_net(NetSpec("mlp", 32, 2, True), *_gens(3))
    for la, lb in zip([*a.hidden, a.out], [*b.hidden, b.out], strict=True):
        assert torch.equal(la.weight, lb.weight) and torch.equal(la.bias, lb.bias)


def test_cnn_builds_and_applies_batchnorm_and_dropout():
    """Test that the CNN gives (B, 10) logits, and dropout changes train-mode output only."""
    net = build_net(NetSpec("cnn", batchnorm=True), *_gens())
    set_dropout(net, 0.5)
    x = torch.rand(4, 1, 28, 28)
    net.eval()
    e1, e2 = net(x), net(x)
    assert e1.shape == (4, 10) and torch.equal(e1, e2)
    net.train()
    assert not torch.allclose(net(x), net(x))


def test_weight_norm_matches_torch():
    """Test that the weight norm is the 2-norm of all Linear weights, computed by torch."""
    net = build_net(NetSpec("mlp", 24, 2), *_gens())
    ws = torch.cat([m.weight.flatten() for m in net.modules() if isinstance(m, nn.Linear)])
    assert weight_norm(net) == pytest.approx(torch.linalg.vector_norm(ws).item(), rel=1e-6)
