"""The convolution lesson's settings: one frozen config that is also the shareable URL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from vizlib.core.config import QueryConfig, param
from vizlib.lessons.convolution.conv import KERNELS, PAD_MODES, POOL_EDGES, POOL_MODES

SOURCES = ("matrix", "image", "mnist", "draw")
KERNEL_CHOICES = (*KERNELS, "custom3", "custom5")
POOL_INPUTS = ("feature", "input")
MAX_TEXT = 2000  # longest matrix text accepted from a URL
MAX_POS = 4095  # largest flat output position (the page clamps to the real output size)


@dataclass(frozen=True)
class ConvolutionConfig(QueryConfig):
    """Image source, kernel, conv geometry, step position and the pooling settings."""

    NS: ClassVar[str] = "convolution"
    source: str = param("matrix", choices=SOURCES)
    matrix: str = param("0,0,9,9,9,9;0,0,9,9,9,9;0,0,9,9,9,9;0,0,0,9,9,9;0,0,0,0,9,9;0,0,0,0,0,9")
    mnist_index: int = param(0, lo=0, hi=2499)
    kernel: str = param("sobel_x", choices=KERNEL_CHOICES)
    custom3: str = param("0,0,0;0,1,0;0,0,0")
    custom5: str = param("0,0,0,0,0;0,0,0,0,0;0,0,1,0,0;0,0,0,0,0;0,0,0,0,0")
    bias: float = param(0.0, lo=-100.0, hi=100.0, step=0.5)
    stride: int = param(1, lo=1, hi=4)
    pad_mode: str = param("valid", choices=PAD_MODES)
    pad: int = param(1, lo=0, hi=4)
    dilation: int = param(1, lo=1, hi=3)
    pos: int = param(0, lo=0, hi=MAX_POS)
    pool_input: str = param("feature", choices=POOL_INPUTS)
    pool_mode: str = param("max", choices=POOL_MODES)
    pool_size: int = param(2, lo=1, hi=4)
    pool_stride: int = param(2, lo=1, hi=4)
    pool_pad: int = param(0, lo=0, hi=2)
    pool_pos: int = param(0, lo=0, hi=MAX_POS)
    pool_edge: str = param("floor", choices=POOL_EDGES)  # floor: what links made before meant

    def __post_init__(self) -> None:
        super().__post_init__()
        for name in ("matrix", "custom3", "custom5"):
            if len(getattr(self, name)) > MAX_TEXT:
                raise ValueError(f"{name} longer than {MAX_TEXT} characters")
