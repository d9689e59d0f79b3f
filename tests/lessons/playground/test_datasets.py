"""Test that the 2-D data sets, features and CSV validation behave as documented."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vizlib.core.errors import InputError
from vizlib.lessons.playground.datasets import (
    CLASSIFICATION,
    DATASETS,
    FEATURES,
    MAX_CSV_ROWS,
    features,
    grid_points,
    make_dataset,
    parse_csv,
    task_of,
)


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(DATASETS),
    n=st.integers(50, 600),
    noise=st.sampled_from([0.0, 0.25, 0.5]),
    share=st.sampled_from([0.1, 0.5, 0.9]),
    seed=st.integers(0, 1000),
)
def test_shapes_labels_and_split(name, n, noise, share, seed):
    """Test that every data set has n finite points, valid labels and the asked train share."""
    d = make_dataset(name, n, noise, share, seed)
    assert d.x.shape == (n, 2) and d.y.shape == (n,)
    assert np.isfinite(d.x).all() and np.isfinite(d.y).all()
    assert d.train.sum() == round(n * share)
    if name in CLASSIFICATION:
        assert set(np.unique(d.y)) <= set(range(d.n_classes))
    else:
        assert np.abs(d.y).max() <= 1.0


def test_same_seed_same_data_different_seed_different_data():
    """Test that generation is seeded: same seed reproduces, another seed differs."""
    a = make_dataset("spiral", 200, 0.2, 0.5, 7)
    b = make_dataset("spiral", 200, 0.2, 0.5, 7)
    c = make_dataset("spiral", 200, 0.2, 0.5, 8)
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.train, b.train)
    assert not np.array_equal(a.x, c.x)


def test_classes_are_balanced_and_three_has_three():
    """Test that binary sets have both classes about equally, and 'three' has 3 classes."""
    for name in ("circle", "gauss", "spiral", "moons"):
        y = make_dataset(name, 400, 0.0, 0.5, 0).y
        assert 150 <= y.sum() <= 250, name
    d = make_dataset("three", 300, 0.0, 0.5, 0)
    assert d.task == "multiclass" and d.n_classes == 3 and len(np.unique(d.y)) == 3
    assert task_of("reg_plane") == "regression" and task_of("xor") == "binary"


def test_xor_labels_follow_sign_of_product_without_noise():
    """Test that noiseless XOR labels are 1 exactly where x1·x2 > 0."""
    d = make_dataset("xor", 300, 0.0, 0.5, 1)
    np.testing.assert_array_equal(d.y, (d.x[:, 0] * d.x[:, 1] > 0).astype(float))


def test_features_columns():
    """Test that each feature column is computed from x1 and x2 as named."""
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    f = features(x, FEATURES)
    x1, x2 = x[:, 0], x[:, 1]
    expect = np.stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)], 1)
    np.testing.assert_allclose(f, expect)
    np.testing.assert_allclose(features(x, ("x2sq",)), (x2**2)[:, None])


def test_grid_covers_the_plane():
    """Test that the grid has size² points spanning [-6, 6]² with x varying fastest."""
    g = grid_points(80)
    assert g.shape == (6400, 2)
    assert g.min() == -6 and g.max() == 6
    assert g[1, 0] > g[0, 0] and g[1, 1] == g[0, 1]


def test_csv_classification_and_regression():
    """Test that a valid CSV is read, labels are re-indexed, and 'target' means regression."""
    text = "x1,x2,label\n" + "\n".join(f"{i},{-i},{-1 if i % 2 else 1}" for i in range(10))
    d = parse_csv(text.encode(), 0.5, 0)
    assert d.task == "binary" and d.n_classes == 2
    np.testing.assert_array_equal(d.y, [1.0 if i % 2 == 0 else 0.0 for i in range(10)])
    np.testing.assert_array_equal(d.x[:, 1], -np.arange(10))
    reg = parse_csv(b"x1,x2,target\n1,2,0.5\n2,3,0.1\n3,4,0.2\n4,5,0.3\n", 0.5, 0)
    assert reg.task == "regression" and reg.train.sum() == 2
    three = parse_csv(b"x2,label,x1\n" + b"".join(b"%d,%d,1\n" % (i, i % 3) for i in range(9)),
                      0.5, 0)  # fmt: skip
    assert three.task == "multiclass" and three.n_classes == 3


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"\n\n", "empty"),
        (b"x1,x2,label\n", "empty"),
        (b"a,b,c\n1,2,3\n", "columns"),
        (b"x1,x2\n1,2\n", "columns"),
        (b"x1,x2,label\n1,2,0\n1,abc,1\n3,4,0\n5,6,1\n", "non_numeric"),
        (b"x1,x2,label\n1,2,0\n1,nan,1\n3,4,0\n5,6,1\n", "nan"),
        (b"x1,x2,label\n1,2,0\n1,2,\n3,4,0\n5,6,1\n", "non_numeric"),
        (b"x1,x2,label\n1,2,0\n3,4,1\n", "too_few"),
        (b"x1,x2,label\n1,2,0.5\n3,4,1\n1,1,0\n2,2,1\n", "labels"),
        (b"x1,x2,label\n1,2,0\n3,4,0\n1,1,0\n2,2,0\n", "labels"),
        (b"\xff\xfe\x00bad", "not_text"),
    ],
)
def test_bad_csv_gets_its_reason(data, code):
    """Test that each kind of bad CSV is refused with its own reason code."""
    with pytest.raises(InputError) as err:
        parse_csv(data, 0.5, 0)
    assert err.value.key == code


def test_csv_too_many_rows_and_too_big():
    """Test that more than 5,000 rows, or more than 1 MB, is refused."""
    rows = "\n".join("1,2,0" if i % 2 else "3,4,1" for i in range(MAX_CSV_ROWS + 1))
    with pytest.raises(InputError) as err:
        parse_csv(("x1,x2,label\n" + rows).encode(), 0.5, 0)
    assert err.value.key == "too_many"
    with pytest.raises(InputError) as err:
        parse_csv(b"x1,x2,label\n" + b"1" * 2_000_000, 0.5, 0)
    assert err.value.key == "too_big"


def test_unknown_dataset_is_refused():
    """Test that an unknown data-set name raises ValueError."""
    with pytest.raises(ValueError):
        make_dataset("banana", 100, 0.0, 0.5, 0)
