"""The gradient-descent page: an optimizer race on a loss surface, the 2/L threshold, a live fit."""

import streamlit as st

from vizlib.lessons.gradient_descent import view_fit as fit
from vizlib.lessons.gradient_descent import view_race as race
from vizlib.lessons.gradient_descent.config import GradientDescentConfig as C
from vizlib.ui import controls as ui
from vizlib.ui.page import page_header


def show() -> None:
    """The whole gradient-descent page: the live fit (settings beside its panel) on the first
    screen, then the optimizer race and the 2/L threshold."""
    page_header("gradient_descent")
    ui.url_notice(C)
    settings, panel = st.columns([5, 6], gap="medium")
    with settings:  # every widget is drawn before read_config, which syncs the URL
        fit_lr = fit.fit_controls()
        buttons = st.container()
    st.divider()
    st.subheader(race.lt("race_title"))
    race.presets()
    steps = race.surface_controls()
    race.race_controls()
    race.view_controls(steps)
    cfg = ui.read_config(C)
    surface = race.build_surface(cfg)
    start = race.resolve_start(cfg, surface)
    paths = race.run(cfg, surface, start)
    if paths:
        race.race_charts(cfg, surface, paths)
        race.update_formula(paths, cfg.shown_step(), cfg.noise > 0)
    else:
        st.info(race.lt("no_racer"))
    fit.threshold_section(cfg, surface, start)
    with panel:
        fit.fit_section(cfg, fit_lr, controls=buttons)
    ui.share_box(cfg)
