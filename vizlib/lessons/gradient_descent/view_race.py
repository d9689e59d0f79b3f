"""The gradient-descent page's race: controls, the optimizers racing on the surface, the formula.

The divergence explainer and the live linear-regression fit are in `view_fit`.
"""

from __future__ import annotations

import streamlit as st

from vizlib.core.optimizers import OPTIMIZERS
from vizlib.lessons.gradient_descent.charts import gd_contour_figure, gd_surface3d_figure
from vizlib.lessons.gradient_descent.charts_curves import gd_loss_figure
from vizlib.lessons.gradient_descent.config import MAX_STEPS
from vizlib.lessons.gradient_descent.config import GradientDescentConfig as C
from vizlib.lessons.gradient_descent.linreg import parse_data
from vizlib.lessons.gradient_descent.surfaces import Surface, make_surface, parse_point
from vizlib.lessons.gradient_descent.trajectories import Trajectory, run_race
from vizlib.ui import controls as ui
from vizlib.ui.formula import formula_box, num
from vizlib.ui.i18n import scoped_t, t
from vizlib.ui.plot import show_figure

NS = C.NS
lt = scoped_t(NS)
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
                lt(f"preset.{name}"),
                {**values, "view": MAX_STEPS},
                key=f"{NS}.p.{name}",
                help=lt(f"preset.{name}_help"),
            )
    with cols[len(items)]:
        ui.reset_button(C, key=f"{NS}.reset")


def surface_controls() -> int:
    """Surface, its shape parameters or data, the start point and the number of steps."""
    left, right = st.columns(2)
    with left:
        name = ui.select(C, "surface", lt("surface"), format_func=lambda s: lt(f"surf.{s}"))
        st.caption(lt(f"surf_note.{name}"))
        if name == "quadratic":
            ui.slider(C, "cond", lt("cond"), help=lt("cond_help"))
            ui.slider(C, "angle", lt("angle"))
        if name == "linreg":
            ui.text(C, "data_x", lt("data_x"), help=lt("data_help"))
            ui.text(C, "data_y", lt("data_y"), help=lt("data_help"))
    with right:
        ui.text(C, "start", lt("start"), placeholder=lt("start_placeholder"), help=lt("start_help"))
        return ui.slider(C, "steps", lt("steps"))


def race_controls() -> None:
    """Who races, each with its own learning rate; shared hyperparameters; schedule and noise."""
    cols = st.columns(len(OPTIMIZERS))
    for col, name in zip(cols, OPTIMIZERS, strict=True):
        with col:
            on = ui.toggle(C, f"use_{name}", lt(f"opt.{name}"))
            ui.number(C, f"lr_{name}", lt("lr"), format="%.4g", disabled=not on)
    with st.expander(lt("hyper")):
        h = st.columns(5)
        with h[0]:
            ui.slider(C, "momentum", lt("momentum"), help=lt("momentum_help"))
        with h[1]:
            ui.slider(C, "rho", lt("rho"))
        with h[2]:
            ui.slider(C, "beta1", lt("beta1"))
        with h[3]:
            ui.slider(C, "beta2", lt("beta2"), format="%.4f")
        with h[4]:
            ui.number(C, "eps", lt("eps"), format="%.1e")
    s = st.columns(4)
    with s[0]:
        kind = ui.select(C, "schedule", lt("schedule"), format_func=lambda k: lt(f"sched.{k}"))
    with s[1]:
        if kind == "step":
            ui.number(C, "step_size", lt("step_size"))
            ui.slider(C, "gamma", lt("gamma"))
        if kind == "warmup":
            ui.number(C, "warmup", lt("warmup"))
    with s[2]:
        ui.slider(C, "noise", lt("noise"), help=lt("noise_help"))
    with s[3]:
        ui.number(C, "seed", lt("seed"))


def build_surface(cfg: C) -> Surface:
    """The chosen surface; bad data gets a message and the curriculum's data instead."""
    data = None
    if cfg.surface == "linreg":
        try:
            data = parse_data(cfg.data_x, cfg.data_y)
        except ValueError as err:
            st.error(lt(f"data_err.{err}"), icon="✋")
            data = parse_data(CURRICULUM["data_x"], CURRICULUM["data_y"])
    return make_surface(cfg.surface, cond=cfg.cond, angle_deg=cfg.angle, data=data)


def resolve_start(cfg: C, surface: Surface) -> tuple[float, float]:
    """The typed start point, or the surface's own start (with a message if the text is bad)."""
    if not cfg.start.strip():
        return surface.start
    try:
        return parse_point(cfg.start)
    except ValueError as err:
        st.error(lt(f"start_err.{err}", text=cfg.start[:40]), icon="✋")
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
    shown = [_renamed(p, lt(f"opt.{p.label}")) for p in paths]
    axes = {"x_label": lt(f"axis_x.{cfg.surface}"), "y_label": lt(f"axis_y.{cfg.surface}")}
    gone = lt("diverged")
    left, right = st.columns([3, 2])
    with left:
        title = lt("contour_title", step=step)
        fig = gd_contour_figure(xs, ys, z, shown, step, title=title, shade_label=lt("shade"),
                                minima=surface.minima, minimum_label=lt("minimum"),
                                diverged_label=gone, pick_grid=PICK_GRID, **axes)  # fmt: skip
        show_figure(fig, key=f"{NS}.contour", on_select=_pick_start, selection_mode="points")
        st.caption(lt("pick_hint"))
    with right:
        fig = gd_loss_figure(shown, step, title=lt("loss_title"), x_label=lt("step"),
                             y_label=lt("loss"), diverged_label=gone)  # fmt: skip
        show_figure(fig, key=f"{NS}.loss")
    if cfg.show_3d:
        fig = gd_surface3d_figure(xs, ys, z, shown, step, title=lt("surface3d_title"),
                                  z_label=lt("shade"), **axes)  # fmt: skip
        show_figure(fig, key=f"{NS}.3d")
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
        st.slider(lt("view"), 0, steps, key=key, help=lt("view_help"))
    with right:
        ui.toggle(C, "show_3d", lt("show_3d"))


def _renamed(p: Trajectory, label: str) -> Trajectory:
    return Trajectory(label, p.points, p.losses, p.grads, p.lrs, p.diverged)


def divergence_notes(paths: list[Trajectory]) -> None:
    """One message per diverged racer: where it blew up and why."""
    for p in paths:
        if p.diverged:
            st.error(lt("diverged_note", name=p.label, step=p.n_steps + 1), icon="💥")


def update_formula(paths: list[Trajectory], step: int, noisy: bool) -> None:
    """θ ← θ − α∇J(θ) with the numbers of the first plain-SGD racer at the shown step."""
    sgd = next((p for p in paths if p.label == "sgd"), None)
    if sgd is None or sgd.n_steps == 0:  # off, or blew up on its first step (already said)
        if sgd is None:
            st.caption(lt("formula_needs_sgd"))
        return
    k = min(step, sgd.n_steps - 1)
    th, g, a, new = sgd.points[k], sgd.grads[k], sgd.lrs[k], sgd.points[k + 1]
    vec = lambda v: rf"\begin{{pmatrix}}{num(v[0])}\\{num(v[1])}\end{{pmatrix}}"  # noqa: E731
    formula_box(
        r"\theta_{k+1} = \theta_k - \alpha\,\nabla J(\theta_k)",
        rf"\theta_{{{k + 1}}} = {vec(th)} - {num(a)} \cdot {vec(g)} = {vec(new)}",
        title=lt("formula_title", k=k),
    )
    if noisy:
        st.caption(lt("formula_noise"))
