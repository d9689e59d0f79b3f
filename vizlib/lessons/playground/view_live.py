"""The playground's views: heatmap and curves (every training tick), then the network diagram,
gradient health, dropout comparison and export (a slower fragment; export only while paused).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import streamlit as st

from vizlib.charts.playground import boundary_figure, curves_figure, gradient_health_figure
from vizlib.charts.playground_network import network_figure
from vizlib.charts.playground_raster import boundary_png, picture_html
from vizlib.core.playground import PlaygroundTrainer, health_alerts
from vizlib.core.playground_config import PlaygroundConfig
from vizlib.core.playground_script import pytorch_script
from vizlib.ui import live
from vizlib.ui.i18n import t

NS = "playground"
GRID = 100
CHART_CONFIG = {"displayModeBar": False}


def tr(key: str, **fmt: Any) -> str:
    """t() for this page's own keys."""
    return t(f"{NS}.{key}", **fmt)


def _chart(fig: Any, key: str) -> None:
    # while training, a static plot skips plotly's interaction layers and redraws faster
    config = {**CHART_CONFIG, "staticPlot": live.is_running(NS)}
    st.plotly_chart(fig, key=f"{NS}.{key}", width="stretch", config=config)


def _boundary_labels(title: str) -> dict[str, str]:
    return {"title": title, "train": tr("train"), "test": tr("test"), "x1": "x₁", "x2": "x₂"}


def _boundary(
    trainer: PlaygroundTrainer,
    cfg: PlaygroundConfig,
    out: np.ndarray,
    title: str,
    key: str,
    height: int = 420,
) -> None:
    d = trainer.data
    test = (d.x_test, d.y_test) if cfg.show_test else None
    fig = boundary_figure(
        out,
        GRID,
        d.task,
        (d.x_train, d.y_train),
        test,
        _boundary_labels(title),
        cfg.discretize,
        height,
    )
    _chart(fig, key)


def _boundary_png(trainer: PlaygroundTrainer, cfg: PlaygroundConfig) -> bytes:
    """While training: the output map as a PNG, which the browser redraws many times a second."""
    d = trainer.data
    test = (d.x_test, d.y_test) if cfg.show_test else None
    out = trainer.grid_outputs(GRID).out
    return boundary_png(out, GRID, d.task, (d.x_train, d.y_train), test, cfg.discretize)


def _stats(trainer: PlaygroundTrainer) -> str:
    h = trainer.history
    text = tr(
        "stats", epoch=h.epoch[-1], train=f"{h.train_loss[-1]:.4f}", test=f"{h.test_loss[-1]:.4f}"
    )
    if np.isfinite(h.test_acc[-1]):
        text += " · " + tr("stats_acc", acc=f"{100 * h.test_acc[-1]:.1f}")
    return text


def _network(trainer: PlaygroundTrainer, grid_layers: list, out: np.ndarray) -> None:
    mlp = trainer.mlp
    out_grid = out if out.ndim == 2 else out[:, None]
    dropped = (
        None
        if trainer.last_masks is None or trainer.dropout <= 0
        else [m == 0 for m in trainer.last_masks]
    )
    labels = {"title": tr("network_title"), "weight": tr("weight"), "neuron": tr("neuron")}
    names = [tr(f"feat.{f}") for f in trainer.feature_names]
    fig = network_figure(
        mlp.sizes, [*grid_layers, out_grid], GRID, mlp.params[0::2], dropped, labels, names
    )
    _chart(fig, "network")
    st.caption(tr("network_caption"))


def _curves(trainer: PlaygroundTrainer) -> None:
    h = trainer.history
    acc = trainer.data.task != "regression"
    labels = {
        "loss": tr("loss"),
        "acc": tr("acc"),
        "train": tr("curve_train"),
        "test": tr("curve_test"),
        "epoch": tr("epoch"),
    }
    fig = curves_figure(
        np.array(h.epoch),
        np.array(h.train_loss),
        np.array(h.test_loss),
        np.array(h.train_acc) if acc else None,
        np.array(h.test_acc) if acc else None,
        labels,
    )
    _chart(fig, "curves")


