"""Single-channel 2-D convolution and pooling in numpy, with a per-position step trace.

Cross-correlation as in torch (`F.conv2d`, `F.max_pool2d`, `F.avg_pool2d`, floor mode).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PAD_MODES = ("valid", "same", "explicit")
POOL_MODES = ("max", "avg")

KERNELS: dict[str, np.ndarray] = {
    "identity": np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=float),
    "edge": np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], dtype=float),
    "sobel_x": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float),
    "sobel_y": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=float),
    "blur": np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], dtype=float) / 16.0,
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=float),
    "emboss": np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], dtype=float),
    "x": np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]], dtype=float),
}


def output_size(
    n: int,
    k: int,
    stride: int = 1,
    pad: int = 0,
    dilation: int = 1,
    pad_hi: int | None = None,
) -> int:
    """floor((n + p_lo + p_hi - d(k-1) - 1) / s) + 1; p_hi defaults to p (symmetric)."""
    hi = pad if pad_hi is None else pad_hi
    return (n + pad + hi - dilation * (k - 1) - 1) // stride + 1


def output_size_steps(
    n: int, k: int, stride: int, pad_lo: int, pad_hi: int, dilation: int
) -> tuple[int, int, int]:
    """The formula's pieces: (numerator n + p_lo + p_hi - d(k-1) - 1, its floor / s, output)."""
    numer = n + pad_lo + pad_hi - dilation * (k - 1) - 1
    return numer, numer // stride, numer // stride + 1


