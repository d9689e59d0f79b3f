"""The lab: one model trained live; curves with the gap, weight norm, the batch the model sees
(every tick, Vega-Lite and an inline PNG), then early stopping with "restore best" and the gallery
of memorised and missed digits (drawn when the page runs)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from vizlib.charts.live import line_chart
from vizlib.charts.raster import LIVE_PICTURE, picture_html
from vizlib.core.errors import InputError
from vizlib.core.mnist import MnistData
from vizlib.lessons.overfitting import charts as ch
from vizlib.lessons.overfitting.config import OverfittingConfig
from vizlib.lessons.overfitting.gallery import gallery
from vizlib.lessons.overfitting.trainer import TEST_SUBSET, Learner, Trainer
from vizlib.ui import live, present
from vizlib.ui.i18n import scoped_t, t
from vizlib.ui.plot import show_live_chart

NS = OverfittingConfig.NS
lt = scoped_t(NS)
MAX_STEPS = 3000
GALLERY = 10


def build(ns: str, signature: tuple, factory) -> Trainer | None:
    """The session's trainer, or None with a translated message for bad input."""
    try:
        return live.session_trainer(ns, signature, factory)
    except InputError as e:
        st.error(lt(f"err.{e.key}", **e.detail))
        return None


def lab(cfg: OverfittingConfig, data: MnistData, panel: Any) -> None:
    """Train one model live with the chosen remedies: the panel in `panel`, slower views below."""
    spec = cfg.net()
    with panel:
        tr = build(NS, cfg.signature(), lambda: Trainer(data, [spec], cfg.n_train, cfg.seed))
    if tr is None:
        return
    tr.batch, tr.patience = cfg.batch, cfg.patience
    tr.learners[0].set_remedies(cfg.remedies())
    with panel:
        live.live_panel(
            NS, render, max_steps=MAX_STEPS, budget_s=0.2, interval_s=0.4, hint=lt("diverged_hint")
        )
        caption = lt("lab_caption", n=cfg.n_train, test=f"{TEST_SUBSET:,}", every=tr.eval_every)
        if present.is_presenting():  # several lines: folded away on a projector
            present.explain(caption)
        else:
            st.caption(caption)
    live.side_views(NS, lambda: slow_views(tr, data))


def _pause_on_early_stop(tr: Trainer) -> None:
    """Pause once when patience runs out (Start continues past it)."""
    seen = f"{NS}.stop_seen"
    if tr.early_stop_at is None or st.session_state.get(seen) == tr.early_stop_at:
        return
    st.session_state[seen] = tr.early_stop_at
    live.pause(NS)  # the panel reruns the page, so the early-stopping box below says where


def labels(title: str, y: str) -> dict[str, str]:
    """Translated labels of a gap chart."""
    return {
        "title": title,
        "x": lt("step"),
        "y": y,
        "gap": lt("gap"),
        "best": lt("best_val"),
        "stop": lt("stop_here"),
    }


def gap(
    learner: Learner, what: str, stop_step: int | None, key: str, height: int, legend: bool = True
) -> None:
    """Accuracy or loss, train/val/test, gap shaded, best-validation point starred."""
    h, b = learner.history, learner.best
    series = {k: (lt(k), getattr(h, f"{k}_{what}")) for k in ("train", "val", "test")}
    best = None
    if b is not None and b.step in h.steps:
        best = (b.step, getattr(h, f"val_{what}")[h.steps.index(b.step)])
    chart = ch.gap_chart(
        h.steps,
        series,
        labels(lt(f"{what}_title"), lt(what)),
        best=best,
        stop_step=stop_step,
        y_domain=(0.0, 1.02) if what == "acc" else None,
        height=height,
        legend=legend,
    )
    with st.container(key=key):  # a fixed spec: each tick only swaps the data
        st.vega_lite_chart(chart, width="stretch")


def _metrics(tr: Trainer, learner: Learner) -> None:
    h = learner.history
    c = st.columns(4)  # the step is in the panel's status line
    c[0].metric(lt("m_epoch"), f"{tr.step * tr.batch / len(tr.split.fit):.1f}")
    c[1].metric(lt("m_train"), f"{h.train_acc[-1]:.1%}")
    c[2].metric(lt("m_test"), f"{h.test_acc[-1]:.1%}", help=lt("m_test_help", n=TEST_SUBSET))
    c[3].metric(lt("m_gap"), f"{h.train_acc[-1] - h.test_acc[-1]:+.1%}", help=lt("m_gap_help"))
    # Always one element here, paused or running: a caption that came and went with Start moved
    # every later element (the loss and weight-norm charts) to a new position, so they remounted.
    slot = st.empty()
    if not live.is_running(NS):
        loss, acc = tr.test_full(learner)
        slot.caption(lt("full_test", acc=f"{acc:.2%}", loss=f"{loss:.3f}", n=f"{len(tr.y_test):,}"))


