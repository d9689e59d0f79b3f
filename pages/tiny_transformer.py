"""Lesson: a tiny decoder-only Transformer trained live on a toy task; its attention maps learn."""

from vizlib.core.torch_setup import configure_torch
from vizlib.ui import pg_tiny_transformer as pg
from vizlib.ui.page import page_header

configure_torch()
page_header("tiny_transformer")
cfg = pg.controls()
digits = pg.chosen_digits(cfg)
pg.explain(cfg)
pg.train_and_show(cfg, digits)
