"""The fair A/B race (two models, one remedy apart, stepped together; repeated over seeds) and
the capacity sweep (train and test error against width), both bounded in time."""

from __future__ import annotations

from typing import Any

import streamlit as st

from vizlib.charts.live import line_chart
from vizlib.core.errors import InputError
from vizlib.core.mnist import MnistData
from vizlib.lessons.overfitting import charts as ch
from vizlib.lessons.overfitting.config import OverfittingConfig
from vizlib.lessons.overfitting.experiments import (
    SWEEP_WIDTHS,
    capacity_sweep,
    repeat_race,
)
from vizlib.lessons.overfitting.trainer import Trainer
from vizlib.lessons.overfitting.view_lab import build, norm_chart
from vizlib.ui import live
from vizlib.ui.i18n import scoped_t
from vizlib.ui.plot import show_figure, show_live_chart

C = OverfittingConfig
NS = C.NS
RACE_NS = f"{NS}.race"
lt = scoped_t(NS)
RACE_MAX_STEPS = 1500
REPEAT_SEEDS = 5
REPEAT_STEPS = 300
SWEEP_STEPS = 300
BUDGET_S = 90.0  # wall-time bound of "repeat" and of the sweep


def race(cfg: OverfittingConfig, data: MnistData, panel: Any) -> None:
    """Two models, identical but for one remedy, trained side by side: the panel in `panel`."""
    (spec_a, rem_a), (spec_b, rem_b) = cfg.race_pair()
    with panel:
        tr = build(
            RACE_NS,
            cfg.race_signature(),
            lambda: Trainer(data, [spec_a, spec_b], cfg.n_train, cfg.seed),
        )
    if tr is None:
        return
    tr.batch = cfg.batch
    tr.learners[0].set_remedies(rem_a)
    tr.learners[1].set_remedies(rem_b)
    with panel:
        live.live_panel(
            RACE_NS, _render_race, max_steps=RACE_MAX_STEPS, budget_s=0.2, interval_s=0.4
        )
        st.caption(lt("race_caption", b=_describe(cfg)))
    _repeat(cfg, data)


def _describe(cfg: OverfittingConfig) -> str:
    """What B has that A has not, with its strength."""
    (_, _), (spec_b, rem_b) = cfg.race_pair()
    r = cfg.race_remedy
    if r == "augment":
        return lt("b_augment", shift=rem_b.shift, rotate=f"{rem_b.rotate:g}")
    if r == "batchnorm":
        return lt("b_batchnorm")
    return lt(f"b_{r}", value=f"{getattr(rem_b, r):g}")


def _render_race(tr: Trainer) -> None:
    """A and B on one accuracy chart (every tick), their numbers, then their weight norms."""
    a, b = tr.learners
    ha, hb = a.history, b.history
    tn, sn = lt("train"), lt("test")
    # test first (the comparison that matters gets the two most distinct colours); short names
    # so that the legend fits the panel, the caption says what B has
    curves = {
        f"{name} · {what}": (ha.steps, values)
        for what, field in ((sn, "test_acc"), (tn, "train_acc"))
        for name, h in (("A", ha), ("B", hb))
        for values in (getattr(h, field),)
    }
    chart = line_chart(
        curves, x_title=lt("step"), y_title=lt("acc"), title=lt("race_title"),
        height=320, y_domain=(0.0, 1.02),
    )  # fmt: skip
    show_live_chart(chart, key=f"{RACE_NS}.curves")
    c = st.columns(4)  # the step is in the panel's status line
    c[0].metric(lt("a_test"), f"{ha.test_acc[-1]:.1%}")
    c[1].metric(lt("b_test"), f"{hb.test_acc[-1]:.1%}", f"{hb.test_acc[-1] - ha.test_acc[-1]:+.1%}")
    c[2].metric(lt("a_gap"), f"{ha.train_acc[-1] - ha.test_acc[-1]:+.1%}")
    c[3].metric(lt("b_gap"), f"{hb.train_acc[-1] - hb.test_acc[-1]:+.1%}")
    norms = {lt("model_a"): ha.weight_norm, lt("model_b"): hb.weight_norm}
    norm_chart(ha.steps, norms, f"{RACE_NS}.norm")


