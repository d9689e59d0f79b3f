"""Test the gridworld: layout parsing and its messages, click edits, the transition model."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vizlib.core.errors import InputError
from vizlib.lessons.deep_q.config import GridConfig
from vizlib.lessons.deep_q.gridworld import (
    PRESETS,
    GridEnv,
    edit_cell,
    make_world,
    parse_layout,
    resize_layout,
)


@pytest.mark.parametrize(
    "text,key",
    [
        ("S#./#../..G", "unreachable"),
        ("###/###/###", "all_walls"),
        ("hello world", "bad_layout"),
        ("S../..", "bad_layout"),
        ("S./../G.", "bad_layout"),  # 3x2: too narrow
        ("S../.../...", "no_goal"),
        ("S.S/.../..G", "one_start"),
        ("".join(["S" + "." * 10 + "/"] * 3) + "G", "bad_layout"),
    ],
)
def test_unusable_layouts_raise_a_named_input_error(text, key):
    """Test that an unreachable goal, all walls, garbage or a bad size each get their own key."""
    with pytest.raises(InputError) as err:
        parse_layout(text)
    assert err.value.key == key


def test_presets_are_valid():
    """Test that every preset layout parses and has a reachable goal."""
    for text in PRESETS.values():
        assert parse_layout(text)


def test_a_click_cycles_empty_wall_pit_goal_and_never_removes_the_start():
    """Test that clicking a cell steps . -> # -> P -> G -> . and clicking the start does nothing."""
    text = "S../.../..G"
    seen = []
    for _ in range(4):
        text = edit_cell(text, 1, 1)
        seen.append(text.split("/")[1][1])
    assert seen == ["#", "P", "G", "."]
    assert edit_cell(text, 0, 0) == text
    moved = edit_cell(text, 2, 0, place_start=True)
    assert moved == ".../.../S.G"
    assert edit_cell(text, 9, 9) == text  # off the grid: unchanged


def test_resize_pads_crops_and_keeps_a_start():
    """Test that resizing pads with empty cells, crops, and puts back a start that was cut off."""
    assert resize_layout("S../.../..G", 4, 4) == "S.../..../..G./...."
    assert resize_layout(".../.../.GS", 3, 2) == "S./../.G"


@given(st.lists(st.sampled_from(".#PGS"), min_size=9, max_size=100), st.integers(3, 10))
def test_layout_survives_the_url_round_trip(chars, width):
    """Test that any layout text comes back unchanged from the config's query string."""
    rows = ["".join(chars[i : i + width]) for i in range(0, len(chars), width)]
    cfg = GridConfig(layout="/".join(rows))
    back, bad = GridConfig.from_query(cfg.to_query())
    assert back == cfg and bad == []


def test_edited_layout_round_trips_and_parses():
    """Test that a grid edited by clicks round-trips through the URL and still parses."""
    text = edit_cell(edit_cell(PRESETS["classic"], 0, 1), 0, 1)  # (0, 1) becomes a pit
    back, _ = GridConfig.from_query(GridConfig(layout=text).to_query())
    assert parse_layout(back.layout)[0] == ".P.G"


def test_transition_rows_are_distributions_and_match_sampling():
    """Test that P(s'|s,a) sums to 1 and matches the frequencies of the sampled environment."""
    world = make_world(PRESETS["classic"], -0.04, 0.3)
    p = world.transitions()
    np.testing.assert_allclose(p.sum(-1), 1.0)
    env = GridEnv(world, np.random.default_rng(0))
    s, a, n = world.start, 1, 20_000
    counts = np.bincount([env.step(s, a)[0] for _ in range(n)], minlength=world.n_states)
    np.testing.assert_allclose(counts / n, p[s, a], atol=0.015)
