"""2-D toy data sets (after TF Playground's dataset.ts), input features, and CSV validation.

Points live in [-6, 6]²; class labels are 0..K-1, regression targets lie in [-1, 1].
"""

from __future__ import annotations

import csv
import dataclasses
import io

import numpy as np

from vizlib.core.errors import InputError

CLASSIFICATION = ("circle", "xor", "gauss", "spiral", "moons", "three")
REGRESSION = ("reg_plane", "reg_gauss")
DATASETS = CLASSIFICATION + REGRESSION
FEATURES = ("x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2")
RADIUS = 6.0
MAX_CSV_ROWS = 5000
MAX_CSV_BYTES = 1_000_000
MAX_CSV_CLASSES = 6


@dataclasses.dataclass(frozen=True)
class Dataset2D:
    """Points `x` (n, 2), labels or targets `y` (n,), and which rows are for training."""

    x: np.ndarray
    y: np.ndarray
    task: str  # "binary" | "multiclass" | "regression"
    n_classes: int
    train: np.ndarray  # (n,) bool

    @property
    def x_train(self) -> np.ndarray:
        return self.x[self.train]

    @property
    def y_train(self) -> np.ndarray:
        return self.y[self.train]

    @property
    def x_test(self) -> np.ndarray:
        return self.x[~self.train]

    @property
    def y_test(self) -> np.ndarray:
        return self.y[~self.train]


def csv_error(key: str, detail: str = "") -> InputError:
    """A CSV upload was refused; `key` names the reason, `detail` gives context."""
    return InputError(key, detail=detail)


def task_of(name: str) -> str:
    """The task of a built-in data set."""
    if name in REGRESSION:
        return "regression"
    return "multiclass" if name == "three" else "binary"


def _circle(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    r_max = 5.0
    half = n // 2
    r = np.concatenate(
        [rng.uniform(0, 0.5 * r_max, half), rng.uniform(0.7 * r_max, r_max, n - half)]
    )
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.sin(angle), r * np.cos(angle)], 1)
    shift = rng.uniform(-r_max, r_max, (n, 2)) * noise
    y = (np.hypot(*(x + shift).T) < 0.5 * r_max).astype(float)  # label from the noisy point
    return x, y


def _xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-5, 5, (n, 2))
    x += np.where(x > 0, 0.3, -0.3)  # keep points off the axes, as TF Playground does
    shift = rng.uniform(-5, 5, (n, 2)) * noise
    y = ((x + shift).prod(1) >= 0).astype(float)
    return x, y