def norm_chart(steps, norms: dict[str, list[float]], key: str) -> None:
    """The weight norm ‖W‖₂ over steps, one line per model."""
    series = {name: (steps, v) for name, v in norms.items()}
    chart = line_chart(series, x_title=lt("step"), y_title="‖W‖₂", title=lt("norm_title"))
    show_live_chart(chart.properties(height=220), key=key)


def _strip(learner: Learner) -> None:
    """The augmented digits of the last batch, as one inline PNG (swapped without blinking)."""
    strip, r = learner.strip, learner.remedies
    with st.container(key=f"{NS}.strip"):
        if len(strip):
            title = lt("strip_title", shift=r.shift, rotate=f"{r.rotate:g}")
            # inline (a data URI, decoded synchronously), as the playground's map: st.image
            # fetched each frame from the media endpoint and sat empty while it loaded
            alt = t("a11y.overfitting_strip_alt")
            st.html(
                picture_html(ch.strip_png(strip), alt=alt, caption=title, css_class=LIVE_PICTURE)
            )
        else:
            st.info(lt("strip_empty"))


def render(tr: Trainer) -> None:
    """Everything that changes as the model trains: drawn at the start of every tick."""
    _pause_on_early_stop(tr)
    learner = tr.learners[0]
    gap(learner, "acc", tr.early_stop_at, f"{NS}.curves.acc", 320)
    _metrics(tr, learner)
    c1, c2 = st.columns(2)
    with c1:
        gap(learner, "loss", tr.early_stop_at, f"{NS}.curves.loss", 220, legend=False)
    with c2:
        norm_chart(learner.history.steps, {lt("norm"): learner.history.weight_norm}, f"{NS}.norm")
    _strip(learner)


def _early_stopping(tr: Trainer, learner: Learner) -> None:
    b = learner.best
    if b is None:
        return
    with st.container(border=True):
        st.markdown(
            lt("best_text", step=b.step, acc=f"{b.val_acc:.1%}", n=learner.evals_since_best)
        )
        if tr.early_stop_at is not None:
            st.markdown(lt("stopped_text", step=tr.early_stop_at, p=tr.patience))
        if st.button(lt("restore"), key=f"{NS}.restore", icon=":material/history:"):
            learner.restore_best()
            loss, acc = tr.test_full(learner)
            st.session_state[f"{NS}.restored"] = (id(learner), b.step, acc, loss)
            st.rerun()  # the whole page: the live panel shows the restored model too
        done = st.session_state.get(f"{NS}.restored")
        if done is not None and done[0] == id(learner):  # not a message about a reset model
            _, step, acc, loss = done
            st.success(lt("restored", step=step, acc=f"{acc:.2%}", loss=f"{loss:.3f}"))


def _gallery(tr: Trainer, learner: Learner, data: MnistData) -> None:
    # recomputed at each evaluation (or after a restore), not on every page run
    ss, key = st.session_state, f"{NS}.gallery"
    stamp = (id(learner), len(learner.history.steps), ss.get(f"{NS}.restored"))
    if ss.get(key, (None,))[0] != stamp:
        ss[key] = (stamp, gallery(tr, learner, GALLERY))
    odd, wrong = ss[key][1]
    st.markdown(f"**{lt('gallery_title')}**")
    alt = t("a11y.overfitting_digit_alt")
    if len(odd.index):
        caps = [f"{y} ({p:.0%})" for y, p in zip(odd.label, odd.p_true, strict=True)]
        with st.container(key=f"{NS}.odd"):
            st.html(ch.digits_html(data.x_train[odd.index] / 255.0, caps, lt("odd_title"), alt))
    caps = [f"{y}→{p}" for y, p in zip(wrong.label, wrong.pred, strict=True)]
    if len(wrong.index):
        with st.container(key=f"{NS}.wrong"):
            st.html(ch.digits_html(data.x_test[wrong.index] / 255.0, caps, lt("wrong_title"), alt))
    st.caption(lt("gallery_caption"))


def slow_views(tr: Trainer, data: MnistData) -> None:
    """Early stopping and the gallery: drawn when the page runs, left alone while training."""
    learner = tr.learners[0]
    _early_stopping(tr, learner)
    _gallery(tr, learner, data)
