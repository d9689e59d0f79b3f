"""Test the lab's config: URL round trip, garbage URLs fall back, and the fair A/B pair."""

from dataclasses import replace

from vizlib.lessons.overfitting.config import RACE_DEFAULTS, OverfittingConfig


def test_settings_round_trip_through_the_url():
    """Test that every field, seed included, survives to_query/from_query."""
    cfg = OverfittingConfig(n_train=500, width=64, depth=2, dropout=0.25, shift=2, seed=42)
    back, bad = OverfittingConfig.from_query(cfg.to_query())
    assert back == cfg and bad == []


def test_garbage_url_values_fall_back_and_are_reported():
    """Test that nonsense, too small (0) and too large training sizes are reported as bad."""
    q = {"overfitting.n_train": "0", "overfitting.width": "lots", "overfitting.mode": "x"}
    cfg, bad = OverfittingConfig.from_query(q)
    assert cfg == OverfittingConfig() and sorted(bad) == sorted(q)
    _, bad = OverfittingConfig.from_query({"overfitting.n_train": "20001"})
    assert bad == ["overfitting.n_train"]


def test_race_pair_differs_in_exactly_one_remedy():
    """Test that A and B share every setting except the chosen remedy, which is on in B only."""
    base = OverfittingConfig(dropout=0.3, weight_decay=0.0, shift=1, rotate=0)
    for remedy in ("augment", "dropout", "weight_decay", "batchnorm"):
        (sa, ra), (sb, rb) = replace(base, race_remedy=remedy).race_pair()
        if remedy == "batchnorm":
            assert ra == rb and not sa.batchnorm and sb.batchnorm
            continue
        assert sa == sb
        if remedy == "augment":
            assert (ra.shift, ra.rotate) == (0, 0) and (rb.shift, rb.rotate) == (1, 15)
            assert replace(rb, shift=0, rotate=0) == ra
        else:
            expected = getattr(base, remedy) or RACE_DEFAULTS[remedy]
            assert getattr(ra, remedy) == 0 and getattr(rb, remedy) == expected
            assert replace(rb, **{remedy: 0.0}) == ra
