"""Test that typed vectors are parsed, and bad text is refused with a reason code."""

import numpy as np
import pytest

from vizlib.core.errors import InputError
from vizlib.core.parsing import parse_vector


def test_parses_commas_and_spaces():
    """Test that '1, 2.5 -3' parses to three numbers (full-width commas too)."""
    np.testing.assert_allclose(parse_vector("1, 2.5 -3"), [1, 2.5, -3])
    np.testing.assert_allclose(parse_vector("1，2"), [1, 2])


@pytest.mark.parametrize(
    "text,code",
    [
        ("", "too_few"),
        ("a, 1", "not_number"),
        ("1e400", "out_of_range"),
        ("nan", "out_of_range"),
        ("1 " * 11, "too_many"),
        ("1" * 500, "too_long"),
    ],
)
def test_bad_text_gets_a_reason(text, code):
    """Test that each kind of nonsense raises InputError with its own code."""
    with pytest.raises(InputError) as err:
        parse_vector(text)
    assert err.value.key == code
