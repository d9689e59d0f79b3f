"""Test that the backprop config parses its text fields and rejects bad ones with a clear key."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core.errors import InputError
from vizlib.lessons.backprop.config import BackpropConfig
from vizlib.lessons.backprop.net_text import fit_fields, format_matrix, parse_matrix, parse_vector


def test_parses_plain_and_bracket_forms():
    """Test that "1, 2; 3, 4" and "[[1, 2], [3, 4]]" give the same matrix."""
    a = parse_matrix("1, 2; 3, 4", 2, 2, "W1")
    b = parse_matrix("[[1, 2], [3, 4]]", 2, 2, "W1")
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, np.array([[1.0, 2.0], [3.0, 4.0]]))
    np.testing.assert_array_equal(parse_vector("[1 2]", 2, "x"), np.array([1.0, 2.0]))


@pytest.mark.parametrize(
    "text, key",
    [
        ("1, abc", "number"),
        ("1, 2, 3", "count"),
        ("1e999, 2", "too_big"),
        ("nan, 1", "number"),
        ("1," * 200, "too_long"),
        ("__import__('os'), 1", "number"),
    ],
)
def test_bad_vectors_name_the_problem(text, key):
    """Test that a bad vector raises InputError with the matching key and field name."""
    with pytest.raises(InputError) as err:
        parse_vector(text, 2, "x")
    assert err.value.key == key
    assert err.value.detail["field"] == "x"


def test_wrong_shape_matrix():
    """Test that a matrix with a short row is refused with a "shape" error naming the field."""
    with pytest.raises(InputError) as err:
        parse_matrix("1, 2; 3", 2, 2, "W2")
    assert (err.value.key, err.value.detail["field"]) == ("shape", "W2")


def test_config_cross_field_check_and_query_roundtrip():
    """Test that weights not fitting the sizes are refused, and a good config round-trips."""
    with pytest.raises(ValueError):
        BackpropConfig(size1=3)
    cfg = BackpropConfig(n_layers=1, size1=1, y="0.5", w1="0.3, -0.2", b1="0.1")
    back, bad = BackpropConfig.from_query(cfg.to_query())
    assert back == cfg and bad == []


def test_ce_requires_distribution_target():
    """Test that cross-entropy refuses targets that are not a probability distribution."""
    with pytest.raises(InputError) as err:
        BackpropConfig(loss="ce", y="1, 1")
    assert err.value.key == "ce_target"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=1, max_size=9))
def test_format_then_parse_roundtrip(vals):
    """Test that format_matrix output parses back to the same numbers (6 significant digits)."""
    v = np.array(vals)
    back = parse_vector(format_matrix(v), len(v), "x")
    np.testing.assert_allclose(back, v, rtol=1e-5, atol=1e-300)


def test_fit_fields_repairs_only_what_no_longer_fits():
    """Test that growing layer 1 to 3 units rewrites W1, b1, W2 (and nothing else) so they fit."""
    base = dataclasses.asdict(BackpropConfig())
    base["size1"] = 3
    fixed = fit_fields(base)
    assert set(fixed) == {"w1", "b1", "w2"}
    cfg = BackpropConfig(**{**base, **fixed})
    assert cfg.net().weights[0].shape == (3, 2) and cfg.net().weights[1].shape == (2, 3)


def test_fit_fields_makes_ce_target_a_distribution():
    """Test that switching to cross-entropy with y = [2, 3] replaces y by a one-hot vector."""
    base = dataclasses.asdict(BackpropConfig())
    base.update(loss="ce", y="2, 3")
    fixed = fit_fields(base)
    assert fixed == {"y": "0, 1"}
    BackpropConfig(**{**base, **fixed})
