"""The learning path: every lesson page, in order, with its section and icon.

A lesson is listed only when its page file exists, so later lessons appear as they land.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"


@dataclass(frozen=True)
class Lesson:
    slug: str  # page file pages/<slug>.py, URL path /<slug>, i18n lessons.<slug>.*
    section: str  # i18n key under nav.*
    icon: str


LESSONS = (
    Lesson("neuron", "foundations", ":material/circle:"),
    Lesson("losses", "foundations", ":material/target:"),
    Lesson("gradient_descent", "foundations", ":material/trending_down:"),
    Lesson("backprop", "foundations", ":material/undo:"),
    Lesson("playground", "networks", ":material/hub:"),
    Lesson("overfitting", "networks", ":material/stacked_line_chart:"),
    Lesson("convolution", "vision", ":material/grid_on:"),
    Lesson("cnn_mnist", "vision", ":material/draw:"),
    Lesson("recurrent_cells", "sequences", ":material/loop:"),
    Lesson("char_models", "sequences", ":material/abc:"),
    Lesson("self_attention", "sequences", ":material/visibility:"),
    Lesson("tiny_transformer", "sequences", ":material/account_tree:"),
    Lesson("char_gpt", "sequences", ":material/text_fields:"),
    Lesson("deep_q", "rl", ":material/sports_esports:"),
)


def available_lessons(pages_dir: Path = PAGES_DIR) -> list[Lesson]:
    """The lessons whose page file exists, in learning-path order."""
    return [lesson for lesson in LESSONS if (pages_dir / f"{lesson.slug}.py").exists()]
