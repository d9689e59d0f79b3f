"""Safe parser from an expression such as `tanh(a*b + c)` or `(x**2 + y).exp()` to a Value graph.

Only whitelisted AST nodes are accepted; nothing is ever passed to eval/exec/compile-to-code.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from typing import Any

from vizlib.core.errors import InputError
from vizlib.lessons.backprop.scalar_engine import Value

MAX_LEN = 200
MAX_EXPONENT = 100.0
MAX_CONST = 1e6
MAX_VARS = 8
FUNCS = ("exp", "log", "tanh", "sigmoid", "relu")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,7}$")
_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}


def expr_error(key: str, pos: int = 0, token: str = "", **fmt: Any) -> InputError:
    """A refused expression: `key` names the message; `pos` (1-based) and `token` locate it."""
    return InputError(key, pos=pos, token=token, **fmt)


@dataclasses.dataclass(frozen=True)
class ParsedExpr:
    """A checked expression: its AST and the variable names it uses (in order of appearance)."""

    text: str
    tree: ast.Expression
    variables: tuple[str, ...]

    def build(self, values: dict[str, float]) -> Value:
        """The Value graph with each variable a single shared leaf (so `a*a` reuses one node)."""
        missing = [v for v in self.variables if v not in values]
        if missing:
            raise expr_error("missing_value", token=missing[0])
        leaves = {v: Value(values[v], label=v) for v in self.variables}
        return _build(self.tree.body, leaves)


def _fail(key: str, node: ast.AST, text: str, **fmt: Any) -> InputError:
    seg = ast.get_source_segment(text, node) or ""
    return expr_error(key, getattr(node, "col_offset", 0) + 1, seg[:30], **fmt)


def parse_expression(text: str) -> ParsedExpr:
    """Check `text` against the whitelist; raise InputError pointing at the first problem."""
    if len(text) > MAX_LEN:
        raise expr_error("too_long", MAX_LEN + 1, "", limit=MAX_LEN)
    text = text.strip()  # positions below are columns of the stripped text
    if not text:
        raise expr_error("empty")
    if "__" in text:  # dunders are the road to Python internals: refuse before parsing
        raise expr_error("dunder", text.index("__") + 1, "__")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as err:
        pos = err.offset if err.offset and err.offset <= len(text) else len(text) + 1
        raise expr_error("syntax", pos, text[max(pos - 6, 0) : pos + 4]) from None
    except (ValueError, RecursionError, MemoryError):
        raise expr_error("syntax") from None
    names: list[str] = []
    _check(tree.body, text, names)
    if len(names) > MAX_VARS:
        raise expr_error("too_many_vars", token=names[MAX_VARS], limit=MAX_VARS)
    return ParsedExpr(text, tree, tuple(names))


def _check(node: ast.AST, text: str, names: list[str]) -> None:
    """Walk the tree, refusing every node type outside the whitelist."""
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        if isinstance(node.op, ast.Pow):
            _check_exponent(node.right, text)
            _check(node.left, text, names)
            return
        _check(node.left, text, names)
        _check(node.right, text, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        _check(node.operand, text, names)
    elif isinstance(node, ast.Constant):
        _check_constant(node, text)
    elif isinstance(node, ast.Name):
        _check_name(node, text, names)
    elif isinstance(node, ast.Call):
        _check_call(node, text, names)
    elif isinstance(node, ast.Attribute):
        raise _fail("attribute_call", node, text, funcs=", ".join(FUNCS))
    else:
        raise _fail("not_allowed", node, text)


def _check_constant(node: ast.Constant, text: str) -> None:
    v = node.value
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _fail("not_allowed", node, text)
    if abs(v) > MAX_CONST:
        raise _fail("const_too_big", node, text, limit=f"{MAX_CONST:g}")


def _check_name(node: ast.Name, text: str, names: list[str]) -> None:
    if node.id.startswith("_") or not _NAME.match(node.id):
        raise _fail("bad_name", node, text)
    if node.id in FUNCS:
        raise _fail("func_as_var", node, text)
    if node.id not in names:
        names.append(node.id)


def _check_exponent(node: ast.AST, text: str) -> None:
    """Exponents must be (signed) number constants with |p| <= MAX_EXPONENT."""
    inner = node
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = node.operand
    ok = isinstance(inner, ast.Constant) and type(inner.value) in (int, float)
    if not ok:
        raise _fail("exponent_const", node, text)
    if abs(inner.value) > MAX_EXPONENT:
        raise _fail("exponent_too_big", node, text, limit=f"{MAX_EXPONENT:g}")


def _check_call(node: ast.Call, text: str, names: list[str]) -> None:
    if node.keywords:
        raise _fail("not_allowed", node.keywords[0], text)
    func = node.func
    if isinstance(func, ast.Name):  # tanh(x)
        if func.id not in FUNCS:
            raise _fail("unknown_func", func, text, funcs=", ".join(FUNCS))
        if len(node.args) != 1:
            raise _fail("one_arg", node, text)
        _check(node.args[0], text, names)
    elif isinstance(func, ast.Attribute):  # (x).exp()
        if func.attr not in FUNCS:
            raise _fail("attribute_call", func, text, funcs=", ".join(FUNCS))
        if node.args:
            raise _fail("no_args", node, text)
        _check(func.value, text, names)
    else:
        raise _fail("not_allowed", func, text)


def _exponent(node: ast.AST) -> float:
    if isinstance(node, ast.UnaryOp):
        v = float(node.operand.value)
        return -v if isinstance(node.op, ast.USub) else v
    return float(node.value)


def _build(node: ast.AST, leaves: dict[str, Value]) -> Value:
    """Turn an already-checked AST into Values (no Python evaluation of the source)."""
    if isinstance(node, ast.Constant):
        return Value(float(node.value), label=f"{node.value:g}")
    if isinstance(node, ast.Name):
        return leaves[node.id]
    if isinstance(node, ast.UnaryOp):
        inner = _build(node.operand, leaves)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        left = _build(node.left, leaves)
        if isinstance(node.op, ast.Pow):
            return left ** _exponent(node.right)
        right = _build(node.right, leaves)
        sym = _BINOPS[type(node.op)]
        return {
            "+": left.__add__,
            "-": left.__sub__,
            "*": left.__mul__,
            "/": left.__truediv__,
        }[sym](right)
    assert isinstance(node, ast.Call)
    if isinstance(node.func, ast.Name):
        arg, name = _build(node.args[0], leaves), node.func.id
    else:
        arg, name = _build(node.func.value, leaves), node.func.attr
    return getattr(arg, name)()


def parse_values(text: str) -> dict[str, float]:
    """Read "a=2, b=-3" into {"a": 2.0, "b": -3.0}; raise InputError on a malformed entry."""
    out: dict[str, float] = {}
    if len(text) > MAX_LEN:
        raise expr_error("too_long", MAX_LEN + 1, "", limit=MAX_LEN)
    for part in re.split(r"[,;\n]+", text):
        if not part.strip():
            continue
        m = re.fullmatch(
            r"\s*([A-Za-z][A-Za-z0-9]{0,7})\s*=\s*([+-]?(\d+\.?\d*|\.\d+)"
            r"([eE][+-]?\d+)?)\s*",
            part,
        )
        if not m or abs(float(m.group(2))) > MAX_CONST:
            raise expr_error("bad_value", token=part.strip()[:30])
        out[m.group(1)] = float(m.group(2))
    return out
