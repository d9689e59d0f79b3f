"""One package per lesson: everything only that lesson uses (config, compute, charts, view)."""
