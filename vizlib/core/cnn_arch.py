"""The small MNIST CNN's architecture and its cost, with no torch: configs and walkthroughs
import it cheaply; the model itself is in `vizlib.core.cnn`."""

from __future__ import annotations

from dataclasses import dataclass

MAX_CHANNELS = 64  # filters double per block, capped here to bound the model
MAX_PARAMS = 1_500_000
MAX_MACS = 30_000_000  # multiply-adds per image (forward)
# The curriculum's classic network: conv32 -> pool -> conv64 -> pool -> dense -> softmax.
CLASSIC = {"blocks": 2, "filters": 32, "kernel": 3, "pool": True, "dense": 128}


@dataclass(frozen=True)
class CnnArch:
    """The architecture: everything that needs a freshly initialised model when it changes."""

    blocks: int = 2
    filters: int = 8
    kernel: int = 3
    pool: bool = True
    dense: int = 64

    def channels(self) -> list[int]:
        """Output channels of each conv block (the first has `filters`, then doubling)."""
        return [min(self.filters * 2**i, MAX_CHANNELS) for i in range(self.blocks)]

    def sizes(self) -> list[int]:
        """Spatial size after each block ('same' padding, 2x2 max-pool when `pool`)."""
        out, n = [], 28
        for _ in range(self.blocks):
            n = n // 2 if self.pool else n
            out.append(n)
        return out

    def flat(self) -> int:
        """Length of the flattened vector that feeds the dense layer."""
        return self.channels()[-1] * self.sizes()[-1] ** 2

    def cost(self) -> tuple[int, int]:
        """(trainable parameters, forward multiply-adds per image)."""
        params, macs, c_in, n = 0, 0, 1, 28
        for c_out, n_after in zip(self.channels(), self.sizes(), strict=True):
            params += c_out * (c_in * self.kernel**2 + 1)
            macs += c_out * c_in * self.kernel**2 * n * n
            c_in, n = c_out, n_after
        dense_p = self.flat() * self.dense + self.dense + self.dense * 10 + 10
        return params + dense_p, macs + self.flat() * self.dense + self.dense * 10
