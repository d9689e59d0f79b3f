"""Test that page configs validate themselves and round-trip through the URL."""

import dataclasses
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core.config import QueryConfig, param


@dataclasses.dataclass(frozen=True)
class Demo(QueryConfig):
    NS: ClassVar[str] = "demo"
    lr: float = param(0.03, lo=1e-5, hi=10.0)
    layers: int = param(2, lo=0, hi=6)
    act: str = param("relu", choices=("relu", "tanh"))
    dropout_on: bool = param(False)
    seed: int = param(0, lo=0, hi=2**31 - 1)


@settings(max_examples=50, deadline=None)
@given(
    lr=st.floats(1e-5, 10.0),
    layers=st.integers(0, 6),
    act=st.sampled_from(["relu", "tanh"]),
    on=st.booleans(),
    seed=st.integers(0, 2**31 - 1),
)
def test_round_trip(lr, layers, act, on, seed):
    """Test that from_query(to_query(c)) == c exactly, floats and seed included."""
    cfg = Demo(lr=lr, layers=layers, act=act, dropout_on=on, seed=seed)
    back, bad = Demo.from_query(cfg.to_query())
    assert back == cfg and bad == []


@pytest.mark.parametrize(
    "key,raw",
    [
        ("demo.lr", "abc"),
        ("demo.lr", "inf"),
        ("demo.lr", "-1"),
        ("demo.layers", "7"),
        ("demo.layers", "1.5"),
        ("demo.act", "swish"),
        ("demo.dropout_on", "maybe"),
        ("demo.seed", "1e400"),
    ],
)
def test_garbage_falls_back_to_default(key, raw):
    """Test that each invalid value is reported and replaced by the default."""
    cfg, bad = Demo.from_query({key: raw, "demo.act": "tanh"} if key != "demo.act" else {key: raw})
    assert bad == [key]
    field = key.split(".")[1]
    assert getattr(cfg, field) == getattr(Demo(), field)


def test_constructor_validates():
    """Test that an out-of-range value is refused at construction."""
    with pytest.raises(ValueError):
        Demo(layers=9)
