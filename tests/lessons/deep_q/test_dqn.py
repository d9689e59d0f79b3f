"""Test DQN's TD target, losses and worked update against hand-written torch."""

import copy

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch.nn import functional as F

from vizlib.core.torch_setup import configure_torch
from vizlib.lessons.deep_q.agents import GridDQN
from vizlib.lessons.deep_q.dqn import batch_loss, huber, mlp, td_loss
from vizlib.lessons.deep_q.gridworld import PRESETS, make_world

configure_torch()


def _batch(g, n=16, n_in=5):
    x, x2 = torch.randn(n, n_in, generator=g), torch.randn(n, n_in, generator=g)
    a = torch.randint(0, 4, (n,), generator=g)
    r = torch.randn(n, generator=g)
    done = (torch.rand(n, generator=g) < 0.3).float()
    return x, a, r, x2, done


@pytest.mark.parametrize("kind", ["huber", "mse"])
def test_td_target_and_loss_equal_hand_written_torch(kind):
    """Test that y = r + gamma (1 - done) max Q_target(s') and the loss match torch by hand."""
    g = torch.Generator().manual_seed(0)
    net, tgt = mlp(5, 16, 4, g), mlp(5, 16, 4, g)
    x, a, r, x2, done = _batch(g)
    loss, y = batch_loss(net, tgt, (x, a, r, x2, done), 0.9, kind)
    q2 = tgt(x2).detach()
    y_ref = torch.stack(
        [r[i] + (0.0 if done[i] else 0.9 * max(q2[i].tolist())) for i in range(len(r))]
    )
    pred = torch.stack([net(x[i : i + 1])[0, a[i]] for i in range(len(r))])
    ref = F.smooth_l1_loss(pred, y_ref) if kind == "huber" else F.mse_loss(pred, y_ref)
    torch.testing.assert_close(y, y_ref)
    torch.testing.assert_close(loss, ref)
    (g1,) = torch.autograd.grad(loss, net[0].weight)
    (g2,) = torch.autograd.grad(ref, net[0].weight)
    torch.testing.assert_close(g1, g2)


@given(st.lists(st.floats(-50, 50), min_size=1, max_size=40))
def test_huber_equals_smooth_l1(deltas):
    """Test that the hand-written Huber loss equals F.smooth_l1_loss for any TD errors."""
    d = torch.tensor(deltas, dtype=torch.float64)
    torch.testing.assert_close(huber(d), F.smooth_l1_loss(d, torch.zeros_like(d), reduction="none"))
    zero = torch.zeros_like(d)
    torch.testing.assert_close(td_loss(zero, d, "huber"), F.smooth_l1_loss(zero, d))


def _trained_agent(use_target=True, loss="huber"):
    agent = GridDQN(make_world(PRESETS["classic"], -0.04, 0.2), 3, "onehot", 32, 500)
    agent.hp.use_target, agent.hp.loss, agent.hp.sync_every = use_target, loss, 40
    for _ in range(150):
        agent.train_step()
    return agent


@pytest.mark.parametrize("use_target,loss", [(True, "huber"), (False, "mse")])
def test_worked_update_numbers_equal_torch(use_target, loss):
    """Test that the worked update's target, prediction, loss, Q after an Adam step equal torch."""
    agent = _trained_agent(use_target, loss)
    b, i = agent.last_batch, 5
    before = copy.deepcopy(agent.net.state_dict())
    w = agent.worked(b, i)
    for k, v in agent.net.state_dict().items():  # the agent itself is untouched
        torch.testing.assert_close(v, before[k])
    net = copy.deepcopy(agent.net)
    opt = torch.optim.Adam(net.parameters(), lr=agent.hp.lr)
    opt.load_state_dict(agent.opt.state_dict())
    tgt = agent.target if use_target else net
    x, x2 = agent.x[b.s[i]].unsqueeze(0), agent.x[b.s2[i]].unsqueeze(0)
    max_next = tgt(x2).max().item()
    y = b.r[i] + (0.0 if b.done[i] else agent.hp.gamma * max_next)
    pred = net(x)[0, b.a[i]]
    ref = F.smooth_l1_loss if loss == "huber" else F.mse_loss
    lval = ref(pred, torch.tensor(y, dtype=torch.float32))
    assert w.max_next == pytest.approx(max_next, abs=1e-6)
    assert w.y == pytest.approx(y, abs=1e-6) and w.q_before == pytest.approx(pred.item(), abs=1e-6)
    assert w.loss == pytest.approx(lval.item(), abs=1e-6)
    opt.zero_grad()
    lval.backward()
    opt.step()
    assert w.q_after == pytest.approx(net(x)[0, b.a[i]].item(), abs=1e-6)
    y_after = b.r[i] + (0.0 if b.done[i] else agent.hp.gamma * tgt(x2).max().item())
    assert w.y_after == pytest.approx(y_after, abs=1e-6)
    assert (w.y_after == w.y) == (use_target or bool(b.done[i]))


def test_batch_targets_table_matches_torch():
    """Test that the replay table's max Q_target(s'), y and Q(s, a) columns equal torch's."""
    agent = _trained_agent()
    b = agent.last_batch
    max_next, y, pred = agent.batch_targets(b)
    q2 = agent.target(agent.x[b.s2]).detach().numpy()
    np.testing.assert_allclose(max_next, q2.max(1), rtol=1e-6)
    np.testing.assert_allclose(y, b.r + agent.hp.gamma * (1 - b.done) * q2.max(1), rtol=1e-5)
    q = agent.net(agent.x[b.s]).detach().numpy()
    np.testing.assert_allclose(pred, q[np.arange(len(b.a)), b.a], rtol=1e-6)


def test_target_network_is_synced_every_n_updates_and_frozen_between():
    """Test that the target copy equals the online net right after a sync and not in between."""
    agent = _trained_agent()
    while agent.updates % 40 != 0:
        agent.train_step()
    same = lambda: all(  # noqa: E731
        torch.equal(p, q) for p, q in zip(agent.net.parameters(), agent.target.parameters())
    )
    assert same()
    agent.train_step()
    assert not same()