def same_padding(n: int, k: int, stride: int = 1, dilation: int = 1) -> tuple[int, int]:
    """(lo, hi) padding so that the output has ceil(n / s) cells; any odd extra goes last.

    For stride 1 this is torch's `padding="same"` (total d(k-1), extra on the right/bottom);
    for larger strides it is TensorFlow's "SAME" rule (torch has no "same" with stride > 1).
    """
    out = -(-n // stride)
    total = max((out - 1) * stride + dilation * (k - 1) + 1 - n, 0)
    return total // 2, total - total // 2


def resolve_padding(
    mode: str, n: int, k: int, stride: int = 1, dilation: int = 1, pad: int = 0
) -> tuple[int, int]:
    """(lo, hi) padding of one axis for mode "valid", "same" or "explicit" (p on both sides)."""
    if mode == "valid":
        return 0, 0
    if mode == "same":
        return same_padding(n, k, stride, dilation)
    if mode == "explicit":
        return pad, pad
    raise ValueError(f"unknown padding mode {mode!r}")


@dataclass(frozen=True)
class Geometry:
    """Where a k×k window (stride, dilation) visits a padded input, per axis (rows, cols)."""

    in_shape: tuple[int, int]
    k_shape: tuple[int, int]
    stride: int
    dilation: int
    pad: tuple[tuple[int, int], tuple[int, int]]  # ((top, bottom), (left, right))
    out_shape: tuple[int, int]

    @property
    def valid(self) -> bool:
        """True when the window fits at least once (output has at least one cell)."""
        return self.out_shape[0] >= 1 and self.out_shape[1] >= 1

    @property
    def positions(self) -> int:
        """Number of output cells."""
        return max(self.out_shape[0], 0) * max(self.out_shape[1], 0)


def geometry(
    in_shape: tuple[int, int],
    k_shape: tuple[int, int],
    stride: int = 1,
    mode: str = "valid",
    pad: int = 0,
    dilation: int = 1,
) -> Geometry:
    """The padding and output shape of a sliding window over an input of `in_shape`."""
    if stride < 1 or dilation < 1 or pad < 0:
        raise ValueError("stride and dilation must be >= 1 and padding >= 0")
    pads = tuple(
        resolve_padding(mode, n, k, stride, dilation, pad)
        for n, k in zip(in_shape, k_shape, strict=True)
    )
    out = tuple(
        output_size(n, k, stride, lo, dilation, hi)
        for n, k, (lo, hi) in zip(in_shape, k_shape, pads, strict=True)
    )
    return Geometry(tuple(in_shape), tuple(k_shape), stride, dilation, pads, out)


def _padded(x: np.ndarray, g: Geometry, fill: float) -> np.ndarray:
    return np.pad(x, g.pad, mode="constant", constant_values=fill)


def _tap(xp: np.ndarray, g: Geometry, a: int, b: int) -> np.ndarray:
    """The input values seen by kernel cell (a, b) at every output position. # (oh, ow)"""
    oh, ow = g.out_shape
    r0, c0 = a * g.dilation, b * g.dilation
    return xp[
        r0 : r0 + g.stride * (oh - 1) + 1 : g.stride,
        c0 : c0 + g.stride * (ow - 1) + 1 : g.stride,
    ]


def _check(x: np.ndarray, g: Geometry) -> None:
    if x.ndim != 2:
        raise ValueError("input must be a 2-D array")
    if not g.valid:
        raise ValueError("the window is larger than the padded input: no output")


def conv2d(
    x: np.ndarray,
    w: np.ndarray,
    bias: float = 0.0,
    stride: int = 1,
    mode: str = "valid",
    pad: int = 0,
    dilation: int = 1,
) -> np.ndarray:
    """Single-channel cross-correlation y = sum(window * w) + bias, as torch's F.conv2d."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    g = geometry(x.shape, w.shape, stride, mode, pad, dilation)
    _check(x, g)
    xp = _padded(x, g, 0.0)
    out = np.full(g.out_shape, float(bias))
    for a in range(w.shape[0]):
        for b in range(w.shape[1]):
            out += w[a, b] * _tap(xp, g, a, b)
    return out


def pool2d(x: np.ndarray, size: int, stride: int, pad: int = 0, mode: str = "max") -> np.ndarray:
    """Max or average pooling (floor mode; avg counts padded zeros, as torch's default)."""
    if mode not in POOL_MODES:
        raise ValueError(f"unknown pooling mode {mode!r}")
    if 2 * pad > size:
        raise ValueError("pooling padding must be at most half the window size")
    x = np.asarray(x, dtype=float)
    g = geometry(x.shape, (size, size), stride, "explicit", pad)
    _check(x, g)
    xp = _padded(x, g, -np.inf if mode == "max" else 0.0)
    taps = np.stack([_tap(xp, g, a, b) for a in range(size) for b in range(size)])
    return taps.max(axis=0) if mode == "max" else taps.mean(axis=0)


@dataclass(frozen=True)
class WindowStep:
    """One output position: the window on the input and how the output value is formed."""

    out_pos: tuple[int, int]  # (i, j) in the output
    rows: np.ndarray  # (kh,) input row of each window row; outside [0, H) means padding
    cols: np.ndarray  # (kw,)
    inside: np.ndarray  # (kh, kw) bool: on the real input (False = padding)
    window: np.ndarray  # (kh, kw) values seen (padding value where not inside)
    products: np.ndarray  # (kh, kw) window * kernel; the window itself for pooling
    value: float  # the output value at out_pos


def _window(x: np.ndarray, g: Geometry, index: int, fill: float) -> tuple:
    if not 0 <= index < g.positions:
        raise ValueError(f"position {index} outside 0..{g.positions - 1}")
    i, j = divmod(index, g.out_shape[1])
    rows = i * g.stride - g.pad[0][0] + g.dilation * np.arange(g.k_shape[0])
    cols = j * g.stride - g.pad[1][0] + g.dilation * np.arange(g.k_shape[1])
    inside = ((rows >= 0) & (rows < x.shape[0]))[:, None] & ((cols >= 0) & (cols < x.shape[1]))
    window = np.full(g.k_shape, fill)
    window[inside] = x[np.clip(rows, 0, x.shape[0] - 1)[:, None], np.clip(cols, 0, x.shape[1] - 1)][
        inside
    ]
    return (i, j), rows, cols, inside, window


def conv_step(
    x: np.ndarray,
    w: np.ndarray,
    index: int,
    bias: float = 0.0,
    stride: int = 1,
    mode: str = "valid",
    pad: int = 0,
    dilation: int = 1,
) -> WindowStep:
    """The window, elementwise products and sum + bias at flat output position `index`."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    g = geometry(x.shape, w.shape, stride, mode, pad, dilation)
    _check(x, g)
    pos, rows, cols, inside, window = _window(x, g, index, 0.0)
    products = window * w
    return WindowStep(pos, rows, cols, inside, window, products, float(products.sum() + bias))


def pool_step(
    x: np.ndarray, size: int, stride: int, index: int, pad: int = 0, mode: str = "max"
) -> WindowStep:
    """The pooling window at flat output position `index` and its max or mean."""
    x = np.asarray(x, dtype=float)
    g = geometry(x.shape, (size, size), stride, "explicit", pad)
    _check(x, g)
    fill = -np.inf if mode == "max" else 0.0
    pos, rows, cols, inside, window = _window(x, g, index, fill)
    value = window.max() if mode == "max" else window.mean()
    return WindowStep(pos, rows, cols, inside, window, window.copy(), float(value))


def dropped_edge(n: int, size: int, stride: int, pad: int = 0) -> int:
    """How many input rows (or cols) at the far edge no pooling window covers (floor mode)."""
    out = output_size(n, size, stride, pad)
    if out < 1:
        return n
    last = (out - 1) * stride - pad + size  # one past the last padded index covered
    return max(n - last, 0)
