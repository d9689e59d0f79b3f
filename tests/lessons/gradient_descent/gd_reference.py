"""Independent torch definitions of the gradient-descent lab's surfaces (the answer key)."""

import math

import torch
import torch.nn.functional as F

CURRICULUM_X = [1.0, 2.0, 3.0, 4.0]
CURRICULUM_Y = [2.0, 3.0, 4.0, 5.0]


def torch_loss(name, p, *, cond=10.0, angle=0.0, data=None):
    """J(p) in torch for surface `name`; p is a float64 tensor of shape (2,)."""
    x, y = p[0], p[1]
    if name == "quadratic":
        a = math.radians(angle)
        r = torch.tensor(
            [[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]],
            dtype=torch.float64,
        )
        h = r @ torch.diag(torch.tensor([1.0, cond], dtype=torch.float64)) @ r.T
        return 0.5 * p @ h @ p
    if name == "bowl":
        return (x - 1) ** 2 + (y - 2) ** 2
    if name == "rosenbrock":
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2
    if name == "himmelblau":
        return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2
    if name == "saddle":
        return x * x - y * y + y**4 / 4
    if name == "linreg":
        xs, ys = (torch.tensor(d, dtype=torch.float64) for d in data)
        return F.mse_loss(x + y * xs, ys)
    raise ValueError(name)


def torch_value_grad(name, point, **kw):
    """(J, ∇J) at `point` by torch autograd, as python floats / a numpy array."""
    p = torch.tensor(point, dtype=torch.float64, requires_grad=True)
    loss = torch_loss(name, p, **kw)
    loss.backward()
    return loss.item(), p.grad.numpy().copy()
