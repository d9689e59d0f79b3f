"""Draw assets/icon.png, the app's tab icon: a tiny 3-4-2 network in the theme's blue.

Bundled so that the tab icon needs no web-font host (the app works offline); rerun to redraw.
"""

from __future__ import annotations

import pathlib

from PIL import Image, ImageDraw

OUT = pathlib.Path(__file__).resolve().parents[1] / "assets" / "icon.png"
BLUE, EDGE = (37, 99, 235, 255), (37, 99, 235, 150)  # theme primaryColor #2563eb
SIZE, SCALE = 64, 8  # drawn 8x larger, then downsampled for smooth edges


def layers(big: int) -> list[list[tuple[float, float]]]:
    """Node centres of a 3-4-2 network on a big x big canvas."""
    xs, counts = (0.16, 0.5, 0.84), (3, 4, 2)
    return [[(x * big, (i + 1) / (n + 1) * big) for i in range(n)] for x, n in zip(xs, counts)]


def draw() -> Image.Image:
    """The icon, SIZE x SIZE RGBA."""
    big = SIZE * SCALE
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    nodes = layers(big)
    for a, b in zip(nodes, nodes[1:]):
        for p in a:
            for q in b:
                d.line([p, q], fill=EDGE, width=big // 40)
    r = big * 0.085
    for layer in nodes:
        for x, y in layer:
            d.ellipse([x - r, y - r, x + r, y + r], fill=BLUE, outline="white", width=big // 80)
    return img.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    draw().save(OUT, optimize=True)
    print(f"wrote {OUT}")
