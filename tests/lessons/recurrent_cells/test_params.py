"""Test typed weights: parsing, clear errors, seeded draws, shapes and the link-shortening check."""

import numpy as np
import pytest

from vizlib.core.errors import InputError
from vizlib.lessons.recurrent_cells.params import (
    WEIGHT_FIELDS,
    build_params,
    format_matrix,
    is_seeded,
    parse_field,
    parse_matrix,
    parse_sequence,
    resize_sequence,
    seeded_text,
    seeded_value,
    shapes,
)


def test_parse_matrix_accepts_rows_by_semicolon_or_newline():
    """Test that "1, 2; 3 4" and "[[1,2],[3,4]]" and two lines give the same matrix."""
    want = np.array([[1.0, 2.0], [3.0, 4.0]])
    for text in ("1, 2; 3 4", "[[1,2],[3,4]]", "1, 2\n\n3, 4", "1，2；3，4"):
        np.testing.assert_array_equal(parse_matrix(text, "w_ih"), want)


@pytest.mark.parametrize(
    "text,key",
    [
        ("", "empty"),
        ("1, x", "not_number"),
        ("1, 2; 3", "ragged"),
        ("1e400", "out_of_range"),
        ("nan", "out_of_range"),
        ("1, " * 600, "too_long"),
    ],
)
def test_bad_text_raises_input_error_with_a_key(text, key):
    """Test that each kind of bad text gives its own InputError key, naming the field."""
    with pytest.raises(InputError) as err:
        parse_matrix(text, "w_hh")
    assert err.value.key == key and err.value.detail["field"] == "w_hh"


def test_wrong_shape_names_both_shapes():
    """Test that a 2×2 matrix where 4×2 is needed says both shapes."""
    with pytest.raises(InputError) as err:
        parse_field("1, 0; 0, 1", "w_ih", (4, 2))
    assert err.value.key == "shape" and err.value.detail == {
        "field": "w_ih",
        "want": "4×2",
        "got": "2×2",
    }


def test_vector_may_be_typed_as_column():
    """Test that a bias typed one number per line is read as a vector."""
    np.testing.assert_array_equal(parse_field("1\n2", "b_ih", (2,)), [1.0, 2.0])


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_seeded_text_round_trips_and_is_recognised(kind):
    """Test that each seeded field's text parses back to the draw, and is_seeded says so."""
    for name in WEIGHT_FIELDS:
        text = seeded_text(name, kind, 3, 2, seed=11)
        value = parse_field(text, name, shapes(kind, 3, 2)[name])
        np.testing.assert_array_equal(value, seeded_value(name, kind, 3, 2, 11))
        assert is_seeded(text, name, kind, 3, 2, 11)
    assert not is_seeded(seeded_text("w_hh", kind, 3, 2, 11), "w_hh", kind, 3, 2, 12)


def test_seed_draws_are_reproducible_and_bounded():
    """Test that a seed gives the same weights, another seed others, within torch's ±1/√H."""
    a = build_params("lstm", "tanh", 2, 4, 5, {})
    b = build_params("lstm", "tanh", 2, 4, 5, {})
    c = build_params("lstm", "tanh", 2, 4, 6, {})
    np.testing.assert_array_equal(a.w_hh, b.w_hh)
    assert not np.array_equal(a.w_hh, c.w_hh)
    assert np.abs(a.w_ih).max() <= 0.5 and a.w_ih.shape == (16, 2)
    np.testing.assert_array_equal(a.h0, np.zeros(4))


def test_editing_one_field_keeps_the_others():
    """Test that typing W_hh leaves the seeded W_ih unchanged."""
    seeded = build_params("gru", "tanh", 2, 2, 3, {})
    edited = build_params("gru", "tanh", 2, 2, 3, {"w_hh": format_matrix(np.ones((6, 2)))})
    np.testing.assert_array_equal(seeded.w_ih, edited.w_ih)
    np.testing.assert_array_equal(edited.w_hh, np.ones((6, 2)))


def test_sequence_checks_width_and_length():
    """Test that the sequence must have input_size columns and at most max_steps rows."""
    assert parse_sequence("1, 2; 3, 4", 2, 8).shape == (2, 2)
    with pytest.raises(InputError) as err:
        parse_sequence("1, 2, 3", 2, 8)
    assert err.value.key == "seq_width"
    with pytest.raises(InputError) as err:
        parse_sequence("; ".join(["1"] * 9), 1, 8)
    assert err.value.key == "seq_long"


def test_resize_sequence_pads_and_cuts():
    """Test that changing the input size zero-pads or cuts every row."""
    assert resize_sequence("1, 2; 3, 4", 3) == "1, 2, 0; 3, 4, 0"
    assert resize_sequence("1, 2; 3, 4", 1) == "1; 3"
    assert resize_sequence("oops", 3) == "oops"
