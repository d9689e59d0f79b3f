"""The convolution lesson's walkthrough: where an edge kernel responds, the output size under
stride and padding, and what pooling does with the cells left over at the far edge.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from vizlib.core.config import QueryConfig
from vizlib.core.tour import Step, Tour
from vizlib.lessons.convolution.config import ConvolutionConfig
from vizlib.lessons.convolution.conv import KERNELS, conv2d, geometry, pool_geometry
from vizlib.lessons.convolution.inputs import parse_matrix

NS = ConvolutionConfig.NS
DIGITS_1_TO_9 = "1,2,3;4,5,6;7,8,9"


def kernel_of(cfg: ConvolutionConfig) -> np.ndarray:
    """The kernel the config names (a custom one parsed from its text)."""
    if cfg.kernel in KERNELS:
        return KERNELS[cfg.kernel]
    return parse_matrix(getattr(cfg, cfg.kernel))  # "custom3" or "custom5"


def conv_rows(configs: Mapping[str, QueryConfig]) -> float:
    """The number of rows of the feature map (the output-size formula on the page's input)."""
    cfg = configs["ConvolutionConfig"]
    x, w = parse_matrix(cfg.matrix), kernel_of(cfg)
    return float(
        geometry(x.shape, w.shape, cfg.stride, cfg.pad_mode, cfg.pad, cfg.dilation).out_shape[0]
    )


def pooled_cells(configs: Mapping[str, QueryConfig]) -> float:
    """The number of cells of the pooled output."""
    cfg = configs["ConvolutionConfig"]
    x = parse_matrix(cfg.matrix)
    if cfg.pool_input == "feature":
        x = conv2d(x, kernel_of(cfg), cfg.bias, cfg.stride, cfg.pad_mode, cfg.pad, cfg.dilation)
    g = pool_geometry(x.shape, cfg.pool_size, cfg.pool_stride, cfg.pool_pad, cfg.pool_edge)
    return float(g.positions)


TOUR = Tour(
    slug="convolution",
    configs=(ConvolutionConfig,),
    steps=(
        Step(
            "image",
            state={
                f"{NS}.source": "matrix",
                f"{NS}.matrix": ConvolutionConfig().matrix,  # dark left, bright right
                f"{NS}.kernel": "identity",
                f"{NS}.bias": 0.0,
                f"{NS}.stride": 1,
                f"{NS}.pad_mode": "valid",
                f"{NS}.dilation": 1,
                f"{NS}.pos": 0,
            },
        ),
        Step(
            "where",
            choices=("edge", "bright", "even"),
            answer="edge",
            change={f"{NS}.kernel": "sobel_x"},
        ),
        Step(
            "size",
            numeric=True,
            outcome=conv_rows,
            change={f"{NS}.pad_mode": "explicit", f"{NS}.pad": 1, f"{NS}.stride": 2},
        ),
        Step(
            "pool",
            state={
                f"{NS}.matrix": DIGITS_1_TO_9,
                f"{NS}.stride": 1,
                f"{NS}.pad_mode": "valid",
                f"{NS}.pool_input": "input",
                f"{NS}.pool_mode": "max",
                f"{NS}.pool_size": 2,
                f"{NS}.pool_stride": 1,
                f"{NS}.pool_pad": 0,
                f"{NS}.pool_edge": "floor",
                f"{NS}.pool_pos": 0,
            },
            numeric=True,
            outcome=pooled_cells,
            change={f"{NS}.pool_stride": 2},
        ),
        Step(
            "ceil",
            numeric=True,
            outcome=pooled_cells,
            change={f"{NS}.pool_edge": "ceil"},
        ),
    ),
    live_ns=None,
)
