"""Streamlit sections of the gradient-descent page: controls, the race on the surface, the formula.

The divergence explainer and the live linear-regression fit are in `pg_gradient_descent_fit`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from vizlib.charts.gd import gd_contour_figure, gd_surface3d_figure
from vizlib.charts.gd_curves import gd_loss_figure
from vizlib.core.gd_config import MAX_STEPS
from vizlib.core.gd_config import GradientDescentConfig as C
from vizlib.core.linreg import parse_data
from vizlib.core.optimizers import OPTIMIZERS
from vizlib.core.surfaces import Surface, make_surface, parse_point
from vizlib.core.trajectories import Trajectory, run_race
from vizlib.ui import controls as ui
from vizlib.ui.formula import formula_box, num
from vizlib.ui.i18n import t

NS = "gradient_descent"
PICK_GRID = 41  # clickable points per side on the contour map
CURRICULUM = {"data_x": "1, 2, 3, 4", "data_y": "2, 3, 4, 5"}
PRESETS = {
    "bowl_min": {
        "surface": "bowl",
        "start": "1, 2",
        "steps": 20,
        "use_sgd": True,
        "lr_sgd": 0.1,
        "noise": 0.0,
    },
    "bowl": {
        "surface": "bowl",
        "start": "-1, 4",
        "steps": 50,
        "use_sgd": True,
        "lr_sgd": 0.1,
        "noise": 0.0,
        "schedule": "constant",
    },
    "linreg": {
        "surface": "linreg",
        **CURRICULUM,
        "start": "0, 0",
        "steps": 1000,
        "use_sgd": True,
        "lr_sgd": 0.01,
        "noise": 0.0,
        "schedule": "constant",
    },
    "ravine": {
        "surface": "quadratic",
        "cond": 50.0,
        "angle": 30.0,
        "start": "",
        "steps": 200,
        "use_sgd": True,
        "use_momentum": True,
        "lr_sgd": 0.035,
        "lr_momentum": 0.01,
        "momentum": 0.9,
        "noise": 0.0,
        "schedule": "constant",
    },
    "rosenbrock": {
        "surface": "rosenbrock",
        "start": "",
        "steps": 1000,
        "use_sgd": True,
        "use_momentum": True,
        "use_adam": True,
        "lr_sgd": 0.001,
        "lr_momentum": 0.001,
        "lr_adam": 0.05,
        "noise": 0.0,
        "schedule": "constant",
    },
}


def tr(key: str, **fmt: Any) -> str:
    """t() for this page's own keys."""
    return t(f"{NS}.{key}", **fmt)


def chart(fig: Any, key: str, **kw: Any) -> None:
    """Draw a figure at the column's width."""
    st.plotly_chart(fig, width="stretch", key=key, config={"displayModeBar": False}, **kw)


def _pick_start() -> None:
    """on_select callback: a click on the contour map becomes the typed start point."""
    event = st.session_state.get(f"{NS}.contour") or {}
    points = (event.get("selection") or {}).get("points") or []
    if points and "x" in points[0] and "y" in points[0]:
        st.session_state[C.key("start")] = f"{points[0]['x']:.3g}, {points[0]['y']:.3g}"
        st.session_state[C.key("view")] = MAX_STEPS


def presets() -> None:
    """One-click worked examples (each also shows the whole race at its last step)."""
    st.markdown(f"**{t('common.worked_example')}**")
    items = list(PRESETS.items())
    cols = st.columns(3) + st.columns(3)
    for col, (name, values) in zip(cols, items, strict=False):
        with col:
            ui.preset_button(
                C,
                tr(f"preset.{name}"),
                {**values, "view": MAX_STEPS},
                key=f"{NS}.p.{name}",
                help=tr(f"preset.{name}_help"),
            )
    with cols[len(items)]:
        ui.reset_button(C, key=f"{NS}.reset")


