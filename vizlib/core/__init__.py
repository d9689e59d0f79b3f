"""Pure numpy/torch computation: models, training steps, traces, datasets, metrics."""
