"""LaTeX of the convolution formula boxes: the filled-in numbers are the ones passed in."""

from __future__ import annotations

import numpy as np

from vizlib.lessons.convolution import charts_latex as tex
from vizlib.lessons.convolution import conv


def test_size_filled_shows_each_piece_of_the_formula():
    """Test that the filled size formula shows n, p, d, k, s, the numerator and the result."""
    steps = conv.output_size_steps(4, 3, 2, 1, 1, 1)
    s = tex.size_filled("H", 4, 3, 2, (1, 1), 1, steps)
    assert r"\frac{4 + 2 \cdot 1 - 1\,(3-1) - 1}{2}" in s
    assert s.endswith(f"= {steps[1]} + 1 = {steps[2]}")


def test_size_filled_writes_asymmetric_padding_as_a_sum():
    """Test that unequal padding (even kernel, "same") is written p_lo + p_hi."""
    s = tex.size_filled("W", 5, 4, 1, (1, 2), 1, conv.output_size_steps(5, 4, 1, 1, 2, 1))
    assert "5 + 1 + 2" in s


def test_conv_filled_lists_every_product_then_the_value():
    """Test that a 2x2 step lists w·x terms in order, parenthesises negatives, and ends in value."""
    window = np.array([[1.0, 2.0], [3.0, -4.0]])
    kernel = np.array([[1.0, 0.0], [-1.0, 0.5]])
    s = tex.conv_filled((1, 2), window, kernel, -0.5, 7.25)
    assert s.startswith("y_{1,2} = 1 \\cdot 1 + 0 \\cdot 2 + (-1) \\cdot 3 + 0.5 \\cdot (-4)")
    assert s.endswith("+ (-0.5) = 7.25")


def test_conv_filled_abbreviates_long_sums():
    """Test that a 5x5 kernel's 25 products are abbreviated with a dots term."""
    s = tex.conv_filled((0, 0), np.ones((5, 5)), np.ones((5, 5)), 0.0, 25.0)
    assert r"\cdots" in s and s.count(r"\cdot 1") == 5


def test_pool_filled_max_and_average():
    """Test that max pooling lists the window in max(...) and -inf padding shows as -∞."""
    w = np.array([[-np.inf, 2.0], [4.0, 5.0]])
    assert tex.pool_filled((0, 1), w, "max", 5.0) == r"y_{0,1} = \max(-\infty, 2, 4, 5) = 5"
    avg = tex.pool_filled((0, 0), np.array([[1.0, 2.0], [4.0, 5.0]]), "avg", 3.0)
    assert avg == r"y_{0,0} = \frac{1}{4}(1 + 2 + 4 + 5) = 3"


def test_matrix_latex_writes_rows_and_columns():
    """Test that a 2x3 matrix becomes a pmatrix with & between cells and \\\\ between rows."""
    s = tex.matrix_latex(np.array([[1.0, -2.0, 0.5], [0.0, 3.0, 4.0]]))
    assert s == r"\begin{pmatrix}1 & -2 & 0.5 \\ 0 & 3 & 4\end{pmatrix}"