def surface_controls() -> int:
    """Surface, its shape parameters or data, the start point and the number of steps."""
    left, right = st.columns(2)
    with left:
        name = ui.select(C, "surface", tr("surface"), format_func=lambda s: tr(f"surf.{s}"))
        st.caption(tr(f"surf_note.{name}"))
        if name == "quadratic":
            ui.slider(C, "cond", tr("cond"), help=tr("cond_help"))
            ui.slider(C, "angle", tr("angle"))
        if name == "linreg":
            ui.text(C, "data_x", tr("data_x"), help=tr("data_help"))
            ui.text(C, "data_y", tr("data_y"), help=tr("data_help"))
    with right:
        ui.text(C, "start", tr("start"), placeholder=tr("start_placeholder"), help=tr("start_help"))
        return ui.slider(C, "steps", tr("steps"))


def race_controls() -> None:
    """Who races, each with its own learning rate; shared hyperparameters; schedule and noise."""
    cols = st.columns(len(OPTIMIZERS))
    for col, name in zip(cols, OPTIMIZERS, strict=True):
        with col:
            on = ui.toggle(C, f"use_{name}", tr(f"opt.{name}"))
            ui.number(C, f"lr_{name}", tr("lr"), format="%.4g", disabled=not on)
    with st.expander(tr("hyper")):
        h = st.columns(5)
        with h[0]:
            ui.slider(C, "momentum", tr("momentum"), help=tr("momentum_help"))
        with h[1]:
            ui.slider(C, "rho", tr("rho"))
        with h[2]:
            ui.slider(C, "beta1", tr("beta1"))
        with h[3]:
            ui.slider(C, "beta2", tr("beta2"), format="%.4f")
        with h[4]:
            ui.number(C, "eps", tr("eps"), format="%.1e")
    s = st.columns(4)
    with s[0]:
        kind = ui.select(C, "schedule", tr("schedule"), format_func=lambda k: tr(f"sched.{k}"))
    with s[1]:
        if kind == "step":
            ui.number(C, "step_size", tr("step_size"))
            ui.slider(C, "gamma", tr("gamma"))
        if kind == "warmup":
            ui.number(C, "warmup", tr("warmup"))
    with s[2]:
        ui.slider(C, "noise", tr("noise"), help=tr("noise_help"))
    with s[3]:
        ui.number(C, "seed", tr("seed"))


def build_surface(cfg: C) -> Surface:
    """The chosen surface; bad data gets a message and the curriculum's data instead."""
    data = None
    if cfg.surface == "linreg":
        try:
            data = parse_data(cfg.data_x, cfg.data_y)
        except ValueError as err:
            st.error(tr(f"data_err.{err}"), icon="✋")
            data = parse_data(CURRICULUM["data_x"], CURRICULUM["data_y"])
    return make_surface(cfg.surface, cond=cfg.cond, angle_deg=cfg.angle, data=data)


def resolve_start(cfg: C, surface: Surface) -> tuple[float, float]:
    """The typed start point, or the surface's own start (with a message if the text is bad)."""
    if not cfg.start.strip():
        return surface.start
    try:
        return parse_point(cfg.start)
    except ValueError as err:
        st.error(tr(f"start_err.{err}", text=cfg.start[:40]), icon="✋")
        return surface.start


@st.cache_data(max_entries=64, show_spinner=False)
def _race(
    surface: Surface,
    start: tuple[float, float],
    racers: tuple,
    steps: int,
    schedule: str,
    kw: tuple,
    noise: float,
    seed: int,
) -> list[Trajectory]:
    # deterministic in its arguments (seeded), so a shared read-only cache is safe
    return run_race(
        surface,
        start,
        list(racers),
        steps,
        schedule=schedule,
        schedule_kw=dict(kw),
        noise=noise,
        seed=seed,
    )


