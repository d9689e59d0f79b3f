"""QR codes for teachers' links (segno, a maintained QR library), as PNG bytes to project."""

from __future__ import annotations

import io

import segno

MAX_LINK = 2000  # a QR code holds ~2,900 bytes at the lowest error correction; phones scan less


def qr_png(text: str, *, scale: int = 8) -> bytes:
    """A black-on-white QR code of `text` with a quiet zone, `scale` pixels per module.

    Error correction M (segno raises it when the text still fits), so a projected code scans
    from the back of a room even when partly washed out.
    """
    if len(text) > MAX_LINK:
        raise ValueError(f"link of {len(text)} characters is too long for a QR code")
    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
