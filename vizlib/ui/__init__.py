"""Streamlit helpers the lessons and the app shell share: i18n, URL-synced controls, live training,
formula boxes, figures, bundled assets, the lesson registry and the landing page."""