def run(cfg: C, surface: Surface, start: tuple[float, float]) -> list[Trajectory]:
    """The race's trajectories for this config (cached)."""
    return _race(
        surface,
        start,
        tuple(cfg.racers()),
        cfg.steps,
        cfg.schedule,
        tuple(sorted(cfg.schedule_kw().items())),
        cfg.noise,
        cfg.seed,
    )


def race_charts(cfg: C, surface: Surface, paths: list[Trajectory]) -> None:
    """The contour and loss charts at the chosen step (and the 3-D surface when asked)."""
    step = cfg.shown_step()
    xs, ys, z = surface.grid(120)
    shown = [_renamed(p, tr(f"opt.{p.label}")) for p in paths]
    axes = {"x_label": tr(f"axis_x.{cfg.surface}"), "y_label": tr(f"axis_y.{cfg.surface}")}
    gone = tr("diverged")
    left, right = st.columns([3, 2])
    with left:
        title = tr("contour_title", step=step)
        fig = gd_contour_figure(xs, ys, z, shown, step, title=title, shade_label=tr("shade"),
                                minima=surface.minima, minimum_label=tr("minimum"),
                                diverged_label=gone, pick_grid=PICK_GRID, **axes)  # fmt: skip
        chart(fig, key=f"{NS}.contour", on_select=_pick_start, selection_mode="points")
        st.caption(tr("pick_hint"))
    with right:
        fig = gd_loss_figure(shown, step, title=tr("loss_title"), x_label=tr("step"),
                             y_label=tr("loss"), diverged_label=gone)  # fmt: skip
        chart(fig, key=f"{NS}.loss")
    if cfg.show_3d:
        fig = gd_surface3d_figure(xs, ys, z, shown, step, title=tr("surface3d_title"),
                                  z_label=tr("shade"), **axes)  # fmt: skip
        chart(fig, key=f"{NS}.3d")
    divergence_notes(shown)


def view_controls(steps: int) -> None:
    """The step the charts show (0 … steps; seeded from the URL, clamped) and the 3-D switch."""
    key = C.key("view")
    if key not in st.session_state:
        raw = st.query_params.get_all(key)
        st.session_state[key] = C.from_query({key: raw} if raw else {})[0].view
    st.session_state[key] = min(int(st.session_state[key]), steps)
    left, right = st.columns([4, 1])
    with left:
        st.slider(tr("view"), 0, steps, key=key, help=tr("view_help"))
    with right:
        ui.toggle(C, "show_3d", tr("show_3d"))


def _renamed(p: Trajectory, label: str) -> Trajectory:
    return Trajectory(label, p.points, p.losses, p.grads, p.lrs, p.diverged)


def divergence_notes(paths: list[Trajectory]) -> None:
    """One message per diverged racer: where it blew up and why."""
    for p in paths:
        if p.diverged:
            st.error(tr("diverged_note", name=p.label, step=p.n_steps + 1), icon="💥")


def update_formula(paths: list[Trajectory], step: int, noisy: bool) -> None:
    """θ ← θ − α∇J(θ) with the numbers of the first plain-SGD racer at the shown step."""
    sgd = next((p for p in paths if p.label == "sgd"), None)
    if sgd is None or sgd.n_steps == 0:  # off, or blew up on its first step (already said)
        if sgd is None:
            st.caption(tr("formula_needs_sgd"))
        return
    k = min(step, sgd.n_steps - 1)
    th, g, a, new = sgd.points[k], sgd.grads[k], sgd.lrs[k], sgd.points[k + 1]
    vec = lambda v: rf"\begin{{pmatrix}}{num(v[0])}\\{num(v[1])}\end{{pmatrix}}"  # noqa: E731
    formula_box(
        r"\theta_{k+1} = \theta_k - \alpha\,\nabla J(\theta_k)",
        rf"\theta_{{{k + 1}}} = {vec(th)} - {num(a)} \cdot {vec(g)} = {vec(new)}",
        title=tr("formula_title", k=k),
    )
    if noisy:
        st.caption(tr("formula_noise"))
