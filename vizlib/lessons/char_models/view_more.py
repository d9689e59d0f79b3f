"""The makemore-style comparison: every model on names, same seed and CPU budget, on demand."""

from __future__ import annotations

import time

import streamlit as st

from vizlib.lessons.char_models.compare import SETTINGS, compare_models
from vizlib.lessons.char_models.config import CharModelsConfig as C
from vizlib.lessons.char_models.data import CorpusData
from vizlib.ui import controls as ui
from vizlib.ui.i18n import scoped_t

lt = scoped_t(C.NS)
RESULT_KEY = f"{C.NS}.compare"


def _run(cfg: C, names: CorpusData) -> None:
    bar = st.progress(0.0, text=lt("compare_wait"))
    n = 6

    def progress(i: int, kind: str) -> None:
        label = lt(f"kinds.{kind}") if kind else lt("compare_done")
        bar.progress(i / n, text=lt("compare_progress", i=i + 1 if kind else n, n=n, kind=label))

    # thread CPU time: the budget is this session's own work, not other users' on the server
    rows = compare_models(names, cfg.seed, cfg.budget, time.thread_time, 1.0, progress)
    st.session_state[RESULT_KEY] = ((cfg.seed, cfg.budget), rows)


def show_compare(cfg: C, names: CorpusData) -> None:
    """The comparison section: budget, a button, the table once computed."""
    st.subheader(lt("compare_title"))
    st.caption(lt("compare_help", **{k: v for k, v in SETTINGS.items()}))
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    with a:
        ui.slider(C, "budget", lt("budget"))
    with b:
        go = st.button(
            lt("compare_button"),
            key=f"{C.NS}.compare_btn",
            width="stretch",
            icon=":material/leaderboard:",
        )
    if go:
        _run(cfg, names)
    got = st.session_state.get(RESULT_KEY)
    if got is None:
        return
    (seed, budget), rows = got
    st.caption(lt("compare_note", seed=seed, budget=budget))
    st.dataframe(
        [
            {
                lt("col.model"): lt(f"kinds.{r.kind}"),
                lt("col.val"): round(r.val, 3),
                lt("col.params"): r.params,
                lt("col.steps"): r.steps,
                lt("col.cpu"): round(r.cpu_s, 1),
                lt("col.samples"): ", ".join(r.samples),
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )
