"""The gradient-descent page, part two: the 2/L divergence threshold, a linear fit trained live.

The fit's trainer lives in this session (vizlib.ui.live); only the learning rate changes it live.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from vizlib.lessons.gradient_descent.charts_curves import gd_lr_sweep_figure
from vizlib.lessons.gradient_descent.charts_fit import (
    fit_line_chart,
    fit_loss_chart,
    surface_path_chart,
)
from vizlib.lessons.gradient_descent.config import LIVE_MAX_STEPS
from vizlib.lessons.gradient_descent.config import GradientDescentConfig as C
from vizlib.lessons.gradient_descent.linreg import LinRegTrainer, least_squares, parse_data
from vizlib.lessons.gradient_descent.surfaces import Surface, linreg_surface
from vizlib.lessons.gradient_descent.trajectories import lr_sweep
from vizlib.lessons.gradient_descent.view_race import CURRICULUM
from vizlib.ui import controls as ui
from vizlib.ui import live, present
from vizlib.ui.formula import pitfall
from vizlib.ui.i18n import scoped_t
from vizlib.ui.plot import show_figure, show_live_chart

NS = C.NS
lt = scoped_t(NS)
FIT_NS = f"{NS}.fit"


def plain(x: float) -> str:
    """A number for a metric (plain text: metrics do not render LaTeX)."""
    return f"{x:.4g}"


SWEEP_POINTS = 40
SURFACE_GRID = 30  # cells per side of the live MSE map


@st.cache_data(max_entries=32, show_spinner=False)
def _sweep(surface: Surface, start: tuple[float, float], steps: int) -> tuple[np.ndarray, ...]:
    # read-only and deterministic: plain GD for a range of lrs either side of 2/L
    lrs = np.linspace(0.05, 1.5, SWEEP_POINTS) * 2.0 / surface.lipschitz
    return lrs, lr_sweep(surface, start, lrs, steps)


def threshold_section(cfg: C, surface: Surface, start: tuple[float, float]) -> None:
    """L, 2/L and plain GD's final loss across learning rates, with presets either side."""
    st.subheader(lt("thr_title"))
    if surface.lipschitz is None:
        st.caption(lt("thr_none"))
        return
    big_l = surface.lipschitz
    m = st.columns(3)
    m[0].metric(lt("thr_l"), plain(big_l))
    m[1].metric(lt("thr_2l"), plain(2.0 / big_l))
    m[2].metric(
        lt("thr_lr"),
        plain(cfg.lr_sgd),
        delta=lt("thr_ok") if cfg.lr_sgd < 2.0 / big_l else lt("thr_bad"),
        delta_color="normal" if cfg.lr_sgd < 2.0 / big_l else "inverse",
    )
    n = min(cfg.steps, 300)
    lrs, final = _sweep(surface, start, n)
    fig = gd_lr_sweep_figure(lrs, final, 2.0 / big_l, cfg.lr_sgd, title=lt("sweep_title", n=n),
                             x_label=lt("lr"), y_label=lt("final_loss"), threshold_label="2/L",
                             current_label=lt("thr_lr_short"),
                             diverged_label=lt("diverged"))  # fmt: skip
    show_figure(fig, key=f"{NS}.sweep")
    for col, factor in zip(st.columns(2), (0.9, 1.05), strict=True):
        with col:
            lr = float(f"{factor * 2.0 / big_l:.4g}")
            values = {"use_sgd": True, "lr_sgd": lr, "view": C.spec("view").default}
            ui.preset_button(C, lt("thr_preset", f=factor, lr=lr), values,
                             key=f"{NS}.thr.{factor}", help=lt("thr_preset_help"))  # fmt: skip
    pitfall(lt("pitfall_lr"))


def _data(cfg: C) -> tuple[np.ndarray, np.ndarray]:
    try:
        return parse_data(cfg.data_x, cfg.data_y)
    except ValueError:  # the message is already shown by the race section when it matters
        st.warning(lt("fit_default_data"), icon="✋")
        return parse_data(CURRICULUM["data_x"], CURRICULUM["data_y"])


def fit_controls() -> float:
    """The fit's heading, introduction and its live learning rate."""
    st.subheader(lt("fit_title"))
    present.explain(lt("fit_intro"))
    return ui.number(C, "fit_lr", lt("fit_lr"), format="%.4g", help=lt("fit_lr_help"))


def fit_section(cfg: C, lr: float, controls: object = None) -> None:
    """Linear regression fitted live by gradient descent, next to the exact solution; the
    buttons and speed go into `controls` when given."""
    x, y = _data(cfg)
    sig = (tuple(x.tolist()), tuple(y.tolist()))
    trainer = live.session_trainer(FIT_NS, sig, lambda: LinRegTrainer(x, y, (0.0, 0.0), lr))
    trainer.set_hparams(lr)
    live.live_panel(
        FIT_NS,
        lambda tr_: _render_fit(tr_, x, y),
        max_steps=LIVE_MAX_STEPS,
        budget_s=0.004,
        interval_s=0.5,  # three live charts per tick: fewer, lighter ticks on a shared server
        hint=lt("fit_diverged_hint"),
        controls=controls,
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _mse_map(x: tuple[float, ...], y: tuple[float, ...]) -> tuple[np.ndarray, ...]:
    # read-only and deterministic: the MSE on a grid around the least-squares solution
    surf = linreg_surface(np.array(x), np.array(y))
    xs, ys, z = surf.grid(SURFACE_GRID)
    return xs, ys, z, np.array(surf.minima[0])


def _render_fit(trainer: LinRegTrainer, x: np.ndarray, y: np.ndarray) -> None:
    """Redraw the line, the loss curve and θ's path on the MSE surface (called each tick).

    The charts are built before the first element is sent, so they are re-sent in one burst.
    """
    exact = least_squares(x, y)
    theta = trainer.thetas[-1]
    line = fit_line_chart(x, y, theta, exact, title=lt("fit_line_title"),
                          data_label=lt("fit_data"), gd_label=lt("fit_gd"),
                          exact_label=lt("fit_exact_line"))  # fmt: skip
    loss = fit_loss_chart(np.array(trainer.losses), title=lt("fit_loss_title"),
                          x_label=lt("step"), y_label=lt("loss"))  # fmt: skip
    xs, ys, z, best = _mse_map(tuple(x.tolist()), tuple(y.tolist()))
    path = trainer.trajectory(label=lt("fit_gd"), max_points=300).points
    surface = surface_path_chart(xs, ys, z, path, tuple(best), title=lt("fit_surface_title"),
                                 shade_label=lt("shade"))  # fmt: skip
    left, right = st.columns(2)
    with left:
        show_live_chart(line, key=f"{FIT_NS}.line")
    with right:
        show_live_chart(loss, key=f"{FIT_NS}.loss")
    m = st.columns(2) + st.columns(2)
    m[0].metric(lt("fit_theta0"), plain(theta[0]), help=lt("fit_exact_help"))
    m[1].metric(lt("fit_theta1"), plain(theta[1]))
    m[2].metric(lt("fit_loss"), plain(trainer.losses[-1]))
    m[3].metric(lt("fit_exact"), f"({plain(exact[0])}, {plain(exact[1])})")
    show_live_chart(surface, key=f"{FIT_NS}.surface")
