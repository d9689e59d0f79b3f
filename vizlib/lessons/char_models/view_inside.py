""" "Inside the network": a passage coloured by one hidden unit (with top-5 guesses), the LSTM/GRU
keep gate over the same passage, and for the bigram its count matrix with the formula filled in.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from vizlib.lessons.char_models.charts import (
    activation_colour,
    count_matrix_figure,
    gate_colour,
    gate_text_html,
    legend_html,
    unit_text_html,
)
from vizlib.lessons.char_models.config import CharModelsConfig as C
from vizlib.lessons.char_models.data import CorpusData
from vizlib.lessons.char_models.probe import (
    keep_gates,
    passage_ids,
    passage_trace,
    top_guesses,
    unit_ranking,
)
from vizlib.lessons.char_models.trainer import Trainer
from vizlib.ui import controls as ui
from vizlib.ui.formula import formula_box, num
from vizlib.ui.i18n import scoped_t
from vizlib.ui.plot import show_figure

lt = scoped_t(C.NS)


def tex_char(ch: str) -> str:
    """A character that is safe inside LaTeX \\text{}."""
    ch = {"\n": "↵", " ": "␣", "\t": "⇥"}.get(ch, ch)
    return "?" if ch in "\\$%&#_{}^~" else ch


def _pick_unit(cfg: C, hidden: np.ndarray) -> int:
    rank = unit_ranking(hidden)
    if cfg.unit >= hidden.shape[1]:
        st.warning(lt("unit_range", u=cfg.unit, h=hidden.shape[1] - 1), icon="🔢")
        return int(rank[0])
    return int(rank[0]) if cfg.unit < 0 else cfg.unit


def _unit_view(cfg: C, trainer: Trainer, data: CorpusData, ids: list[int]) -> None:
    trace = passage_trace(trainer.model, ids, cfg.seq_len)
    u = _pick_unit(cfg, trace.hidden)
    acts = trace.hidden[:, u]
    vmax = 1.0 if trace.bounded else max(float(np.abs(trace.hidden).max()), 1e-9)
    var = trace.hidden.var(0)
    top = ", ".join(f"{i} ({var[i]:.3f})" for i in unit_ranking(trace.hidden)[:5])
    st.markdown(lt("unit_caption", u=u, var=f"{var[u]:.3f}", top=top, h=trace.hidden.shape[1]))
    chars = [data.vocab.chars[i] for i in ids]
    g_ids, g_p = top_guesses(trace.probs)
    guesses = [[data.vocab.chars[i] for i in row] for row in g_ids]
    scale = [activation_colour(a, 1.0) for a in np.linspace(-1, 1, 9)]
    st.html(legend_html(f"−{vmax:.2g}", lt("legend_unit"), f"+{vmax:.2g}", scale))
    st.html(unit_text_html(chars, acts, vmax, guesses, g_p))
    st.caption(lt("guess_caption"))


def _gate_view(trainer: Trainer, data: CorpusData, ids: list[int], kind: str) -> None:
    st.markdown(f"**{lt(f'gate_title.{kind}')}**")
    gates = keep_gates(trainer.model, ids).mean(axis=1)  # (T,): average over the units
    chars = [data.vocab.chars[i] for i in ids]
    scale = [gate_colour(g) for g in np.linspace(0, 1, 9)]
    st.html(legend_html("0", lt("legend_gate"), "1", scale))
    st.html(gate_text_html(chars, gates))
    st.caption(lt(f"gate_caption.{kind}", mean=f"{gates.mean():.3f}"))


def _bigram_view(cfg: C, trainer: Trainer, data: CorpusData) -> None:
    counts = trainer.model.counts.numpy()
    st.markdown(lt("bigram_caption", n=f"{int(counts.sum()):,}", v=data.vocab.size))
    fig = count_matrix_figure(
        counts, data.vocab.chars, lt("count_next"), lt("count_cur"), lt("count_hover")
    )
    show_figure(fig, key=f"{C.NS}.counts")
    prefix = cfg.prefix.replace("\\n", "\n")
    a = prefix[-1] if prefix and prefix[-1] in data.vocab.chars else "\n"
    if a not in data.vocab.chars:
        return
    i = data.vocab.chars.index(a)
    row, k, v = counts[i], cfg.smoothing, data.vocab.size
    j = int(row.argmax())
    p = (row[j] + k) / (row.sum() + k * v)
    formula_box(
        r"P(b\mid a)=\frac{N_{ab}+k}{\sum_c N_{ac}+kV}",
        rf"P(\text{{{tex_char(data.vocab.chars[j])}}}\mid\text{{{tex_char(a)}}})="
        rf"\frac{{{num(row[j], 0)}+{num(k)}}}{{{num(row.sum(), 0)}+{num(k)}\cdot{v}}}={num(p)}",
        title=lt("bigram_formula"),
    )


def show_inside(cfg: C, trainer: Trainer, data: CorpusData) -> None:
    """The "inside the network" section for the session's model."""
    st.subheader(lt("inside_title"))
    if cfg.model == "bigram":
        _bigram_view(cfg, trainer, data)
        return
    st.caption(lt("inside_help"))
    a, b, c = st.columns(3)
    with a:
        ui.number(C, "unit", lt("unit"), help=lt("unit_help"))
    with b:
        ui.slider(C, "passage", lt("passage"))
    with c:
        ui.slider(C, "passage_len", lt("passage_len"))
    nl = data.vocab.chars.index("\n") if "\n" in data.vocab.chars else None
    ids = passage_ids(data.val, cfg.passage, cfg.passage_len, nl)
    _unit_view(cfg, trainer, data, ids)
    if cfg.model in ("lstm", "gru"):
        _gate_view(trainer, data, ids, cfg.model)
