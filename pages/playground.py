"""Lesson: the neural-network playground — train an MLP live and watch every neuron learn."""

from vizlib.ui import pg_playground as pg
from vizlib.ui.page import page_header

page_header("playground")
cfg = pg.controls()
data, fingerprint = pg.load_data(cfg)
if data is not None:
    pg.train_and_show(cfg, data, fingerprint)
