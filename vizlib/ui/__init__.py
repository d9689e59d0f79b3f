"""Streamlit helpers shared by the pages: i18n, URL sync, controls, live training, formula boxes."""
