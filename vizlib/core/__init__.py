"""Compute two or more lessons share (pure numpy/torch, no Streamlit, no I/O): configs, errors,
activations, optimizers, models and trainers."""
