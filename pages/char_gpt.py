"""Lesson: a character-level tiny GPT trained live on bundled text; sample it, see its attention."""

from vizlib.core.torch_setup import configure_torch
from vizlib.ui import pg_char_gpt as pg
from vizlib.ui.page import page_header

configure_torch()
page_header("char_gpt")
cfg = pg.controls()
trainer = pg.trainer_for(cfg)
pg.explain(cfg, trainer)
ids = pg.prompt_ids(cfg, trainer.vocab)
pg.train_and_show(cfg, trainer, ids)
