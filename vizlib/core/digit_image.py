"""Turn a user's digit (uploaded image bytes or a drawing canvas's RGBA array) into MNIST form.

MNIST recipe: ink high on a dark background, cropped to the ink, resized so the longer side is
20 px, placed in a 28x28 box with its centre of mass at the centre. Errors carry a `code`.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, UnidentifiedImageError

from vizlib.core.errors import InputError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4096
MAX_PIXELS = 12_000_000
MIN_SIDE = 8
WORK_SIDE = 512  # larger images are shrunk first (the result is 28x28 anyway)
INK_THRESHOLD = 0.15  # ink level (0..1) that counts for the bounding box
MIN_CONTRAST = 0.15  # below this the image counts as blank
ERROR_CODES = ("not_image", "too_large_file", "too_large_dims", "too_small", "blank")


def image_error(key: str, why: str = "", **detail: object) -> InputError:
    """A user image that cannot become a digit; `key` is one of ERROR_CODES."""
    return InputError(key, why=why, **detail)


@dataclass(frozen=True)
class DigitPrep:
    """Every preprocessing stage, for display, and the final 28x28 image in [0, 1]."""

    gray: np.ndarray  # (H, W) luminance in [0, 1] (or the alpha channel for transparent drawings)
    ink: np.ndarray  # (H, W) ink high, background 0, contrast stretched
    inverted: bool  # whether the luminance was inverted (dark ink on light paper)
    bbox: tuple[int, int, int, int]  # (top, bottom, left, right) of the ink, bottom/right exclusive
    resized: np.ndarray  # (h, w) longer side 20
    final: np.ndarray  # (28, 28) in [0, 1], centre of mass at the centre


def decode_image(
    data: bytes,
    *,
    min_side: int = MIN_SIDE,
    max_side: int = MAX_SIDE,
    max_pixels: int = MAX_PIXELS,
) -> np.ndarray:
    """Decode image bytes (PNG, JPEG, ...) into an RGBA uint8 array (H, W, 4), size-checked.

    The header's size is checked before any pixel is decoded; larger images are shrunk to at
    most WORK_SIDE per side. Errors: too_large_file (detail `size`), too_large_dims (`w`, `h`),
    too_small, not_image.
    """
    if len(data) > MAX_BYTES:
        raise image_error("too_large_file", f"{len(data)} bytes", size=len(data))
    if not data:
        raise image_error("not_image", "empty")
    try:
        with warnings.catch_warnings():
            # the header alone is read here; its size is checked against our (lower) limits next
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            w, h = im.size
            if max(w, h) > max_side or w * h > max_pixels:
                raise image_error("too_large_dims", f"{w}x{h}", w=w, h=h)
            if min(w, h) < min_side:
                raise image_error("too_small", f"{w}x{h}")
            im.thumbnail((WORK_SIDE, WORK_SIDE))
            return np.asarray(im.convert("RGBA"))
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise image_error("too_large_dims", str(exc)) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise image_error("not_image", type(exc).__name__) from exc


def to_gray(img: np.ndarray) -> tuple[np.ndarray, bool]:
    """(H, W[, 3|4]) uint8/float -> (luminance in [0, 1], whether it came from transparency)."""
    a = np.asarray(img, dtype=np.float64)
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[..., 0]
    if a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] not in (3, 4)):
        raise image_error("not_image", f"shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise image_error("not_image", "non-finite values")
    if np.asarray(img).dtype == np.uint8 or a.max() > 1.0:
        a = a / 255.0
    if a.ndim == 2:
        return np.clip(a, 0, 1), False
    lum = a[..., :3] @ np.array([0.299, 0.587, 0.114])  # ITU-R 601, as PIL's "L"
    if a.shape[2] == 4 and a[..., 3].min() < 0.99:
        return np.clip(a[..., 3], 0, 1), True  # a drawing on a transparent background: alpha is ink
    return np.clip(lum, 0, 1), False


def to_ink(gray: np.ndarray) -> tuple[np.ndarray, bool]:
    """Make ink high and background 0 (inverting light paper), contrast-stretched to [0, 1]."""
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    inverted = bool(np.median(border) > 0.5)
    ink = 1.0 - gray if inverted else gray
    bg = float(np.median(1.0 - border if inverted else border))
    top = float(ink.max())
    if top - bg < MIN_CONTRAST:
        raise image_error("blank", f"contrast {top - bg:.3f}")
    return np.clip((ink - bg) / (top - bg), 0.0, 1.0), inverted


def _resize(a: np.ndarray, h: int, w: int) -> np.ndarray:
    im = Image.fromarray(a.astype(np.float32))
    return np.clip(np.asarray(im.resize((w, h), Image.Resampling.LANCZOS)), 0.0, 1.0)


def centre_by_mass(patch: np.ndarray, size: int = 28) -> np.ndarray:
    """Place `patch` in a size x size box so its centre of mass is as near the centre as fits."""
    h, w = patch.shape
    total = patch.sum()
    rows, cols = np.arange(h), np.arange(w)
    com_r = (patch.sum(1) @ rows) / total if total > 0 else (h - 1) / 2
    com_c = (patch.sum(0) @ cols) / total if total > 0 else (w - 1) / 2
    mid = (size - 1) / 2
    top = int(np.clip(round(mid - com_r), 0, size - h))
    left = int(np.clip(round(mid - com_c), 0, size - w))
    out = np.zeros((size, size))
    out[top : top + h, left : left + w] = patch
    return out


def preprocess(img: np.ndarray) -> DigitPrep:
    """The MNIST-style pipeline on a gray, RGB or RGBA image (a canvas or a decoded upload)."""
    gray, from_alpha = to_gray(img)
    if min(gray.shape) < MIN_SIDE:
        raise image_error("too_small", f"{gray.shape}")
    ink, inverted = (gray, False) if from_alpha else to_ink(gray)
    if from_alpha and ink.max() < MIN_CONTRAST:
        raise image_error("blank", "nothing drawn")
    rows = np.flatnonzero((ink > INK_THRESHOLD).any(1))
    cols = np.flatnonzero((ink > INK_THRESHOLD).any(0))
    bbox = (int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1)
    crop = ink[bbox[0] : bbox[1], bbox[2] : bbox[3]]
    h, w = crop.shape
    scale = 20.0 / max(h, w)
    rh, rw = max(1, round(h * scale)), max(1, round(w * scale))
    resized = _resize(crop, rh, rw)
    final = centre_by_mass(resized)
    return DigitPrep(gray, ink, inverted, bbox, resized, final.astype(np.float32))


def standardise(img: np.ndarray, mean: float, std: float) -> np.ndarray:
    """(x - mean) / std: what the network's first layer actually receives."""
    return (np.asarray(img, dtype=np.float64) - mean) / std
