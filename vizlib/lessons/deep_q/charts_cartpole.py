"""CartPole figures: the cart and pole drawn from the state vector, and episode lengths."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import numpy as np

from vizlib.lessons.deep_q.charts_svg import svg_img_html

X_LIMIT = 2.4  # CartPole-v1 ends an episode when |x| passes this
POLE_LEN = 1.0  # drawn length (the env's half-length is 0.5)
CART_W, CART_H = 0.5, 0.3


SVG_W, SVG_H = 480, 200
SCALE = SVG_W / (2 * X_LIMIT + 0.8)  # pixels per metre


def to_px(x: float, y: float) -> tuple[float, float]:
    """World (x right, y up; metres) to SVG pixels (y down)."""
    return (x + X_LIMIT + 0.4) * SCALE, SVG_H - (y + 0.2) * SCALE


def cart_svg(state: Sequence[float], caption: str = "") -> str:
    """The track, its edges, the cart at x and the pole at angle theta, as an inline SVG
    (state = x, x', theta, theta'); cheap enough to stream several frames per tick."""
    x, theta = float(state[0]), float(state[2])
    tip = (x + POLE_LEN * np.sin(theta), CART_H + POLE_LEN * np.cos(theta))
    (t0, ty), (t1, _) = to_px(-X_LIMIT - 0.3, 0), to_px(X_LIMIT + 0.3, 0)
    edges = "".join(
        f'<line x1="{ex:.1f}" y1="{ty + 8:.1f}" x2="{ex:.1f}" y2="{ty - 20:.1f}" '
        'stroke="#c00" stroke-dasharray="3,3"/>'
        for ex, _ in (to_px(-X_LIMIT, 0), to_px(X_LIMIT, 0))
    )
    cx, cy = to_px(x - CART_W / 2, CART_H)
    (px, py), (qx, qy) = to_px(x, CART_H), to_px(*tip)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SVG_W} {SVG_H}" '
        f'width="100%" role="img"><title>{escape(caption)}</title>'
        f'<line x1="{t0:.1f}" y1="{ty:.1f}" x2="{t1:.1f}" y2="{ty:.1f}" stroke="#333" '
        f'stroke-width="2"/>{edges}'
        f'<rect id="cart" x="{cx:.2f}" y="{cy:.2f}" width="{CART_W * SCALE:.2f}" '
        f'height="{CART_H * SCALE:.2f}" fill="#1f77b4"/>'
        f'<line id="pole" x1="{px:.2f}" y1="{py:.2f}" x2="{qx:.2f}" y2="{qy:.2f}" '
        'stroke="#a0522d" stroke-width="8" stroke-linecap="round"/>'
        f'<circle cx="{px:.2f}" cy="{py:.2f}" r="4" fill="#333"/></svg>'
    )


def cart_img_html(state: Sequence[float], caption: str = "") -> str:
    """The cart SVG inlined as an <img> data URI (st.html sanitises inline SVG away)."""
    return svg_img_html(cart_svg(state, caption), caption, SVG_W)
