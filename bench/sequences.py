"""Alias named in issue 13: `python -m bench.sequences` runs bench/char_models.py."""

from bench.char_models import main

main()
