"""Test that the convolution walkthrough is sound and that its answers agree with torch."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tests.apptest import page_test
from vizlib.core.config import format_value
from vizlib.lessons.convolution.config import ConvolutionConfig
from vizlib.lessons.convolution.inputs import parse_matrix
from vizlib.lessons.convolution.tour import TOUR, kernel_of


def _at(step_id: str, revealed: bool = True) -> ConvolutionConfig:
    return TOUR.configs_at(TOUR.index(step_id), revealed)["ConvolutionConfig"]


def _step(step_id: str):
    return TOUR.steps[TOUR.index(step_id)]


def _outcome(step_id: str) -> float:
    return _step(step_id).outcome(TOUR.configs_at(TOUR.index(step_id), revealed=True))


def _t(x: np.ndarray) -> torch.Tensor:
    return torch.tensor(x, dtype=torch.float64)[None, None]  # (1, 1, H, W)


def _torch_conv(cfg: ConvolutionConfig) -> torch.Tensor:
    """The page's feature map by F.conv2d (explicit or no padding only)."""
    assert cfg.pad_mode in ("valid", "explicit")
    pad = cfg.pad if cfg.pad_mode == "explicit" else 0
    x, w = parse_matrix(cfg.matrix), kernel_of(cfg)
    b = torch.tensor([cfg.bias], dtype=torch.float64)
    return F.conv2d(_t(x), _t(w), b, stride=cfg.stride, padding=pad, dilation=cfg.dilation)[0, 0]


def _torch_pool(cfg: ConvolutionConfig) -> torch.Tensor:
    """The page's pooled input image by F.max_pool2d (floor or ceil mode)."""
    assert cfg.pool_input == "input" and cfg.pool_mode == "max"
    x = _t(parse_matrix(cfg.matrix))
    return F.max_pool2d(
        x, cfg.pool_size, cfg.pool_stride, cfg.pool_pad, ceil_mode=cfg.pool_edge == "ceil"
    )[0, 0]


def test_sobel_x_is_largest_where_dark_meets_bright():
    """Test that F.conv2d with Sobel x peaks on a window holding both dark and bright pixels,
    and gives 0 on every window of one colour."""
    assert _step("where").answer == "edge"
    cfg = _at("where")
    assert cfg.kernel == "sobel_x" and _at("where", revealed=False).kernel == "identity"
    x, out = parse_matrix(cfg.matrix), _torch_conv(cfg).numpy()
    mixed = np.array(
        [[np.ptp(x[i : i + 3, j : j + 3]) > 0 for j in range(out.shape[1])]
         for i in range(out.shape[0])]
    )  # fmt: skip
    assert mixed.any() and (~mixed).any()
    assert mixed.flat[np.argmax(out)]
    assert np.all(out[~mixed] == 0) and out[mixed].max() > 0


def test_output_rows_under_stride_2_and_padding_1_match_torch():
    """Test that the numeric answer (rows of the feature map) is F.conv2d's output height."""
    cfg = _at("size")
    assert (cfg.stride, cfg.pad_mode, cfg.pad) == (2, "explicit", 1)
    assert _outcome("size") == _torch_conv(cfg).shape[0]
    before = _at("size", revealed=False)
    assert _step("size").outcome({"ConvolutionConfig": before}) == _torch_conv(before).shape[0]


def test_pooled_cells_at_stride_2_match_torch_floor_mode():
    """Test that the numeric answer (cells of 2×2 max pooling at stride 2) is F.max_pool2d's."""
    cfg = _at("pool")
    assert (cfg.pool_size, cfg.pool_stride, cfg.pool_edge) == (2, 2, "floor")
    assert _outcome("pool") == _torch_pool(cfg).numel()


def test_pooled_cells_in_ceil_mode_match_torch():
    """Test that with the ceil edge rule the cell count is F.max_pool2d(ceil_mode=True)'s, and
    more than floor mode gives (the leftover row and column get windows)."""
    cfg = _at("ceil")
    assert cfg.pool_edge == "ceil"
    assert _outcome("ceil") == _torch_pool(cfg).numel()
    assert _outcome("ceil") > _outcome("pool")


@pytest.mark.parametrize("revealed", [False, True])
def test_every_step_opens_the_page_as_its_link_would(revealed):
    """Test that the page opened with each step's settings in the URL renders with no exception
    or error, and its widgets hold the step's config; unrevealed, through the walkthrough panel
    itself (`tour=<slug>&step=k`, which loads the step's state)."""
    for k in range(len(TOUR.steps)):
        query = TOUR.query_at(k, revealed)
        panel = {} if revealed else {"tour": TOUR.slug, "step": str(k + 1)}
        at = page_test(TOUR.slug, query | panel)
        assert not at.exception and not at.error, (k, revealed)
        assert bool(panel) == any(b.key == f"_tour.{TOUR.slug}.next" for b in at.button)
        checked = 0
        for cfg in TOUR.configs_at(k, revealed).values():
            for key, value in cfg.to_query().items():
                if key in query and key in at.session_state:
                    assert format_value(at.session_state[key]) == value, (k, key)
                    checked += 1
        assert checked >= len(query) // 2, (k, checked, len(query))
