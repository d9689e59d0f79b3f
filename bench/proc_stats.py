"""Server process figures from /proc (no psutil in the venv): resident memory and CPU time."""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
from dataclasses import dataclass, field

TICKS = os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident set size of one process in MB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_s(pid: int) -> float:
    """User + system CPU seconds the process has used so far."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    except (OSError, IndexError, ValueError):
        return 0.0


def load_average() -> str:
    """The machine's 1/5/15-minute load averages, as /proc/loadavg shows them."""
    with open("/proc/loadavg", encoding="ascii") as f:
        return " ".join(f.read().split()[:3])


@dataclass
class Sampler:
    """Samples the summed RSS of `pids` every `every_s` seconds; CPU between start and stop."""

    pids: list[int]
    every_s: float = 0.5
    peak_mb: float = 0.0
    samples: list[float] = field(default_factory=list)
    _cpu0: float = 0.0
    _t0: float = 0.0
    cores: float = 0.0  # CPU seconds per wall second over the window

    def total_rss(self) -> float:
        """Summed RSS of the watched processes now (MB)."""
        return sum(rss_mb(p) for p in self.pids)

    def start(self) -> None:
        """Mark the start of the CPU window."""
        self._cpu0 = sum(cpu_s(p) for p in self.pids)
        self._t0 = time.monotonic()

    def stop(self) -> None:
        """Close the CPU window."""
        wall = time.monotonic() - self._t0
        used = sum(cpu_s(p) for p in self.pids) - self._cpu0
        self.cores = used / wall if wall > 0 else 0.0

    async def run(self, until: float) -> None:
        """Sample until the monotonic time `until`."""
        while time.monotonic() < until:
            mb = self.total_rss()
            self.samples.append(mb)
            self.peak_mb = max(self.peak_mb, mb)
            await asyncio.sleep(self.every_s)


def stop_server(proc: subprocess.Popen) -> None:
    """Terminate a server this bench started; kill it if it has not exited after 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
