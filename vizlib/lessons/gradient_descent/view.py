"""Lesson: gradient descent on loss surfaces, the 2/L threshold, an optimizer race, a live fit."""

import streamlit as st

from vizlib.core.gd_config import GradientDescentConfig as C
from vizlib.ui import controls as ui
from vizlib.ui import pg_gradient_descent as gd
from vizlib.ui import pg_gradient_descent_fit as fit
from vizlib.ui.page import page_header

page_header("gradient_descent")
ui.url_notice(C)
main, fit_box = st.container(), st.container()
with fit_box:  # every widget is drawn before read_config, which syncs the URL
    fit_lr = fit.fit_controls()
with main:
    gd.presets()
    steps = gd.surface_controls()
    gd.race_controls()
    gd.view_controls(steps)
    cfg = ui.read_config(C)
    surface = gd.build_surface(cfg)
    start = gd.resolve_start(cfg, surface)
    paths = gd.run(cfg, surface, start)
    if paths:
        gd.race_charts(cfg, surface, paths)
        gd.update_formula(paths, cfg.shown_step(), cfg.noise > 0)
    else:
        st.info(gd.tr("no_racer"))
    fit.threshold_section(cfg, surface, start)
with fit_box:
    fit.fit_section(cfg, fit_lr)
ui.share_box(cfg)
