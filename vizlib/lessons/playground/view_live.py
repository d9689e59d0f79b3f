"""The playground's views: heatmap and curves (every training tick), then the network diagram,
gradient health, dropout comparison and export (a slower fragment; export only while paused).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import streamlit as st

from vizlib.charts.live import line_chart
from vizlib.charts.raster import LIVE_PICTURE, picture_html
from vizlib.lessons.playground.charts import boundary_figure, gradient_health_figure
from vizlib.lessons.playground.charts_network import network_figure
from vizlib.lessons.playground.charts_raster import boundary_png
from vizlib.lessons.playground.config import PlaygroundConfig
from vizlib.lessons.playground.script import pytorch_script
from vizlib.lessons.playground.trainer import PlaygroundTrainer, health_alerts
from vizlib.ui import live, present
from vizlib.ui.i18n import scoped_t
from vizlib.ui.plot import show_figure, show_live_chart

NS = PlaygroundConfig.NS
lt = scoped_t(NS)
GRID = 100
MAP_PX = 360  # the output map's height, paused (plotly) or training (PNG): fits the first screen


def _chart(fig: Any, key: str) -> None:
    # while training, a static plot skips plotly's interaction layers and redraws faster
    show_figure(fig, key=f"{NS}.{key}", config={"staticPlot": live.is_running(NS)})


def _long_caption(text: str) -> None:
    """A caption of several lines: folded away in presenter mode."""
    if present.is_presenting():
        present.explain(text)
    else:
        st.caption(text)


def _boundary_labels(title: str) -> dict[str, str]:
    return {"title": title, "train": lt("train"), "test": lt("test"), "x1": "x₁", "x2": "x₂"}


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
    return boundary_png(out, GRID, d.task, (d.x_train, d.y_train), test, cfg.discretize, MAP_PX)


def _stats(trainer: PlaygroundTrainer) -> str:
    h = trainer.history
    text = lt(
        "stats", epoch=h.epoch[-1], train=f"{h.train_loss[-1]:.4f}", test=f"{h.test_loss[-1]:.4f}"
    )
    if np.isfinite(h.test_acc[-1]):
        text += " · " + lt("stats_acc", acc=f"{100 * h.test_acc[-1]:.1f}")
    return text


def _network(trainer: PlaygroundTrainer, grid_layers: list, out: np.ndarray) -> None:
    mlp = trainer.mlp
    out_grid = out if out.ndim == 2 else out[:, None]
    dropped = (
        None
        if trainer.last_masks is None or trainer.dropout <= 0
        else [m == 0 for m in trainer.last_masks]
    )
    labels = {"title": lt("network_title"), "weight": lt("weight"), "neuron": lt("neuron")}
    names = [lt(f"feat.{f}") for f in trainer.feature_names]
    fig = network_figure(
        mlp.sizes, [*grid_layers, out_grid], GRID, mlp.params[0::2], dropped, labels, names
    )
    _chart(fig, "network")
    _long_caption(lt("network_caption"))


def _curves(trainer: PlaygroundTrainer) -> None:
    """Train/test loss (and accuracy for classification), as live Vega-Lite charts."""
    h = trainer.history
    train, test, epoch = lt("curve_train"), lt("curve_test"), lt("epoch")
    charts = [
        line_chart(
            {train: (h.epoch, h.train_loss), test: (h.epoch, h.test_loss)},
            x_title=epoch,
            y_title=lt("loss"),
            title=lt("loss"),
            height=170,
        )
    ]
    if trainer.data.task != "regression":
        charts.append(
            line_chart(
                {train: (h.epoch, h.train_acc), test: (h.epoch, h.test_acc)},
                x_title=epoch,
                y_title=lt("acc"),
                title=lt("acc"),
                height=170,
                y_domain=(0.0, 1.0),
            )
        )
    for col, chart, key in zip(st.columns(len(charts)), charts, ("curves", "acc")):
        with col:
            show_live_chart(chart, key=f"{NS}.{key}")


def _health(trainer: PlaygroundTrainer) -> None:
    h = trainer.history
    st.markdown(f"**{lt('health_title')}**")
    for code in health_alerts(h):
        if code != "diverged":  # the live panel already explains divergence
            st.warning(lt(f"alert.{code}"), icon="⚠️")
    labels = {
        "norm": lt("norm_title"),
        "units": lt("units_title"),
        "layer": lt("layer"),
        "dead": lt("dead"),
        "saturated": lt("saturated"),
        "epoch": lt("epoch"),
    }
    fig = gradient_health_figure(
        np.array(h.epoch),
        np.stack(h.grad_norm),
        np.array(h.dead_pct),
        np.array(h.saturated_pct),
        labels,
    )
    _chart(fig, "health")
    _long_caption(lt("health_caption"))


def _dropout(trainer: PlaygroundTrainer, cfg: PlaygroundConfig, eval_out: np.ndarray) -> None:
    st.markdown(f"**{lt('dropout_title')}**")
    masks = trainer.train_mode_masks()
    a, b = st.columns(2)
    with a:
        out = trainer.grid_outputs(GRID, masks).out
        _boundary(trainer, cfg, out, lt("train_mode"), "drop_train", 340)
    with b:
        _boundary(trainer, cfg, eval_out, lt("eval_mode"), "drop_eval", 340)
    st.caption(lt("dropout_caption", p=f"{cfg.dropout:.2f}", scale=f"{1 / (1 - cfg.dropout):.3f}"))


def _weights_download(mlp: Any, dropout: float) -> Callable[[], bytes]:
    """Bytes of the state_dict, made only when the button is clicked."""

    def make() -> bytes:
        # imported on demand: merely importing torch halves the server's fragment tick rate
        from vizlib.lessons.playground.export import state_dict_bytes

        return state_dict_bytes(mlp, dropout)

    return make


def _export(trainer: PlaygroundTrainer, cfg: PlaygroundConfig) -> None:
    with st.expander(lt("export_title")):
        st.caption(lt("export_caption"))
        a, b = st.columns(2)
        a.download_button(
            lt("export_weights"),
            _weights_download(trainer.mlp, cfg.dropout),
            file_name="playground_state_dict.pt",
            key=f"{NS}.dl_weights",
            on_click="ignore",
            mime="application/octet-stream",
        )
        script = pytorch_script(cfg, trainer.mlp, trainer.data, epochs=max(trainer.epoch, 100))
        b.download_button(
            lt("export_script"),
            script,
            file_name="playground_train.py",
            key=f"{NS}.dl_script",
            on_click="ignore",
            mime="text/x-python",
        )


def render_live(trainer: PlaygroundTrainer, cfg: PlaygroundConfig, frames: Iterator[None]) -> None:
    """The fast views: numbers and output map on every frame of a tick, loss curves once a tick.

    While training, the map is a PNG streamed into one placeholder several times per tick (an
    inline image swaps atomically, so it never blinks); while paused (one frame) it is the
    interactive plotly chart. The curves sit below the map but are sent before the first frame,
    so they are fresh for the whole tick.
    """
    running = live.is_running(NS)
    # The stats line and the map are drawn as elements, and each later frame replaces the element
    # in place (an element's handle replaces it, as st.empty() does). A fresh st.empty() each
    # tick was first sent empty: the browser removed the picture's element for a moment (a
    # MutationObserver saw it gone for 23 ms) and the blank sampler caught it missing.
    stats = st.markdown(_stats(trainer))
    chart = st.container(key=f"{NS}.map")  # the main live chart: paused or training
    if running:
        with chart, st.container(key=f"{NS}.boundary_live"):
            picture = st.html(_map_html(trainer, cfg))
    with st.container():  # below the map, but sent first: never left faded while frames stream
        _curves(trainer)
    for i, _ in enumerate(frames):
        if not running:  # one frame: the interactive map
            out = trainer.grid_outputs(GRID).out
            with chart:
                _boundary(trainer, cfg, out, lt("boundary_title"), "boundary", MAP_PX)
        elif i > 0:  # frame 0 is the one already drawn above
            stats.markdown(_stats(trainer))
            picture.html(_map_html(trainer, cfg))


def _map_html(trainer: PlaygroundTrainer, cfg: PlaygroundConfig) -> str:
    """The live output map as an inline picture (a data URI, not st.image: fetching each frame
    from the media endpoint cost the browser about half of the frames)."""
    png = _boundary_png(trainer, cfg)
    alt, caption = lt("boundary_title"), lt("boundary_live_caption")
    return picture_html(png, alt=alt, caption=caption, css_class=LIVE_PICTURE)


def slow_views(trainer: PlaygroundTrainer, cfg: PlaygroundConfig) -> None:
    """Network diagram, gradient health, dropout comparison and (while paused) the export."""
    grid = trainer.grid_outputs(GRID)
    _network(trainer, grid.layers, grid.out)
    _health(trainer)
    if cfg.dropout > 0 and trainer.mlp.n_layers > 1:
        _dropout(trainer, cfg, grid.out)
    if not live.is_running(NS):
        _export(trainer, cfg)
