"""Single-channel 2-D convolution and pooling in numpy, with a per-position step trace.

Cross-correlation as in torch (`F.conv2d`, `F.max_pool2d`, `F.avg_pool2d`; pooling in floor mode,
ceil mode, or with the far edge padded).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PAD_MODES = ("valid", "same", "explicit")
POOL_MODES = ("max", "avg")
# What pooling does with rows/cols left over at the far edge: drop them (torch's default), give
# them a last partial window (ceil_mode=True), or pad the far edge (−∞ for max, 0 for avg).
POOL_EDGES = ("floor", "ceil", "pad")

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


def _pool_axis(n: int, size: int, stride: int, pad: int, edge: str) -> tuple[int, int]:
    """(extra far-edge padding, output size) of one axis under the edge rule."""
    out = output_size(n, size, stride, pad)
    if edge == "ceil":  # torch: ceil, but the last window must start inside input + left pad
        out = -(-(n + 2 * pad - size) // stride) + 1
        if (out - 1) * stride >= n + pad:
            out -= 1
    elif edge == "pad" and out >= 1 and dropped_edge(n, size, stride, pad):
        out += 1
    elif edge not in POOL_EDGES:
        raise ValueError(f"unknown pooling edge rule {edge!r}")
    return max((out - 1) * stride + size - (n + 2 * pad), 0), out


def pool_geometry(
    in_shape: tuple[int, int], size: int, stride: int, pad: int = 0, edge: str = "floor"
) -> Geometry:
    """Where the pooling windows go: `pad` on every side, plus far-edge cells under "ceil"/"pad"."""
    if stride < 1 or pad < 0:
        raise ValueError("stride must be >= 1 and padding >= 0")
    axes = [_pool_axis(n, size, stride, pad, edge) for n in in_shape]
    pads = tuple((pad, pad + extra) for extra, _ in axes)
    out = tuple(o for _, o in axes)
    return Geometry(tuple(in_shape), (size, size), stride, 1, pads, out)


def pool2d(
    x: np.ndarray, size: int, stride: int, pad: int = 0, mode: str = "max", edge: str = "floor"
) -> np.ndarray:
    """Max or average pooling under an edge rule (avg counts padded zeros, as torch's default)."""
    if mode not in POOL_MODES:
        raise ValueError(f"unknown pooling mode {mode!r}")
    if 2 * pad > size:
        raise ValueError("pooling padding must be at most half the window size")
    x = np.asarray(x, dtype=float)
    g = pool_geometry(x.shape, size, stride, pad, edge)
    _check(x, g)
    xp = _padded(x, g, -np.inf if mode == "max" else 0.0)
    taps = np.stack([_tap(xp, g, a, b) for a in range(size) for b in range(size)])
    if mode == "max":
        return taps.max(axis=0)
    if edge != "ceil":
        return taps.mean(axis=0)
    # ceil mode: each window's divisor is its part inside input + symmetric padding
    counts = [
        np.minimum(np.arange(o) * stride + size, n + 2 * pad) - np.arange(o) * stride
        for n, o in zip(x.shape, g.out_shape, strict=True)
    ]
    return taps.sum(axis=0) / np.outer(*counts)


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
    x: np.ndarray,
    size: int,
    stride: int,
    index: int,
    pad: int = 0,
    mode: str = "max",
    edge: str = "floor",
) -> WindowStep:
    """The pooling window at flat output position `index` and its max or mean."""
    x = np.asarray(x, dtype=float)
    g = pool_geometry(x.shape, size, stride, pad, edge)
    _check(x, g)
    fill = -np.inf if mode == "max" else 0.0
    pos, rows, cols, inside, window = _window(x, g, index, fill)
    if edge == "ceil":  # the window stops at the padded input's far edge (torch's divisor too)
        r, c = rows < x.shape[0] + pad, cols < x.shape[1] + pad
        rows, cols, inside, window = rows[r], cols[c], inside[np.ix_(r, c)], window[np.ix_(r, c)]
    value = float(window.max() if mode == "max" else window.mean())
    return WindowStep(pos, rows, cols, inside, window, window.copy(), value)


def dropped_edge(n: int, size: int, stride: int, pad: int = 0) -> int:
    """How many input rows (or cols) at the far edge no pooling window covers (floor mode)."""
    out = output_size(n, size, stride, pad)
    if out < 1:
        return n
    last = (out - 1) * stride - pad + size  # one past the last padded index covered
    return max(n - last, 0)
