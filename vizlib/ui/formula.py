"""Formula boxes (the symbolic formula, then the same with live numbers) and pitfall notes."""

from __future__ import annotations

import streamlit as st

from vizlib.ui.i18n import t


def formula_box(symbolic: str, filled: str, title: str | None = None) -> None:
    """Show a LaTeX formula and, under it, the same formula with the current numbers."""
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
    """A number for a filled-in formula: fixed precision, trailing zeros dropped."""
    if x != x:  # nan
        return r"\mathrm{NaN}"
    if abs(x) >= 1e6 or (0 < abs(x) < 10 ** (-digits)):
        mant, exp = f"{x:.{digits - 1}e}".split("e")
        return rf"{mant} \times 10^{{{int(exp)}}}"
    s = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s
