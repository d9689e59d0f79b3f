"""The loss lesson's evaluation: parse the typed vectors, validate them, compute the loss."""

from __future__ import annotations

import dataclasses

import numpy as np

from vizlib.core.errors import InputError
from vizlib.core.parsing import parse_vector
from vizlib.lessons.losses.config import LossConfig
from vizlib.lessons.losses.functions import (
    LossResult,
    bce,
    cross_entropy_logits,
    cross_entropy_probs,
    loss_curve,
    mse,
)


@dataclasses.dataclass(frozen=True)
class LossReport:
    """Targets, predictions (probabilities for CE) and the loss with its gradient and curve."""

    y: np.ndarray
    pred: np.ndarray
    result: LossResult
    grid: np.ndarray
    curve: np.ndarray
    curve_x: float  # where the current prediction sits on the curve


def _inputs(cfg: LossConfig) -> tuple[np.ndarray, np.ndarray]:
    if cfg.kind == "mse":
        return parse_vector(cfg.mse_true), parse_vector(cfg.mse_pred)
    if cfg.kind == "bce":
        return parse_vector(cfg.bce_true), parse_vector(cfg.bce_pred)
    pred = cfg.ce_logits if cfg.ce_input == "logits" else cfg.ce_pred
    return parse_vector(cfg.ce_true, min_len=2), parse_vector(pred, min_len=2, limit=1e3)


def _check(cfg: LossConfig, y: np.ndarray, p: np.ndarray) -> None:
    if y.size != p.size:
        raise InputError("length_mismatch", a=y.size, b=p.size)
    if cfg.kind == "mse":
        return
    if ((y < 0) | (y > 1)).any():
        raise InputError("target_not_prob")
    if cfg.kind == "ce" and abs(y.sum() - 1) > 1e-6:
        raise InputError("target_sum", s=f"{y.sum():.4g}")
    if cfg.kind == "ce" and cfg.ce_input == "logits":
        return
    if ((p < 0) | (p > 1)).any():
        raise InputError("pred_not_prob")
    if cfg.kind == "ce" and abs(p.sum() - 1) > 1e-6:
        raise InputError("pred_sum", s=f"{p.sum():.4g}")


def evaluate(cfg: LossConfig) -> LossReport:
    """Parse and validate the typed vectors, then compute loss, gradient and curve.

    Raises InputError (with a message key) on bad input.
    """
    y, p = _inputs(cfg)
    _check(cfg, y, p)
    if cfg.kind == "mse":
        res = mse(y, p)
        span = max(abs(p[0] - y[0]) * 2, 1.0)
        grid = np.linspace(y[0] - span, y[0] + span, 201)
        return LossReport(y, p, res, grid, loss_curve("mse", y, p, grid), float(p[0]))
    grid = np.linspace(0.001, 0.999, 200)
    if cfg.kind == "bce":
        return LossReport(y, p, bce(y, p), grid, loss_curve("bce", y, p, grid), float(p[0]))
    logits = cfg.ce_input == "logits"
    res = cross_entropy_logits(y, p) if logits else cross_entropy_probs(y, p)
    probs = res.probs if logits else p
    k = int(np.argmax(y))
    return LossReport(
        y,
        probs,
        res,
        grid,
        loss_curve("ce", y, p, grid, logits=logits),
        float(probs[k]),
    )
