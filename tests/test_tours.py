"""Test every lesson's walkthrough for what all of them must be (each lesson's own test_tour.py
checks its computed answer keys): sound, round-tripping through the URL, in both catalogues,
and importable without torch, gymnasium or streamlit (the Teach page imports every one)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vizlib.core.tour import check_tour, text_keys
from vizlib.lessons.tours import TOURS
from vizlib.ui.i18n import load_catalogue

SLUGS = sorted(TOURS)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_walkthrough_is_sound_with_at_least_two_predictions(slug):
    """Test that the walkthrough passes the shape check and asks for at least two predictions."""
    tour = TOURS[slug]
    assert check_tour(tour) == []
    assert sum(s.kind == "predict" for s in tour.steps) >= 2


@pytest.mark.parametrize("revealed", [False, True])
@pytest.mark.parametrize("slug", SLUGS)
def test_every_step_round_trips_through_the_url(slug, revealed):
    """Test that every step's configs, before and after Reveal, come back equal from their query
    strings with nothing rejected."""
    tour = TOURS[slug]
    for k in range(len(tour.steps)):
        for cfg in tour.configs_at(k, revealed).values():
            assert type(cfg).from_query(cfg.to_query()) == (cfg, []), (k, cfg)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("slug", SLUGS)
def test_every_text_is_in_the_catalogue(slug, lang):
    """Test that each key the walkthrough shows has a non-empty text in the catalogue."""
    cat = load_catalogue(lang)
    missing = [k for k in text_keys(TOURS[slug]) if not cat.get(k)]
    assert not missing, missing


@pytest.mark.parametrize("slug", SLUGS)
def test_the_tour_module_loads_no_torch_gymnasium_or_streamlit(slug):
    """Test, in a fresh interpreter, that importing the walkthrough loads none of torch,
    gymnasium or streamlit."""
    code = f"import sys, vizlib.lessons.{slug}.tour; "
    code += "print(sorted({'torch', 'gymnasium', 'streamlit'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
