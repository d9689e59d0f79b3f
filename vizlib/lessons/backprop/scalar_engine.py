"""A micrograd-style scalar autograd engine: `Value` with + − × ÷ pow exp log tanh sigmoid relu.

`trace(root)` returns the graph's nodes and edges as plain data; drawing lives in vizlib.charts.
"""

from __future__ import annotations

import dataclasses
import math

from vizlib.core.errors import InputError


def domain_error(op: str) -> InputError:
    """An operation outside its domain (log of ≤ 0, division by 0, overflow); `op` names it."""
    return InputError("domain", op=op)


def _guard(op: str, fn, *args) -> float:
    try:
        out = fn(*args)
    except (ValueError, OverflowError, ZeroDivisionError) as err:
        raise domain_error(op) from err
    if isinstance(out, complex) or not math.isfinite(out):
        raise domain_error(op)
    return float(out)


class Value:
    """A scalar with its gradient and the operation that produced it."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = _children
        self._op = _op
        self.label = label

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(_guard("+", lambda: self.data + other.data), (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(_guard("×", lambda: self.data * other.data), (self, other), "×")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, k: float):
        assert isinstance(k, (int, float)), "only constant exponents"
        out = Value(_guard("pow", lambda: self.data**k), (self,), f"^{k:g}")

        def _backward():
            self.grad += k * _guard("pow", lambda: self.data ** (k - 1)) * out.grad

        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        if other.data == 0.0:
            raise domain_error("÷")
        out = Value(_guard("÷", lambda: self.data / other.data), (self, other), "÷")

        def _backward():
            self.grad += _guard("÷", lambda: out.grad / other.data)
            other.grad += _guard("÷", lambda: -self.data / other.data / other.data * out.grad)

        out._backward = _backward
        return out

    def _unary(self, op: str, value: float, local_grad: float):
        out = Value(value, (self,), op)

        def _backward():
            self.grad += local_grad * out.grad

        out._backward = _backward
        return out

    def exp(self):
        """e^x."""
        e = _guard("exp", math.exp, self.data)
        return self._unary("exp", e, e)

    def log(self):
        """Natural log (x > 0)."""
        if self.data <= 0:
            raise domain_error("log")
        return self._unary("log", math.log(self.data), 1.0 / self.data)

    def tanh(self):
        """tanh(x)."""
        th = math.tanh(self.data)
        return self._unary("tanh", th, 1.0 - th * th)

    def sigmoid(self):
        """1 / (1 + e^−x), computed stably."""
        x = self.data
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        return self._unary("sigmoid", s, s * (1.0 - s))

    def relu(self):
        """max(x, 0); the gradient at 0 is 0, as in torch."""
        return self._unary("relu", max(self.data, 0.0), 1.0 if self.data > 0 else 0.0)

    def __neg__(self):
        return self._unary("neg", -self.data, -1.0)

    def __sub__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(_guard("−", lambda: self.data - other.data), (self, other), "−")

        def _backward():
            self.grad += out.grad
            other.grad -= out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return Value(other) - self

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        return Value(other) / self

    def topo(self) -> list[Value]:
        """Every node of the graph, children before parents."""
        order, seen = [], set()
        stack = [(self, False)]
        while stack:  # iterative DFS: no recursion limit on long chains
            v, done = stack.pop()
            if done:
                order.append(v)
            elif id(v) not in seen:
                seen.add(id(v))
                stack.append((v, True))
                stack.extend((c, False) for c in reversed(v._prev) if id(c) not in seen)
        return order

    def zero_grad(self) -> None:
        """Set every grad in the graph to 0 (call before a repeated backward pass)."""
        for v in self.topo():
            v.grad = 0.0

    def backward(self) -> None:
        """Accumulate d(self)/d(node) into every node's grad (reverse topological order)."""
        order = self.topo()
        self.grad = 1.0
        for v in reversed(order):
            v._backward()

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"


@dataclasses.dataclass(frozen=True)
class Node:
    """One node of a traced graph: an operation's result or a leaf (variable or constant)."""

    id: int
    label: str
    op: str
    data: float
    grad: float


def trace(root: Value) -> tuple[list[Node], list[tuple[int, int]]]:
    """Nodes (children first) and edges (child id → parent id) of the graph under `root`."""
    order = root.topo()
    ids = {id(v): i for i, v in enumerate(order)}
    nodes = [Node(ids[id(v)], v.label, v._op, v.data, v.grad) for v in order]
    edges = [(ids[id(c)], ids[id(v)]) for v in order for c in v._prev]
    return nodes, edges
