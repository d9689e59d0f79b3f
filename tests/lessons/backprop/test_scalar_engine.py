"""Test that the scalar autograd engine matches torch on random expressions."""

import math

import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from vizlib.core.errors import InputError
from vizlib.lessons.backprop.scalar_engine import Value, trace

UNARY = ["exp", "log", "tanh", "sigmoid", "relu", "neg", "sq"]
BINARY = ["+", "-", "*", "/"]


def programs(depth: int = 4):
    """Random expression trees over three variables, as nested tuples."""
    leaf = st.one_of(st.sampled_from(["a", "b", "c"]), st.floats(-3, 3).map(lambda v: ("k", v)))
    return st.recursive(
        leaf,
        lambda kids: st.one_of(
            st.tuples(st.sampled_from(UNARY), kids),
            st.tuples(st.sampled_from(BINARY), kids, kids),
        ),
        max_leaves=8,
    )


def run(prog, env, torch_mode: bool):
    """Evaluate a program with Values or with torch tensors (same structure)."""
    if isinstance(prog, str):
        return env[prog]
    if prog[0] == "k":
        return torch.tensor(prog[1], dtype=torch.float64) if torch_mode else Value(prog[1])
    if len(prog) == 2:
        x = run(prog[1], env, torch_mode)
        if prog[0] == "neg":
            return -x
        if prog[0] == "sq":
            return x**2
        if torch_mode:
            return getattr(torch, prog[0])(x)
        return getattr(x, prog[0])()
    x, y = run(prog[1], env, torch_mode), run(prog[2], env, torch_mode)
    return {
        "+": lambda: x + y,
        "-": lambda: x - y,
        "*": lambda: x * y,
        "/": lambda: x / y,
    }[prog[0]]()


@settings(max_examples=50, deadline=None)
@given(programs(), st.lists(st.floats(-2, 2), min_size=3, max_size=3))
def test_random_expressions_match_torch(prog, vals):
    """Test that data and every leaf's grad equal torch.autograd to 1e-9 (relative)."""
    env = {k: Value(v, label=k) for k, v in zip("abc", vals, strict=True)}
    try:
        out = run(prog, env, False)
    except InputError:
        assume(False)
    assume(isinstance(out, Value))
    tenv = {
        k: torch.tensor(v, dtype=torch.float64, requires_grad=True)
        for k, v in zip("abc", vals, strict=True)
    }
    tout = run(prog, tenv, True)
    assume(tout.requires_grad)
    assume(math.isfinite(tout.item()) and abs(tout.item()) < 1e8)
    try:
        out.backward()
    except InputError:
        assume(False)
    tout.backward()
    assert out.data == pytest.approx(tout.item(), rel=1e-9, abs=1e-9)
    for k in "abc":
        g = 0.0 if tenv[k].grad is None else tenv[k].grad.item()
        assume(math.isfinite(g) and abs(g) < 1e8)
        assert env[k].grad == pytest.approx(g, rel=1e-9, abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.floats(-3, 3), st.floats(-3, 3))
def test_reused_node_and_repeated_backward(x, y):
    """Test that a*a + a*b accumulates through the reused node and that zero_grad allows a rerun."""
    a, b = Value(x), Value(y)
    out = (a * a + a * b).tanh()
    ta = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(y, dtype=torch.float64, requires_grad=True)
    torch.tanh(ta * ta + ta * tb).backward()
    for _ in range(2):
        out.zero_grad()
        out.backward()
        assert a.grad == pytest.approx(ta.grad.item(), abs=1e-12)
        assert b.grad == pytest.approx(tb.grad.item(), abs=1e-12)


def test_without_zero_grad_grads_accumulate():
    """Test that a second backward without zero_grad doubles the leaf grads (as torch does)."""
    a = Value(1.5)
    out = a * a
    out.backward()
    first = a.grad
    out.grad = 0.0
    out.backward()
    assert a.grad == pytest.approx(2 * first)


def test_trace_lists_nodes_and_edges():
    """Test that trace of a*a + c gives the shared leaf once and an edge from each operand use."""
    a, c = Value(2.0, label="a"), Value(3.0, label="c")
    out = a * a + c
    out.backward()
    nodes, edges = trace(out)
    assert len(nodes) == 4  # a, a*a, c, +
    by_id = {n.id: n for n in nodes}
    leaf_a = next(n for n in nodes if n.label == "a")
    assert leaf_a.grad == pytest.approx(2 * 2.0)
    assert sum(1 for s, _ in edges if s == leaf_a.id) == 2
    assert by_id[nodes[-1].id].op == "+"


@pytest.mark.parametrize(
    "build",
    [
        lambda: Value(0.0).log(),
        lambda: Value(1.0) / Value(0.0),
        lambda: Value(1000.0).exp(),
        lambda: Value(-2.0) ** 0.5,
    ],
)
def test_domain_errors(build):
    """Test that operations outside their domain raise InputError instead of returning junk."""
    with pytest.raises(InputError):
        build()
