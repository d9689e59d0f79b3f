"""The playground's output map as a PNG, for redrawing many times a second while training.

A browser decodes a small PNG far faster than plotly redraws a heatmap with its points, so the
live view uses this picture and the interactive plotly figure returns when training pauses.
Same colours and orientation as `boundary_figure`. The page inlines the PNG in HTML
(`vizlib.charts.raster.picture_html`) so each frame arrives with its delta, not as a download.
"""

from __future__ import annotations

import numpy as np

from vizlib.charts.raster import png_bytes
from vizlib.lessons.playground.charts import (
    CLASS_COLOURS,
    DIVERGING,
    RADIUS,
    _rgb,
    class_image,
    signed_output,
)

_DISK = 4  # point radius in pixels


def _diverging_rgb(v: np.ndarray) -> np.ndarray:
    """Map values in [-1, 1] through the orange - grey - blue scale (NaN shows grey)."""
    lo, mid, hi = (_rgb(c) for _, c in DIVERGING)
    v = np.nan_to_num(v)[..., None]
    return np.where(v < 0, mid + (lo - mid) * -v, mid + (hi - mid) * v)


def output_rgb(out: np.ndarray, size: int, task: str, discretize: bool) -> np.ndarray:
    """The output grid as an RGB image (size, size, 3), row 0 at the top (x2 = +RADIUS)."""
    if out.ndim == 2:
        return class_image(out, size, discretize)
    v = signed_output(out, task, discretize).reshape(size, size)[::-1]
    return _diverging_rgb(v).clip(0, 255).astype(np.uint8)


def _point_rgb(y: np.ndarray, task: str) -> np.ndarray:
    if len(y) == 0:
        return np.zeros((0, 3))
    if task == "regression":
        return _diverging_rgb(np.clip(y, -1, 1))
    return np.stack([_rgb(CLASS_COLOURS[int(c) % len(CLASS_COLOURS)]) for c in y])


def _stamp(img: np.ndarray, x: np.ndarray, rgb: np.ndarray, edge: np.ndarray) -> None:
    """Draw filled disks with a 1-pixel edge at data coordinates x (n, 2)."""
    px = img.shape[0]
    yy, xx = np.mgrid[-_DISK : _DISK + 1, -_DISK : _DISK + 1]
    dist = np.hypot(yy, xx)
    fill, ring = dist <= _DISK - 1, (dist > _DISK - 1) & (dist <= _DISK)
    cols = np.round((x[:, 0] + RADIUS) / (2 * RADIUS) * (px - 1)).astype(int)
    rows = np.round((RADIUS - x[:, 1]) / (2 * RADIUS) * (px - 1)).astype(int)
    for r, c, colour in zip(rows, cols, rgb):
        r0, r1, c0, c1 = r - _DISK, r + _DISK + 1, c - _DISK, c + _DISK + 1
        if r0 < 0 or c0 < 0 or r1 > px or c1 > px:
            continue  # points outside the plotted square are not drawn
        patch = img[r0:r1, c0:c1]
        patch[fill] = colour
        patch[ring] = edge


def boundary_png(
    out: np.ndarray,
    size: int,
    task: str,
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray] | None,
    discretize: bool = False,
    px: int = 400,
) -> bytes:
    """PNG bytes of the output map (upscaled to px × px) with the training and test points."""
    img = output_rgb(out, size, task, discretize)
    reps = max(1, px // size)
    img = np.repeat(np.repeat(img, reps, axis=0), reps, axis=1).copy()
    _stamp(img, train[0], _point_rgb(train[1], task), np.array([255, 255, 255]))
    if test is not None and len(test[0]):
        _stamp(img, test[0], _point_rgb(test[1], task), np.array([0, 0, 0]))
    return png_bytes(img)