def _repeat(cfg: OverfittingConfig, data: MnistData) -> None:
    """Rerun the race once per seed (bounded); the mean test-accuracy difference, its spread."""
    st.markdown(f"**{lt('repeat_title')}**")
    st.caption(lt("repeat_caption", k=REPEAT_SEEDS, steps=REPEAT_STEPS, budget=int(BUDGET_S)))
    key = f"{NS}.repeat_result"
    if st.button(lt("repeat", k=REPEAT_SEEDS), key=f"{NS}.repeat", icon=":material/replay:"):
        bar = st.progress(0.0, text=lt("running"))
        (sa, ra), (sb, rb) = cfg.race_pair()
        seeds = range(cfg.seed, cfg.seed + REPEAT_SEEDS)
        try:
            res = repeat_race(
                data, (sa, sb), (ra, rb), cfg.n_train, seeds, REPEAT_STEPS, BUDGET_S,
                batch=cfg.batch, progress=lambda f: bar.progress(f, text=lt("running")),
            )  # fmt: skip
        except InputError as e:
            st.error(lt(f"err.{e.key}", **e.detail))
            return
        bar.empty()
        st.session_state[key] = (cfg.race_signature(), _describe(cfg), res)
    saved = st.session_state.get(key)
    if saved is None:
        return
    sig, what, res = saved
    mean, std = res.summary()
    st.markdown(lt("repeat_result", what=what, n=len(res.seeds), mean=f"{mean:+.2%}",
                   std=f"{std:.2%}"))  # fmt: skip
    verdict = "clear" if abs(mean) > 2 * std and len(res.seeds) > 1 else "noise"
    st.info(lt(f"verdict_{verdict}"))
    rows = {
        lt("seed"): res.seeds,
        lt("model_a"): [f"{v:.2%}" for v in res.acc_a],
        lt("model_b"): [f"{v:.2%}" for v in res.acc_b],
        "B − A": [f"{v:+.2%}" for v in res.diff],
    }
    st.dataframe(rows, hide_index=True)
    if sig != cfg.race_signature():
        st.caption(lt("stale"))


def sweep(cfg: OverfittingConfig, data: MnistData) -> None:
    """Train and test error against width, computed on demand within a time budget."""
    widths = ", ".join(str(w) for w in SWEEP_WIDTHS)
    st.caption(lt("sweep_caption", widths=widths, steps=SWEEP_STEPS, budget=int(BUDGET_S),
                  n=cfg.n_train, depth=cfg.depth))  # fmt: skip
    key = f"{NS}.sweep_result"
    if st.button(lt("sweep"), key=f"{NS}.sweep", icon=":material/bar_chart:", type="primary"):
        bar = st.progress(0.0, text=lt("running"))
        try:
            res = capacity_sweep(
                data, cfg.net(), cfg.remedies(), cfg.n_train, cfg.seed, SWEEP_STEPS, BUDGET_S,
                batch=cfg.batch, progress=lambda f: bar.progress(f, text=lt("running")),
            )  # fmt: skip
        except InputError as e:
            st.error(lt(f"err.{e.key}", **e.detail))
            return
        bar.empty()
        st.session_state[key] = (cfg.to_query(), res)
    saved = st.session_state.get(key)
    if saved is None:
        st.info(lt("sweep_empty"))
        return
    query, res = saved
    labels = {
        "title": lt("sweep_title"),
        "x": lt("width"),
        "y": lt("error"),
        "train": lt("train"),
        "test": lt("test"),
        "gap": lt("gap"),
    }
    fig = ch.sweep_figure(res.widths, res.train_err, res.test_err, labels)
    show_figure(fig, key=f"{NS}.sweep_chart")
    st.caption(lt("sweep_read"))
    if query != cfg.to_query():
        st.caption(lt("stale"))
