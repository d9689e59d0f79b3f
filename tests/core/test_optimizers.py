"""Test that the numpy optimizers match torch.optim step by step."""

import numpy as np
import pytest
import torch

from vizlib.core.optimizers import OptimConfig, Optimizer


def _torch_opt(cfg: OptimConfig, params):
    if cfg.name in ("sgd", "momentum", "nesterov"):
        mom = 0.0 if cfg.name == "sgd" else cfg.momentum
        return torch.optim.SGD(
            params,
            lr=cfg.lr,
            momentum=mom,
            nesterov=cfg.name == "nesterov",
            weight_decay=cfg.weight_decay,
        )
    if cfg.name == "rmsprop":
        return torch.optim.RMSprop(
            params, lr=cfg.lr, alpha=cfg.rho, eps=cfg.eps, weight_decay=cfg.weight_decay
        )
    return torch.optim.Adam(
        params, lr=cfg.lr, betas=(cfg.beta1, cfg.beta2), eps=cfg.eps, weight_decay=cfg.weight_decay
    )


@pytest.mark.parametrize("name", ["sgd", "momentum", "nesterov", "rmsprop", "adam"])
@pytest.mark.parametrize("wd", [0.0, 0.1])
def test_matches_torch_optim(name, wd):
    """Test that 30 steps on a smooth convex loss equal torch.optim's to 1e-10 (float64)."""
    rng = np.random.default_rng(0)
    a0, b0 = rng.normal(size=(3, 2)), rng.normal(size=4)
    cfg = OptimConfig(name=name, lr=0.05, weight_decay=wd)
    ours = [a0.copy(), b0.copy()]
    opt = Optimizer(ours, cfg)
    ta = torch.tensor(a0, requires_grad=True)
    tb = torch.tensor(b0, requires_grad=True)
    topt = _torch_opt(cfg, [ta, tb])
    for _ in range(30):
        topt.zero_grad()
        loss = torch.cosh(ta).sum() + ((tb - 1.0) ** 2).sum() + 0.1 * ta.sum() * tb.sum()
        loss.backward()
        grads = [ta.grad.numpy().copy(), tb.grad.numpy().copy()]
        # our gradient is computed from our own params; they must agree with torch's
        np.testing.assert_allclose(ours[0], ta.detach().numpy(), atol=1e-10)
        opt.step(grads)
        topt.step()
    assert np.isfinite(ours[0]).all() and np.isfinite(ours[1]).all()
    np.testing.assert_allclose(ours[0], ta.detach().numpy(), atol=1e-10)
    np.testing.assert_allclose(ours[1], tb.detach().numpy(), atol=1e-10)


def test_l1_uses_sign_subgradient():
    """Test that L1 adds l1 * sign(p) to the gradient (zero at p = 0)."""
    p = [np.array([-2.0, 0.0, 3.0])]
    Optimizer(p, OptimConfig(name="sgd", lr=1.0, l1=0.5)).step([np.zeros(3)])
    np.testing.assert_allclose(p[0], [-1.5, 0.0, 2.5])


def test_config_rejects_bad_values():
    """Test that an unknown rule or a negative lr is refused at construction."""
    with pytest.raises(ValueError):
        OptimConfig(name="adagrad")
    with pytest.raises(ValueError):
        OptimConfig(lr=-1.0)
