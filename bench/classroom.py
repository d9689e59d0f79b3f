"""Classroom load: N simulated students training live lessons on one real server (or a proxy).

Each student is a lightweight websocket client (bench/st_client.py) that opens a live lesson,
presses Start and then requests fragment reruns at the page's own interval, as the browser does.
An update is a new training step appearing in the live panel's status line. While the class trains,
newcomers open a page and time its load. Calibrated against Chromium by bench/classroom_browser.py.
Run: python -m bench.classroom [--students N] [--seconds S] [--lessons a,b] [--url URL --pids P]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import time
from dataclasses import dataclass

from bench.proc_stats import Sampler, load_average
from bench.st_client import StreamlitClient, status_pattern


@dataclass(frozen=True)
class Lesson:
    """A live lesson as a student reaches it: its URL path (= slug) and its Start button."""

    slug: str
    query: str = ""

    @property
    def start_key(self) -> str:
        return f"{self.slug}.live.btn_start"


# One line per live lesson; students are spread over them in this order.
LESSONS = {
    lesson.slug: lesson
    for lesson in (
        Lesson("playground"),
        Lesson("cnn_mnist"),
        Lesson("char_gpt"),
        # Lesson("recurrent_cells"), Lesson("char_models"), Lesson("deep_q"), Lesson("overfitting")
    )
}
WARMUP_TRAIN_S = 3.0  # the warm-up student trains each lesson this long before the baseline
NEWCOMERS = 3


@dataclass
class Student:
    lesson: Lesson
    client: StreamlitClient


def percentile(xs: list[float], q: float) -> float:
    """The q-quantile (0..1) by linear interpolation; nan for no data."""
    if not xs:
        return float("nan")
    xs = sorted(xs)
    pos = q * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


async def join(url: str, lesson: Lesson, rx, delay_s: float) -> Student:
    """One student: wait `delay_s`, open the lesson, press Start."""
    await asyncio.sleep(delay_s)
    client = StreamlitClient(url, lesson.slug, lesson.query, rx)
    try:
        await client.open()
        await client.click(lesson.start_key)
    except Exception as exc:  # the student saw a broken page: count it, keep the class going
        client.log.errors.append(f"join: {exc!r}")
    return Student(lesson, client)


async def warm_up(url: str, lessons: list[Lesson], rx, seconds: float) -> None:
    """One student trains every lesson once, so one-time costs are not counted per student."""
    for lesson in lessons:
        s = await join(url, lesson, rx, 0.0)
        await asyncio.sleep(seconds)
        await s.client.close()


async def newcomer(url: str, lesson: Lesson, rx, delay_s: float) -> float:
    """Seconds for a new tab's page load (HTML, websocket, first full run) while others train."""
    await asyncio.sleep(delay_s)
    client = StreamlitClient(url, lesson.slug, lesson.query, rx)
    try:
        return await client.open()
    except Exception:
        return float("inf")
    finally:
        await client.close()


def student_figures(s: Student, t0: float, t1: float) -> tuple[float, list[float]]:
    """Updates per second inside the window [t0, t1] and the gaps between those updates."""
    times = [u for u in s.client.log.updates if t0 <= u <= t1]
    gaps = [b - a for a, b in zip(times, times[1:])]
    return len(times) / (t1 - t0), gaps


@dataclass
class Result:
    """The class's figures, as the summary line reports them."""

    students: int
    errors: list[str]
    rates: list[float]
    lessons: list[str]
    gaps: list[float]
    student_p50: list[float]
    student_p95: list[float]
    newcomer_s: list[float]
    peak_rss_mb: float
    baseline_rss_mb: float
    cores: float
    load: str

    def summary(self) -> str:
        """The one line the issue asks for."""
        med = statistics.median(self.rates) if self.rates else 0.0
        worst = min(self.rates) if self.rates else 0.0
        per = (self.peak_rss_mb - self.baseline_rss_mb) / max(1, self.students)
        return (
            f"classroom students={self.students} errors={len(self.errors)} "
            f"median_updates_per_s={med:.2f} worst_student_updates_per_s={worst:.2f} "
            f"p95_interval_s={percentile(self.gaps, 0.95):.2f} "
            f"newcomer_load_s={max(self.newcomer_s, default=float('nan')):.2f} "
            f"peak_rss_mb={self.peak_rss_mb:.0f} rss_per_student_mb={per:.1f}"
        )


