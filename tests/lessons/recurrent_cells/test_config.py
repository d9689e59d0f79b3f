"""Test that the lesson's settings round-trip through the URL and garbage falls back with a list."""

import dataclasses

from vizlib.lessons.recurrent_cells.config import PRESET_CURRICULUM, CellConfig, GradConfig


def test_every_setting_round_trips_through_the_query():
    """Test that a config with every field changed comes back equal from its query string."""
    cell = CellConfig(
        cell="gru",
        act="relu",
        input_size=3,
        hidden_size=4,
        seq="1, 2, 3; 4, 5, 6",
        seed=42,
        w_ih="1, 2, 3",
        w_hh="0.5",
        b_ih="1",
        b_hh="2",
        h0="0.1",
        c0="0.2",
        step=2,
    )
    grad = GradConfig(
        g_len=150, g_hidden=8, g_scale=2.5, g_bias=-1.0, g_act="sigmoid", g_loss="sum", g_seed=9
    )
    query = {**cell.to_query(), **grad.to_query()}
    assert CellConfig.from_query(query) == (cell, [])
    assert GradConfig.from_query(query) == (grad, [])
    for cfg in (cell, grad):
        changed = [f.name for f in dataclasses.fields(cfg) if getattr(cfg, f.name) == f.default]
        assert not changed, changed


def test_garbage_values_fall_back_and_are_named():
    """Test that invalid URL values give the defaults and the list of rejected keys."""
    query = {
        "recurrent_cells.cell": "transformer",
        "recurrent_cells.hidden_size": "99",
        "recurrent_cells.step": "%%garbage%%",
        "recurrent_cells.g_scale": "inf",
        "recurrent_cells.seed": "7",
    }
    cell, bad = CellConfig.from_query(query)
    assert cell == CellConfig(seed=7)
    assert sorted(bad) == [
        "recurrent_cells.cell",
        "recurrent_cells.hidden_size",
        "recurrent_cells.step",
    ]
    grad, bad = GradConfig.from_query(query)
    assert grad == GradConfig() and bad == ["recurrent_cells.g_scale"]


def test_curriculum_preset_is_a_valid_config():
    """Test that the worked-example preset builds a config (every value within its range)."""
    cfg = CellConfig(**PRESET_CURRICULUM)
    assert cfg.act == "sigmoid" and cfg.cell == "rnn"
