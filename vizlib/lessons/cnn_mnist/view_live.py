"""Live views of the CNN-on-MNIST lesson (curves, filters, feature maps, errors) and the
"your own digit" section. Every number comes from the session's CnnTrainer.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from vizlib.charts.live import heatmap_chart, line_chart
from vizlib.core.mnist import MnistData
from vizlib.lessons.cnn_mnist import charts as ch
from vizlib.lessons.cnn_mnist.config import CnnMnistConfig
from vizlib.lessons.cnn_mnist.trainer import CnnTrainer, EvalResult, softmax_loss
from vizlib.ui import live
from vizlib.ui.formula import formula_box, num
from vizlib.ui.i18n import t
from vizlib.ui.plot import show_figure, show_live_chart

NS = CnnMnistConfig.NS
GALLERY = 24  # misclassified digits shown
MAX_GRID = 16  # channels shown per deeper filter grid side


def latest_eval(trainer: CnnTrainer) -> EvalResult:
    """Score the test split: sparsely while running (<= 25% of the time), at once when paused."""
    if live.is_running(NS):
        return trainer.refresh(min_steps=min(100, max(10, trainer.step // 4)), max_share=0.25)
    return trainer.refresh(min_steps=1)


def _metrics(trainer: CnnTrainer, ev: EvalResult | None) -> None:
    c = st.columns(4)
    c[0].metric(t("cnn_mnist.m_step"), f"{trainer.step}")
    c[1].metric(t("cnn_mnist.m_epoch"), f"{trainer.epoch():.2f}")
    c[2].metric(t("cnn_mnist.m_test_acc"), "—" if ev is None else f"{ev.accuracy:.2%}")
    speed = "—" if trainer.step == 0 else f"{1000 * trainer.train_seconds / trainer.step:.1f}"
    c[3].metric(t("cnn_mnist.m_speed"), speed, help=t("cnn_mnist.m_speed_help"))
    # always one caption, so the elements below keep their places (a new element shifts them)
    stale = ev is not None and ev.step != trainer.step
    st.caption(t("cnn_mnist.eval_at", step=ev.step) if stale else "")


def _curve_charts(trainer: CnnTrainer) -> tuple:
    """Loss and accuracy, train and test, as live (Vega-Lite) charts that never blank."""
    h = trainer.history
    train, test = t("cnn_mnist.train"), t("cnn_mnist.test")
    step = t("cnn_mnist.step")
    loss = line_chart(
        {train: (h.steps, h.train_loss), test: (h.steps, h.test_loss)},
        x_title=step,
        y_title=t("cnn_mnist.loss"),
        title=t("cnn_mnist.loss_title"),
        height=150,
    )
    acc = line_chart(
        {train: (h.steps, h.train_acc), test: (h.steps, h.test_acc)},
        x_title=step,
        y_title=t("cnn_mnist.acc"),
        title=t("cnn_mnist.acc_title"),
        height=150,
        y_domain=(0.0, 1.0),
    )
    return loss, acc


def feature_maps(
    trainer: CnnTrainer, image: np.ndarray, prefix: str, maps: list | None = None
) -> None:
    """Every conv/pool layer's maps for one image (computed unless given), then the dense
    layer's activations."""
    for name, m in maps if maps is not None else trainer.feature_maps(image):
        if m.ndim == 3:
            title = t("cnn_mnist.maps_title", layer=name, c=m.shape[0], h=m.shape[1], w=m.shape[2])
            show_figure(
                ch.image_grid_figure(m, title, cols=min(16, m.shape[0]), mode="each"),
                key=f"{NS}.{prefix}.{name}",
            )
        elif name == "dense":
            show_figure(
                ch.digit_figure(m[None], t("cnn_mnist.dense_title", n=m.size), height=110),
                key=f"{NS}.{prefix}.dense",
            )
    st.caption(t("cnn_mnist.maps_caption"))


def probabilities(probs: np.ndarray, key: str, true_label: int | None = None) -> None:
    """The softmax bar chart and a one-line verdict."""
    show_figure(
        ch.probability_figure(
            probs, t("cnn_mnist.probs_title"), t("cnn_mnist.digit"), t("cnn_mnist.prob"), true_label
        ),
        key=f"{NS}.{key}",
    )
    pred = int(np.argmax(probs))
    st.markdown(t("cnn_mnist.prediction", pred=pred, p=f"{probs[pred]:.1%}"))


def _loss_formula(logits: np.ndarray, label: int) -> None:
    """Softmax and cross-entropy of this digit, with its numbers filled in."""
    sl = softmax_loss(logits, label)
    y, m = sl.label, sl.shift
    zy, p = sl.logits[y], sl.probs[y]
    filled = (
        r"\begin{aligned}"
        rf"&z_{{{y}}} = {num(zy)},\quad \max_j z_j = {num(m)},\quad "
        rf"S = \textstyle\sum_j e^{{z_j - \max z}} = {num(sl.exp_sum, 6)}\\"
        rf"&p_{{{y}}} = \frac{{e^{{z_{{{y}}} - \max z}}}}{{S}} = \frac{{e^{{{num(zy - m)}}}}}"
        rf"{{{num(sl.exp_sum, 6)}}} = {num(p, 6)},\quad L = -\log p_{{{y}}} = {num(sl.loss)}"
        r"\end{aligned}"
    )
    symbolic = r"p_k = \frac{e^{z_k}}{\sum_{j=0}^{9} e^{z_j}},\qquad L = -\log p_y"
    formula_box(symbolic, filled, t("cnn_mnist.formula_title", label=y))


