"""vizlib: the computation library behind the explainer.

One package per lesson in `lessons/` (config, compute, charts, view); underneath, the layers the
lessons share: `core` (compute) -> `charts` (figures) -> `ui` (Streamlit helpers).
"""
