"""Every lesson's walkthrough, for the "Teach with this" page (a lesson never imports another,
so the list of all of them lives here, above the lessons)."""

from __future__ import annotations

import importlib

from vizlib.core.tour import Tour


def all_tours(slugs: list[str]) -> dict[str, Tour]:
    """{slug: walkthrough} for each lesson of `slugs` that has one, in that order."""
    out = {}
    for slug in slugs:
        try:
            module = importlib.import_module(f"vizlib.lessons.{slug}.tour")
        except ModuleNotFoundError:
            continue
        out[slug] = module.TOUR
    return out
