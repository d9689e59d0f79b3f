"""Test that the expression parser builds correct graphs and refuses anything off the whitelist."""

import builtins

import pytest
import torch

from vizlib.core.errors import InputError
from vizlib.lessons.backprop.expr_parser import parse_expression, parse_values


def test_parses_examples_and_matches_torch():
    """Test that tanh(a*b + c) and (x**2 + y).exp() give torch's value and grads."""
    p = parse_expression("tanh(a*b + c)")
    assert p.variables == ("a", "b", "c")
    root = p.build({"a": 2.0, "b": -3.0, "c": 10.0})
    root.backward()
    ta, tb, tc = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (2, -3, 10))
    out = torch.tanh(ta * tb + tc)
    out.backward()
    assert root.data == pytest.approx(out.item(), abs=1e-12)

    q = parse_expression("(x**2 + y).exp() / 3 - -x")
    r = q.build({"x": 0.5, "y": -1.0})
    r.backward()
    tx = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    ty = torch.tensor(-1.0, dtype=torch.float64, requires_grad=True)
    tout = torch.exp(tx**2 + ty) / 3 - -tx
    tout.backward()
    assert r.data == pytest.approx(tout.item(), abs=1e-12)
    leaves = {n: v for n, v in zip(q.variables, (0, 1), strict=True)}
    assert leaves == {"x": 0, "y": 1}


@pytest.mark.parametrize(
    "text, key",
    [
        ("a.__class__", "dunder"),
        ("a.__class__.__bases__", "dunder"),
        ("__import__('os').system('touch /tmp/pwned_backprop')", "dunder"),
        ("a.system('ls')", "attribute_call"),
        ("_a + 1", "bad_name"),
        ("import os", "syntax"),
        ("open('x')", "unknown_func"),
        ("eval('1')", "unknown_func"),
        ("a ** 1000", "exponent_too_big"),
        ("a ** b", "exponent_const"),
        ("a" + "+a" * 150, "too_long"),
        ("[a, b]", "not_allowed"),
        ("lambda: 1", "not_allowed"),
        ("a if b else c", "not_allowed"),
        ("'abc'", "not_allowed"),
        ("tanh(a, b)", "one_arg"),
        ("a.exp(2)", "no_args"),
        ("tanh(x=a)", "not_allowed"),
        ("a +", "syntax"),
        ("", "empty"),
        ("tanh + 1", "func_as_var"),
        ("a < b", "not_allowed"),
        ("(a).real", "attribute_call"),
        ("1e999 * a", "const_too_big"),
    ],
)
def test_refuses_with_the_right_message(text, key, monkeypatch):
    """Test that a refused expression raises InputError with the right key, evaluating nothing."""

    def boom(*_a, **_k):
        raise AssertionError("the parser must never evaluate code")

    monkeypatch.setattr(builtins, "eval", boom)
    monkeypatch.setattr(builtins, "exec", boom)
    monkeypatch.setattr(builtins, "__import__", boom)
    with pytest.raises(InputError) as err:
        parse_expression(text)
    monkeypatch.undo()
    assert err.value.key == key


def test_error_points_at_position():
    """Test that the error gives the 1-based column and the offending token."""
    with pytest.raises(InputError) as err:
        parse_expression("a + b.__dict__")
    assert (err.value.key, err.value.detail["pos"]) == ("dunder", 7)
    with pytest.raises(InputError) as err:
        parse_expression("a + b.real")
    assert (err.value.key, err.value.detail["pos"], err.value.detail["token"]) == (
        "attribute_call",
        5,
        "b.real",
    )


def test_missing_value_and_bad_values():
    """Test that a variable without a value, and a malformed value list, are refused."""
    p = parse_expression("a * b")
    with pytest.raises(InputError) as err:
        p.build({"a": 1.0})
    assert (err.value.key, err.value.detail["token"]) == ("missing_value", "b")
    assert parse_values("a=2, b = -3.5e0") == {"a": 2.0, "b": -3.5}
    with pytest.raises(InputError):
        parse_values("a=2, b=os.system")


def test_syntax_error_position_is_inside_or_just_after_the_text():
    """Test that an unfinished expression points just past its end, and leading spaces don't shift
    columns of the stripped text."""
    with pytest.raises(InputError) as err:
        parse_expression("  a + ")
    assert (err.value.key, err.value.detail["pos"]) == ("syntax", 4)
    with pytest.raises(InputError) as err:
        parse_expression("a +* 2")
    assert err.value.detail["pos"] == 4