def _maps_view(trainer: CnnTrainer, cfg: CnnMnistConfig, data: MnistData, logits, maps) -> None:
    i = min(cfg.digit, len(data.y_test) - 1)
    image, label = data.x_test[i], int(data.y_test[i])
    c1, c2 = st.columns([1, 2])
    with c1:
        show_figure(
            ch.digit_figure(image / 255.0, t("cnn_mnist.test_digit", i=i, label=label)),
            key=f"{NS}.test_digit",
        )
    with c2:
        probabilities(softmax_loss(logits, label).probs, "probs", true_label=label)
    _loss_formula(logits, label)
    feature_maps(trainer, image, "maps", maps)


def _errors_view(data: MnistData, ev: EvalResult | None) -> None:
    if ev is None:
        return
    show_figure(
        ch.confusion_figure(
            ev.confusion,
            t("cnn_mnist.confusion_title"),
            t("cnn_mnist.predicted"),
            t("cnn_mnist.true"),
        ),
        key=f"{NS}.confusion",
    )
    wrong = np.flatnonzero(ev.preds != ev.labels)
    st.caption(t("cnn_mnist.wrong_count", n=len(wrong), total=len(ev.labels), step=ev.step))
    if len(wrong):
        idx = wrong[:GALLERY]
        caps = [t("cnn_mnist.mistake", true=int(ev.labels[j]), pred=int(ev.preds[j])) for j in idx]
        show_figure(
            ch.image_grid_figure(
                data.x_test[idx],
                t("cnn_mnist.gallery_title"),
                cols=12,
                mode="global",
                captions=caps,
            ),
            key=f"{NS}.gallery",
        )


def _deep_filters(layers: list[np.ndarray]) -> None:
    """Deeper conv layers' filters, each (out, in, k, k), as channel grids."""
    if not layers:
        st.info(t("cnn_mnist.deep_none"))
        return
    for layer, full in enumerate(layers, start=1):
        w = full[:MAX_GRID, :MAX_GRID]
        o, i, k, _ = w.shape
        title = t("cnn_mnist.deep_title", layer=layer + 1, o=full.shape[0], i=full.shape[1], k=k)
        show_figure(
            ch.image_grid_figure(w.reshape(o * i, k, k), title, cols=i, mode="signed"),
            key=f"{NS}.deep{layer}",
        )
    st.caption(t("cnn_mnist.deep_caption", n=MAX_GRID))


def _strip_chart(trainer: CnnTrainer) -> tuple:
    """The first-layer filters as a live heatmap (they change from noise into stroke detectors)."""
    w = trainer.filters(0)[:, 0]  # (F, k, k)
    z = ch.filter_strip(w)
    chart = heatmap_chart(
        z,
        x_labels=[""] * z.shape[1],
        y_labels=[""] * z.shape[0],
        x_title="",
        y_title="",
        value_title=t("cnn_mnist.weight_scaled"),
        title=t("cnn_mnist.filters_title", n=len(w), k=w.shape[1]),
        domain=(-1.0, 1.0),
        scheme="blueorange",
        size=12,
        axes=False,
    )
    return chart, float(np.abs(w).max())


def render(trainer: CnnTrainer) -> None:
    """The panel's views, redrawn every tick: the numbers, the curves and the first filters.

    Everything is computed before the first element is sent, so that the tick re-sends its views
    in one quick burst and none sits faded while the test set is scored.
    """
    ev = latest_eval(trainer)
    loss, acc = _curve_charts(trainer)
    strip, peak = _strip_chart(trainer)
    _metrics(trainer, ev)
    show_live_chart(loss, key=f"{NS}.curves")
    show_live_chart(acc, key=f"{NS}.acc")
    steps = trainer.history.steps
    st.caption(t("cnn_mnist.curves_caption") if steps else t("cnn_mnist.curves_empty"))
    show_live_chart(strip, key=f"{NS}.filters_live")
    st.caption(t("cnn_mnist.filters_caption", peak=f"{peak:.3f}"))


def render_more(trainer: CnnTrainer, cfg: CnnMnistConfig, data: MnistData) -> None:
    """The slower views below the panel: feature maps, mistakes or deeper filters.

    Everything is computed before the first element is sent, so that the fragment re-sends its
    charts in one quick burst and Streamlit never shows them faded while the model is queried.
    """
    ev = latest_eval(trainer)
    if cfg.view == "maps":
        image = data.x_test[min(cfg.digit, len(data.y_test) - 1)]
        logits = trainer.logits(image[None])[0].numpy()
        maps = list(trainer.feature_maps(image))
    deep = (
        []
        if cfg.view in ("maps", "errors")
        else [trainer.filters(i) for i in range(1, len(trainer.model.convs))]
    )
    if cfg.view == "maps":
        _maps_view(trainer, cfg, data, logits, maps)
    elif cfg.view == "errors":
        _errors_view(data, ev)
    else:
        _deep_filters(deep)