def _gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    std = np.sqrt(0.5 + 3.5 * noise / 0.5)
    y = (np.arange(n) < n // 2).astype(float)
    centre = np.where(y[:, None] > 0, 2.0, -2.0)
    return centre + rng.normal(0, std, (n, 2)), y


def _spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2
    xs, ys = [], []
    for label, delta in ((1.0, 0.0), (0.0, np.pi)):
        m = half if label else n - half
        i = np.arange(m)
        r = i / m * 5
        t = 1.75 * i / m * 2 * np.pi + delta
        pts = np.stack([r * np.sin(t), r * np.cos(t)], 1) + rng.uniform(-1, 1, (m, 2)) * noise
        xs.append(pts)
        ys.append(np.full(m, label))
    return np.concatenate(xs), np.concatenate(ys)


def _moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2
    t1 = rng.uniform(0, np.pi, half)
    t2 = rng.uniform(0, np.pi, n - half)
    upper = np.stack([np.cos(t1), np.sin(t1)], 1)
    lower = np.stack([1 - np.cos(t2), 0.5 - np.sin(t2)], 1)
    x = (np.concatenate([upper, lower]) - [0.5, 0.25]) * 3.0
    x += rng.normal(0, 1.0, (n, 2)) * noise * 2
    return x, np.concatenate([np.ones(half), np.zeros(n - half)])


def _three(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = np.arange(n) % 3
    angle = 2 * np.pi * y / 3 + np.pi / 2
    centre = 3.0 * np.stack([np.cos(angle), np.sin(angle)], 1)
    std = np.sqrt(0.4 + 3.0 * noise / 0.5)
    return centre + rng.normal(0, std, (n, 2)), y.astype(float)


def _reg_plane(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-RADIUS, RADIUS, (n, 2))
    shift = rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    return x, np.clip((x + shift).sum(1) / 10.0, -1, 1)


_BUMPS = (
    (-4, 2.5, 1),
    (0, 2.5, -1),
    (4, 2.5, 1),
    (-4, -2.5, -1),
    (0, -2.5, 1),
    (4, -2.5, -1),
)


def _reg_gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-RADIUS, RADIUS, (n, 2))
    noisy = x + rng.uniform(-RADIUS, RADIUS, (n, 2)) * noise
    contrib = np.stack(
        [s * np.exp(-((noisy - [cx, cy]) ** 2).sum(1) / 2.0) for cx, cy, s in _BUMPS], 1
    )
    pick = np.abs(contrib).argmax(1)  # the strongest bump sets the value, as in TF Playground
    return x, contrib[np.arange(n), pick]


_MAKERS = {
    "circle": _circle,
    "xor": _xor,
    "gauss": _gauss,
    "spiral": _spiral,
    "moons": _moons,
    "three": _three,
    "reg_plane": _reg_plane,
    "reg_gauss": _reg_gauss,
}


def split_mask(n: int, train_share: float, rng: np.random.Generator) -> np.ndarray:
    """A random boolean mask with round(n * train_share) True entries (at least one each side)."""
    k = int(np.clip(round(n * train_share), 1, max(n - 1, 1)))
    mask = np.zeros(n, dtype=bool)
    mask[rng.permutation(n)[:k]] = True
    return mask


def make_dataset(name: str, n: int, noise: float, train_share: float, seed: int) -> Dataset2D:
    """Generate data set `name` with `n` points, noise in [0, 0.5] and a seeded train/test split."""
    if name not in _MAKERS:
        raise ValueError(f"unknown data set {name!r}")
    rng = np.random.default_rng(seed)
    x, y = _MAKERS[name](n, noise, rng)
    task = task_of(name)
    n_classes = 3 if task == "multiclass" else (2 if task == "binary" else 1)
    return Dataset2D(x, y, task, n_classes, split_mask(n, train_share, rng))


def features(x: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
    """The selected input features of points `x` (n, 2), as columns (n, len(names))."""
    x1, x2 = x[:, 0], x[:, 1]
    table = {
        "x1": lambda: x1,
        "x2": lambda: x2,
        "x1sq": lambda: x1 * x1,
        "x2sq": lambda: x2 * x2,
        "x1x2": lambda: x1 * x2,
        "sinx1": lambda: np.sin(x1),
        "sinx2": lambda: np.sin(x2),
    }
    return np.stack([table[name]() for name in names], 1)


def grid_points(size: int, radius: float = RADIUS) -> np.ndarray:
    """A size×size grid over [-radius, radius]², row-major from the bottom row (size², 2)."""
    axis = np.linspace(-radius, radius, size)
    gx, gy = np.meshgrid(axis, axis)
    return np.stack([gx.ravel(), gy.ravel()], 1)


def _rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    if len(data) > MAX_CSV_BYTES:
        raise csv_error("too_big", str(len(data)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise csv_error("not_text", str(err)) from None
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if not rows:
        raise csv_error("empty")
    header = [c.strip().lower() for c in rows[0]]
    return header, rows[1:]


def _columns(header: list[str]) -> tuple[int, int, int, str]:
    target = "label" if "label" in header else ("target" if "target" in header else None)
    if "x1" not in header or "x2" not in header or target is None:
        raise csv_error("columns", ", ".join(header))
    task = "classification" if target == "label" else "regression"
    return header.index("x1"), header.index("x2"), header.index(target), task


def _numbers(body: list[list[str]], cols: tuple[int, int, int]) -> np.ndarray:
    out = np.empty((len(body), 3))
    for i, row in enumerate(body):
        for j, c in enumerate(cols):
            cell = row[c].strip() if c < len(row) else ""
            try:
                out[i, j] = float(cell)
            except ValueError:
                raise csv_error("non_numeric", f"{i + 2}: {cell[:20]!r}") from None
            if not np.isfinite(out[i, j]):
                raise csv_error("nan", str(i + 2))
    return out


def parse_csv(data: bytes, train_share: float, seed: int) -> Dataset2D:
    """Validate an uploaded CSV (x1, x2, and label or target) and split it; raise InputError."""
    header, body = _rows(data)
    i1, i2, it, task = _columns(header)
    if not body:
        raise csv_error("empty")
    if len(body) > MAX_CSV_ROWS:
        raise csv_error("too_many", str(len(body)))
    if len(body) < 4:
        raise csv_error("too_few", str(len(body)))
    arr = _numbers(body, (i1, i2, it))
    x, raw = arr[:, :2], arr[:, 2]
    if task == "regression":
        y, kind, k = raw, "regression", 1
    else:
        values = np.unique(raw)
        if (
            len(values) < 2
            or len(values) > MAX_CSV_CLASSES
            or not np.all(values == np.round(values))
        ):
            raise csv_error("labels", ", ".join(f"{v:g}" for v in values[:8]))
        y = np.searchsorted(values, raw).astype(float)
        k = len(values)
        kind = "binary" if k == 2 else "multiclass"
    rng = np.random.default_rng(seed)
    return Dataset2D(x, y, kind, k, split_mask(len(x), train_share, rng))
