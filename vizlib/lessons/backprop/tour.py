"""The backprop walkthrough: the sign of one weight's gradient in the 2-2-2 example, which layer
gets the larger gradients, a variable used twice, and gradients vanishing through 20 sigmoids.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vizlib.core.tour import Step, Tour
from vizlib.lessons.backprop.config import PRESET_222, BackpropConfig, DeepConfig, ExprConfig
from vizlib.lessons.backprop.expr_parser import parse_expression, parse_values
from vizlib.lessons.backprop.scalar_engine import trace

NS = BackpropConfig.NS
EXPR_VAR = "a"  # the numeric step asks for ∂f/∂a


def expr_grad(configs: Mapping[str, Any], var: str = EXPR_VAR) -> float:
    """∂f/∂var for the expression section's expression, as the page computes it."""
    cfg = configs["ExprConfig"]
    parsed = parse_expression(cfg.expr)
    root = parsed.build(parse_values(cfg.values))
    root.backward()
    nodes, _ = trace(root)
    return next(n.grad for n in nodes if not n.op and n.label == var)


TOUR = Tour(
    slug="backprop",
    configs=(BackpropConfig, ExprConfig, DeepConfig),
    steps=(
        Step("walk", state={f"{NS}.{name}": value for name, value in PRESET_222.items()}),
        Step("sign", choices=("positive", "zero", "negative"), answer="positive"),
        Step("size", choices=("w1", "w2", "same"), answer="w2"),
        Step(
            "reuse",
            state={f"{NS}.expr": "tanh(a*b + c)", f"{NS}.values": "a=2, b=-1, c=0.5"},
            numeric=True,
            outcome=expr_grad,
            change={f"{NS}.expr": "a*a + a*b", f"{NS}.values": "a=3, b=2"},
        ),
        Step(
            "vanish",
            state={
                f"{NS}.depth": 20,
                f"{NS}.width": 32,
                f"{NS}.deep_act": "relu",
                f"{NS}.init": "he",
            },
            choices=("first", "last", "same"),
            answer="last",
            change={f"{NS}.deep_act": "sigmoid", f"{NS}.init": "xavier"},
        ),
    ),
)
