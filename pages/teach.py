"""Teach with this: every walkthrough with its link and QR code, class plans, server capacity."""

from vizlib.lessons.tours import all_tours
from vizlib.ui.lessons import available_lessons
from vizlib.ui.teach import show

show(all_tours([lesson.slug for lesson in available_lessons()]))
