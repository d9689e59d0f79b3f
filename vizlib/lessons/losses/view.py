"""The loss lesson's page: typed vectors in, the loss with its formula, gradient and curve out."""

import streamlit as st

from vizlib.core.errors import InputError
from vizlib.lessons.losses.charts import loss_curve_figure, vector_bars_figure
from vizlib.lessons.losses.config import LossConfig
from vizlib.lessons.losses.report import LossReport, evaluate
from vizlib.ui import controls as ui
from vizlib.ui import present
from vizlib.ui.formula import formula_box, num, pitfall
from vizlib.ui.i18n import t
from vizlib.ui.page import page_header
from vizlib.ui.plot import projector_type, show_figure

C = LossConfig
PRESETS = {
    "ce_curriculum": dict(kind="ce", ce_input="probs", ce_true="1, 0", ce_pred="0.8, 0.2"),
    "mse_curriculum": dict(kind="mse", mse_true="2, 3, 4", mse_pred="1.5, 2, 2.5"),
    "ce_confident_wrong": dict(kind="ce", ce_input="probs", ce_true="1, 0", ce_pred="0.01, 0.99"),
}
SYMBOLIC = {
    "mse": r"L = \frac{1}{n}\sum_i (\hat y_i - y_i)^2,\qquad "
    r"\frac{\partial L}{\partial \hat y_i} = \frac{2}{n}(\hat y_i - y_i)",
    "bce": r"L = -\frac{1}{n}\sum_i \left[y_i \log p_i + (1-y_i)\log(1-p_i)\right],\qquad "
    r"\frac{\partial L}{\partial p_i} = \frac{p_i - y_i}{n\,p_i(1-p_i)}",
    "probs": r"L = -\sum_k y_k \log p_k,\qquad \frac{\partial L}{\partial p_k} = -\frac{y_k}{p_k}",
    "logits": r"p = \mathrm{softmax}(z),\quad L = -\sum_k y_k \log p_k,\qquad "
    r"\frac{\partial L}{\partial z_k} = p_k - y_k",
}


def controls() -> LossConfig:
    """Presets, the loss choice and the typed vectors."""
    ui.url_notice(C)
    ui.preset_row(C, PRESETS)
    kind = ui.radio(C, "kind", t("losses.kind"), format_func=lambda k: t(f"losses.kinds.{k}"))
    if kind == "ce":
        ce_input = ui.radio(
            C, "ce_input", t("losses.ce_input"), format_func=lambda k: t(f"losses.ce_inputs.{k}")
        )
        true_name, pred_name = "ce_true", "ce_logits" if ce_input == "logits" else "ce_pred"
    else:
        true_name, pred_name = f"{kind}_true", f"{kind}_pred"
    a, b = st.columns(2)
    with a:
        ui.text(C, true_name, t("losses.targets"), help=t("losses.vector_help"))
    with b:
        ui.text(C, pred_name, t(f"losses.{pred_name}"), help=t("losses.vector_help"))
    return ui.read_config(C)


def filled(cfg: LossConfig, rep: LossReport) -> str:
    """The formula with the current numbers substituted."""
    y, p, r = rep.y, rep.pred, rep.result
    if cfg.kind == "mse":
        parts = " + ".join(rf"({num(pi)} - {num(yi)})^2" for yi, pi in zip(y, p))
        return rf"L = \frac{{1}}{{{y.size}}}\left[{parts}\right] = {num(r.value)}"
    if cfg.kind == "bce":
        parts = " + ".join(
            rf"[{num(yi)}\log {num(pi)} + {num(1 - yi)}\log {num(1 - pi)}]" for yi, pi in zip(y, p)
        )
        return rf"L = -\frac{{1}}{{{y.size}}}\left({parts}\right) = {num(r.value)}"
    parts = " + ".join(rf"{num(yi)}\log {num(pi)}" for yi, pi in zip(y, p))
    return rf"L = -({parts}) = {num(r.value)}"


def results(cfg: LossConfig, rep: LossReport) -> None:
    """Loss value, formula with numbers, gradient, and the loss curve."""
    key = cfg.ce_input if cfg.kind == "ce" else cfg.kind
    presenting = present.is_presenting()
    if not presenting:
        formula_box(SYMBOLIC[key], filled(cfg, rep))
    st.metric(t("losses.value"), num(rep.result.value, 6))
    labels = [f"{i + 1}" for i in range(rep.y.size)]
    grad_name = t("losses.grad_logits") if key == "logits" else t("losses.grad_pred")
    series = {
        t("losses.targets"): rep.y,
        t("losses.predictions"): rep.pred,
        grad_name: rep.result.grad,
    }
    left, right = st.columns([3, 2] if presenting else 2)  # the bars need the room
    with left:
        bars = vector_bars_figure(
            labels, series, t("losses.value_axis"), x_title=t("losses.element")
        )
        show_figure(projector_type(bars), key="losses.bars", toolbar=True)
        st.dataframe(
            {t("losses.element"): labels, grad_name: [num(g, 6) for g in rep.result.grad]},
            hide_index=True,
        )
    with right:
        x_title = t("losses.curve_x_mse") if cfg.kind == "mse" else t(f"losses.curve_x_{cfg.kind}")
        fig = loss_curve_figure(
            rep.grid,
            rep.curve,
            rep.curve_x,
            rep.result.value,
            x_title=x_title,
            y_title=t("losses.value"),
            point_label=t("losses.now"),
        )
        show_figure(projector_type(fig), key="losses.curve", toolbar=True)
    if presenting:  # the charts first on a projector; the formula folds away under them
        formula_box(SYMBOLIC[key], filled(cfg, rep), t("losses.present.formula"), folded=True)
    if cfg.kind != "mse":
        pitfall(t("losses.pitfall_log0"))


def show() -> None:
    """The whole loss page."""
    page_header("losses")
    if present.is_presenting():  # a projector's first screen: the inputs in a column beside
        side, main = st.columns([1, 2.6], gap="medium")
        with side:
            cfg = controls()
        with main:
            evaluated(cfg)
    else:
        evaluated(controls())


def evaluated(cfg: LossConfig) -> None:
    """The results for these settings, or why the typed vectors cannot be used."""
    try:
        report = evaluate(cfg)
    except InputError as err:
        st.error(t(f"input.{err.key}", **err.detail), icon="✋")
    else:
        results(cfg, report)
