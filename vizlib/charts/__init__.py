"""Figure builders: plain data in, plotly/altair figures out (no streamlit, no torch)."""
