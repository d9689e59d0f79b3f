"""Which digits a session trains and validates on (index arrays into the shared bundle), and
data augmentation on a batch: random integer shifts and rotations, drawn from a torch.Generator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from vizlib.core.errors import InputError

MIN_TRAIN = 50
MAX_VAL = 1000
MIN_VAL = 50


@dataclass(frozen=True)
class Split:
    """Indices into the bundle's training split: digits the model fits, and held-out ones."""

    fit: np.ndarray  # (n_train,) int64
    val: np.ndarray  # (n_val,) int64, disjoint from fit


def val_size(n_train: int) -> int:
    """How many digits are held out for validation: a fifth of n_train, 50 to 1,000."""
    return min(MAX_VAL, max(MIN_VAL, n_train // 5))


def max_train(n_bundle: int) -> int:
    """The largest training size that leaves room for its validation digits in the bundle."""
    n = n_bundle - val_size(n_bundle)
    while n < n_bundle and n + 1 + val_size(n + 1) <= n_bundle:
        n += 1
    while n > 0 and n + val_size(n) > n_bundle:
        n -= 1
    return n


def balanced_order(labels: np.ndarray, seed: int) -> np.ndarray:
    """A seeded order of all indices in which every prefix is class-balanced (round robin)."""
    rng = np.random.default_rng(seed)
    per_class = [rng.permutation(np.flatnonzero(labels == d)) for d in range(10)]
    rounds = max(len(p) for p in per_class)
    order = [p[r] for r in range(rounds) for p in per_class if r < len(p)]
    return np.asarray(order, dtype=np.int64)


def split_indices(labels: np.ndarray, n_train: int, seed: int) -> Split:
    """The first n_train digits of a balanced order to fit, the next val_size(n_train) to validate.

    Raises InputError when n_train is below the minimum or the bundle is too small for it.
    """
    n_train = int(n_train)
    if n_train < MIN_TRAIN:
        raise InputError("too_few", n=n_train, lo=MIN_TRAIN)
    n_val = val_size(n_train)
    if n_train + n_val > len(labels):
        raise InputError("too_many", n=n_train, hi=max_train(len(labels)), bundle=len(labels))
    order = balanced_order(np.asarray(labels), seed)
    return Split(order[:n_train], order[n_train : n_train + n_val])


def to_float(images: np.ndarray | torch.Tensor) -> torch.Tensor:
    """uint8 (N, 28, 28) -> float32 (N, 1, 28, 28) in [0, 1]."""
    t = torch.as_tensor(images)
    t = t.float() / 255.0 if t.dtype == torch.uint8 else t.float()
    return t.reshape(-1, 1, 28, 28)


def affine(x: torch.Tensor, dx: torch.Tensor, dy: torch.Tensor, deg: torch.Tensor) -> torch.Tensor:
    """Rotate each image by deg (clockwise as displayed) about its centre, then shift it by (dx, dy)
    pixels (right, down); zeros come in at the edges. x: (B, 1, H, W); dx, dy, deg: (B,)."""
    b, _, h, w = x.shape
    a = torch.deg2rad(deg.float())
    cos, sin = torch.cos(a), torch.sin(a)
    # affine_grid maps output coords to input coords in [-1, 1] units: the inverse transform
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0], theta[:, 0, 1] = cos, sin
    theta[:, 1, 0], theta[:, 1, 1] = -sin, cos
    tx, ty = -2.0 * dx.float() / w, -2.0 * dy.float() / h
    theta[:, 0, 2] = cos * tx + sin * ty
    theta[:, 1, 2] = -sin * tx + cos * ty
    grid = F.affine_grid(theta, [b, 1, h, w], align_corners=False)  # (B, H, W, 2)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    return out.clamp_(0.0, 1.0)


def augment(x: torch.Tensor, shift: int, rotate: float, gen: torch.Generator) -> torch.Tensor:
    """Random integer shifts in [-shift, shift] px and rotations in [-rotate, rotate] degrees.

    With shift 0 and rotate 0 the batch is returned unchanged (and no random numbers are drawn).
    """
    if shift <= 0 and rotate <= 0:
        return x
    b = x.shape[0]
    d = torch.randint(-shift, shift + 1, (2, b), generator=gen) if shift > 0 else torch.zeros(2, b)
    deg = (torch.rand(b, generator=gen) * 2 - 1) * rotate if rotate > 0 else torch.zeros(b)
    if rotate <= 0:
        return shift_images(x, d[0], d[1])
    return affine(x, d[0], d[1], deg)


def shift_images(x: torch.Tensor, dx: torch.Tensor, dy: torch.Tensor) -> torch.Tensor:
    """Integer shifts with zeros coming in at the edges (exact: no interpolation)."""
    out = torch.zeros_like(x)
    h, w = x.shape[-2:]
    for i, (sx, sy) in enumerate(zip(dx.tolist(), dy.tolist(), strict=True)):
        sx, sy = int(sx), int(sy)
        src = x[i, :, max(0, -sy) : h - max(0, sy), max(0, -sx) : w - max(0, sx)]
        out[i, :, max(0, sy) : h - max(0, -sy), max(0, sx) : w - max(0, -sx)] = src
    return out
