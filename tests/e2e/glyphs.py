"""Check by rendering that Chinese text shows real glyphs, not missing-glyph boxes ("tofu").

In the page under test, the characters of a heading are laid out one per fixed-size cell in the
heading's own font, next to a cell holding an unassigned code point (U+0378), which every font
lacks: that cell is the browser's missing-glyph box. One screenshot of the row is cut into cells.
Where a font for the characters is missing, every character cell equals the box; with one,
each character has its own shape.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

TOFU = "\u0378"  # unassigned in Unicode: no font has it, so it renders as the missing-glyph box
CELL_PX = 48
PROBE_ID = "cjk-glyph-probe"
PROBE_JS = """([chars, cellPx, id, selector]) => {
  const ref = selector ? document.querySelector(selector) : null;
  const style = ref ? getComputedStyle(ref) : null;
  const row = document.createElement('div');
  row.id = id;
  row.style.cssText = 'position:fixed;left:0;top:0;z-index:2147483647;display:flex;' +
    'background:#fff;color:#000;padding:0;margin:0;';
  row.style.fontFamily = style ? style.fontFamily : 'sans-serif';
  row.style.fontWeight = style ? style.fontWeight : '400';
  for (const ch of chars) {
    const cell = document.createElement('span');
    cell.textContent = ch;
    cell.style.cssText = `display:block;width:${cellPx}px;height:${cellPx}px;` +
      `line-height:${cellPx}px;font-size:${Math.round(cellPx * 0.7)}px;text-align:center;` +
      'overflow:hidden;';
    row.appendChild(cell);
  }
  document.body.appendChild(row);
}"""


def cjk_chars(text: str, limit: int = 8) -> list[str]:
    """The distinct CJK ideographs of a text, in order, at most `limit`."""
    out: list[str] = []
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff" and ch not in out:
            out.append(ch)
    return out[:limit]


def render_cells(page, chars: list[str], selector: str | None = None) -> list[np.ndarray]:
    """Screenshot `chars` + the missing-glyph box, one cell each, in the font of `selector`.

    Returns one boolean ink mask (CELL_PX, CELL_PX) per cell; the last one is the box."""
    page.evaluate(PROBE_JS, [[*chars, TOFU], CELL_PX, PROBE_ID, selector])
    probe = page.locator(f"#{PROBE_ID}")
    png = probe.screenshot(animations="disabled", scale="css")
    page.evaluate(f"document.getElementById('{PROBE_ID}').remove()")
    gray = np.asarray(Image.open(io.BytesIO(png)).convert("L"))  # (CELL_PX, CELL_PX * n)
    ink = gray < 128
    return [ink[:CELL_PX, i * CELL_PX : (i + 1) * CELL_PX] for i in range(len(chars) + 1)]


def missing_glyphs(chars: list[str], cells: list[np.ndarray]) -> list[str]:
    """The characters drawn as the missing-glyph box, as a blank, or as the same shape as another.

    Two masks count as the same shape when under 2% of their pixels differ."""
    *glyphs, tofu = cells

    def same(a: np.ndarray, b: np.ndarray) -> bool:
        return np.mean(a != b) < 0.02

    bad = []
    for i, (ch, g) in enumerate(zip(chars, glyphs)):
        if not g.any() or same(g, tofu) or any(same(g, o) for o in glyphs[:i]):
            bad.append(ch)
    return bad
