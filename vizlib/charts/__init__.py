"""Figure helpers two or more lessons share: plain data in, plotly/altair out (no streamlit)."""