def _health(trainer: PlaygroundTrainer) -> None:
    h = trainer.history
    st.markdown(f"**{tr('health_title')}**")
    for code in health_alerts(h):
        if code != "diverged":  # the live panel already explains divergence
            st.warning(tr(f"alert.{code}"), icon="⚠️")
    labels = {
        "norm": tr("norm_title"),
        "units": tr("units_title"),
        "layer": tr("layer"),
        "dead": tr("dead"),
        "saturated": tr("saturated"),
        "epoch": tr("epoch"),
    }
    fig = gradient_health_figure(
        np.array(h.epoch),
        np.stack(h.grad_norm),
        np.array(h.dead_pct),
        np.array(h.saturated_pct),
        labels,
    )
    _chart(fig, "health")
    st.caption(tr("health_caption"))


def _dropout(trainer: PlaygroundTrainer, cfg: PlaygroundConfig, eval_out: np.ndarray) -> None:
    st.markdown(f"**{tr('dropout_title')}**")
    masks = trainer.train_mode_masks()
    a, b = st.columns(2)
    with a:
        out = trainer.grid_outputs(GRID, masks).out
        _boundary(trainer, cfg, out, tr("train_mode"), "drop_train", 340)
    with b:
        _boundary(trainer, cfg, eval_out, tr("eval_mode"), "drop_eval", 340)
    st.caption(tr("dropout_caption", p=f"{cfg.dropout:.2f}", scale=f"{1 / (1 - cfg.dropout):.3f}"))


def _weights_download(mlp: Any, dropout: float) -> Callable[[], bytes]:
    """Bytes of the state_dict, made only when the button is clicked."""

    def make() -> bytes:
        # imported on demand: merely importing torch halves the server's fragment tick rate
        from vizlib.core.playground_export import state_dict_bytes

        return state_dict_bytes(mlp, dropout)

    return make


def _export(trainer: PlaygroundTrainer, cfg: PlaygroundConfig) -> None:
    with st.expander(tr("export_title")):
        st.caption(tr("export_caption"))
        a, b = st.columns(2)
        a.download_button(
            tr("export_weights"),
            _weights_download(trainer.mlp, cfg.dropout),
            file_name="playground_state_dict.pt",
            key=f"{NS}.dl_weights",
            on_click="ignore",
            mime="application/octet-stream",
        )
        script = pytorch_script(cfg, trainer.mlp, trainer.data, epochs=max(trainer.epoch, 100))
        b.download_button(
            tr("export_script"),
            script,
            file_name="playground_train.py",
            key=f"{NS}.dl_script",
            on_click="ignore",
            mime="text/x-python",
        )


def render_live(trainer: PlaygroundTrainer, cfg: PlaygroundConfig, frames: Iterator[None]) -> None:
    """The fast views: numbers and output map on every frame of a tick, loss curves once a tick.

    While training, the map is a PNG streamed into one placeholder several times per tick; while
    paused (one frame) it is the interactive plotly chart.
    """
    running = live.is_running(NS)
    stats = st.empty()
    left, right = st.columns([5, 6])
    if running:
        with left, st.container(key=f"{NS}.boundary_live"):
            st.markdown(f"**{tr('boundary_title')}**")
            picture = st.empty()
    with right:
        # drawn at the start of the tick: Streamlit fades elements that the running fragment has
        # not sent yet, and a tick lasts most of the time between ticks
        _curves(trainer)
    for _ in frames:
        stats.markdown(_stats(trainer))
        if running:
            # inline (a data URI), not st.image: fetching each frame from the media endpoint
            # cost the browser about half of the frames
            png = _boundary_png(trainer, cfg)
            picture.html(
                picture_html(png, alt=tr("boundary_title"), caption=tr("boundary_live_caption"))
            )
        else:
            with left:
                out = trainer.grid_outputs(GRID).out
                _boundary(trainer, cfg, out, tr("boundary_title"), "boundary")


def slow_views(trainer: PlaygroundTrainer, cfg: PlaygroundConfig) -> None:
    """Network diagram, gradient health, dropout comparison and (while paused) the export."""
    grid = trainer.grid_outputs(GRID)
    _network(trainer, grid.layers, grid.out)
    _health(trainer)
    if cfg.dropout > 0 and trainer.mlp.n_layers > 1:
        _dropout(trainer, cfg, grid.out)
    if not live.is_running(NS):
        _export(trainer, cfg)