async def run_class(
    url: str,
    n: int,
    seconds: float,
    lessons: list[Lesson],
    pids: list[int],
    ramp_s: float,
    warmup_s: float = WARMUP_TRAIN_S,
    warmup_urls: list[str] | None = None,
) -> Result:
    """Warm up, let N students join and train, measure a window of `seconds`, then leave."""
    rx = status_pattern()
    sampler = Sampler(pids)
    for u in warmup_urls or [url]:  # behind a proxy: each replica directly
        await warm_up(u, lessons, rx, warmup_s)
    await asyncio.sleep(1.0)
    baseline = sampler.total_rss()
    joins = [join(url, lessons[i % len(lessons)], rx, ramp_s * i / max(1, n)) for i in range(n)]
    students = await asyncio.gather(*joins)
    await asyncio.sleep(1.0)  # every fragment timer is going
    t0 = time.monotonic()
    t1 = t0 + seconds
    sampler.start()
    comers = [
        newcomer(url, lessons[k % len(lessons)], rx, seconds * (k + 1) / (NEWCOMERS + 1))
        for k in range(NEWCOMERS)
    ]
    loads, _ = await asyncio.gather(asyncio.gather(*comers), sampler.run(t1))
    sampler.stop()
    load = load_average()
    await asyncio.gather(*(s.client.close() for s in students))
    rates, gaps, p50, p95 = [], [], [], []
    for s in students:
        rate, g = student_figures(s, t0, t1)
        rates.append(rate)
        gaps += g
        p50.append(percentile(g, 0.5))
        p95.append(percentile(g, 0.95))
    errors = [e for s in students for e in s.client.log.errors]
    errors += ["newcomer: no page" for x in loads if x == float("inf")]
    return Result(
        n, errors, rates, [s.lesson.slug for s in students], gaps, p50, p95, list(loads),
        sampler.peak_mb, baseline, sampler.cores, load,
    )  # fmt: skip


def report(r: Result, url: str) -> None:
    """Per-lesson and per-student figures, then the summary line."""
    print(f"server {url}  load average at the end {r.load}  server CPU {r.cores:.2f} cores")
    print(f"{'lesson':<12} {'students':>8} {'upd/s med':>9} {'worst':>6} {'p50 s':>6} {'p95 s':>6}")
    for slug in dict.fromkeys(r.lessons):
        idx = [i for i, x in enumerate(r.lessons) if x == slug]
        rates = [r.rates[i] for i in idx]
        p50 = statistics.median(r.student_p50[i] for i in idx)
        p95 = max(r.student_p95[i] for i in idx)
        print(
            f"{slug:<12} {len(idx):>8} {statistics.median(rates):>9.2f} {min(rates):>6.2f} "
            f"{p50:>6.2f} {p95:>6.2f}"
        )
    print(f"newcomer page loads (s): {', '.join(f'{x:.2f}' for x in r.newcomer_s)}")
    print(f"server RSS: {r.baseline_rss_mb:.0f} MB after warm-up, peak {r.peak_rss_mb:.0f} MB")
    for e in sorted(set(r.errors))[:10]:
        print(f"error: {e}")
    print(r.summary())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--students", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=20.0, help="measured window (bounded)")
    ap.add_argument("--lessons", default=",".join(LESSONS), help="comma-separated slugs")
    ap.add_argument("--url", help="an existing server or proxy (default: start one)")
    ap.add_argument("--pids", default="", help="server pids to watch with --url (comma-separated)")
    ap.add_argument("--replicas", default="", help="with --url: replica URLs to warm up directly")
    ap.add_argument("--ramp", type=float, default=5.0, help="seconds over which students join")
    ap.add_argument("--warmup", type=float, default=WARMUP_TRAIN_S, help="s per lesson, 1 student")
    args = ap.parse_args()
    if not 1 <= args.students <= 200 or not 1 <= args.seconds <= 300:
        ap.error("--students must be 1..200 and --seconds 1..300 (a bounded load)")
    lessons = [LESSONS[s] for s in args.lessons.split(",") if s]
    proc = None
    url, pids = args.url, [int(p) for p in args.pids.split(",") if p]
    if url is None:
        from tests.browser import start_server

        proc, url = start_server()
        pids = [proc.pid]
    if not url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        ap.error("the load goes to this machine only: --url must be a loopback address")
    try:
        result = asyncio.run(
            run_class(
                url,
                args.students,
                args.seconds,
                lessons,
                pids,
                args.ramp,
                args.warmup,
                [u for u in args.replicas.split(",") if u] or None,
            )
        )
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    report(result, url)


if __name__ == "__main__":
    main()
