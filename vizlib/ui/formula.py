"""Formula boxes (the symbolic formula, then the same with live numbers) and pitfall notes."""

from __future__ import annotations

import streamlit as st

from vizlib.charts.tex import tex_num
from vizlib.ui.i18n import t


def formula_box(
    symbolic: str, filled: str, title: str | None = None, *, folded: bool = False
) -> None:
    """Show a LaTeX formula and, under it, the same formula with the current numbers.

    `folded` (presenter mode) puts the box in a closed expander labelled `title` instead."""
    if folded:
        with st.expander(title or t("common.with_numbers"), icon=":material/function:"):
            formula_box(symbolic, filled)
        return
    with st.container(border=True):
        if title:
            st.markdown(f"**{title}**")
        st.latex(symbolic)
        st.caption(t("common.with_numbers"))
        st.latex(filled)


def pitfall(text: str) -> None:
    """A short 'common pitfall' note."""
    st.warning(f"**{t('common.pitfall')}** {text}", icon="⚠️")


def num(x: float, digits: int = 4) -> str:
    """A number for a filled-in formula: `digits` decimals, trailing zeros dropped."""
    return tex_num(x, digits)
