"""Pictures for views redrawn every training tick: numpy images as PNG bytes, inlined in HTML.

A browser swaps an inline image (a data URI) atomically, so a picture streamed this way never
goes blank between frames, and a small PNG decodes far faster than plotly redraws a heatmap.
"""

from __future__ import annotations

import base64
import html
import io

import numpy as np
from PIL import Image

# The class of a picture redrawn while training: the browser suite's blank sampler watches it like
# a chart, and vizlib.ui.page keeps it unfaded while a run re-sends it.
LIVE_PICTURE = "live-picture"


def png_bytes(img: np.ndarray) -> bytes:
    """PNG bytes of a uint8 image, grey (H, W) or RGB (H, W, 3); fast, lightly compressed."""
    arr = np.ascontiguousarray(np.asarray(img, dtype=np.uint8))
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def tile_images(images: np.ndarray, *, gap: int = 2, scale: int = 1, fill: int = 255) -> np.ndarray:
    """Grey images in [0, 1] (N, H, W) side by side as one uint8 image (H·s, (N·(W+gap)−gap)·s),
    each pixel repeated `scale` times, separated by `gap` columns of `fill`."""
    imgs = np.clip(np.nan_to_num(np.asarray(images, dtype=float)), 0.0, 1.0)
    n, h, w = imgs.shape if imgs.ndim == 3 else (0, 1, 1)
    out = np.full((h, max(1, n * (w + gap) - gap)), fill, dtype=np.uint8)
    for i, img in enumerate(imgs):
        out[:, i * (w + gap) : i * (w + gap) + w] = np.round(img * 255).astype(np.uint8)
    return np.repeat(np.repeat(out, scale, axis=0), scale, axis=1)


def data_uri(png: bytes) -> str:
    """PNG bytes as a data URI, for an <img> that decodes with no request."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def picture_html(png: bytes, alt: str, caption: str, css_class: str = "") -> str:
    """An <img> with the PNG inline (a data URI) and a caption, at the PNG's own pixel size.
    `css_class=LIVE_PICTURE` lets the browser suite's blank sampler watch the picture."""
    return (
        f'<figure class="{html.escape(css_class)}" style="margin:0">'
        f'<img src="{data_uri(png)}" '
        f'alt="{html.escape(alt)}" decoding="sync" style="max-width:100%">'
        f'<figcaption style="font-size:0.85em;opacity:0.7">{html.escape(caption)}'
        "</figcaption></figure>"
    )
