"""Memory per student: each student in turn trains on every live lesson, then stays connected.

One real server; student k opens each lesson, presses Start, trains `--seconds`, presses Pause and
moves to the next lesson in the same session, as a browser tab would; the server's RSS is read
after each student. The figure is the median RSS added by one more student (after the first).
Run: python -m bench.classroom_tour [--students 4] [--seconds 4] [--lessons a,b]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics

from bench.classroom import LESSONS, Lesson
from bench.proc_stats import load_average, rss_mb, stop_server
from bench.st_client import StreamlitClient, status_pattern


async def tour(url: str, lessons: list[Lesson], seconds: float) -> list[StreamlitClient]:
    """One student: a tab per lesson (Start, train, Pause), all kept open."""
    tabs = []
    for lesson in lessons:
        tab = StreamlitClient(url, lesson.slug, lesson.query, status_pattern())
        await tab.open()
        await tab.click(lesson.start_key)
        await asyncio.sleep(seconds)
        await tab.click(f"{lesson.slug}.live.btn_pause")
        tabs.append(tab)
    return tabs


async def run(url: str, pid: int, n: int, lessons: list[Lesson], seconds: float) -> list[float]:
    """RSS (MB) before the first student and after each one."""
    rss = [rss_mb(pid)]
    tabs: list[StreamlitClient] = []
    for _ in range(n):
        tabs += await tour(url, lessons, seconds)
        await asyncio.sleep(1.0)
        rss.append(rss_mb(pid))
        print(f"after student {len(rss) - 1}: {rss[-1]:.0f} MB", flush=True)
    errors = [e for t in tabs for e in t.log.errors]
    print("steps trained: " + ", ".join(f"{t.page} {max(t.log.steps, default=0)}" for t in tabs))
    await asyncio.gather(*(t.close() for t in tabs))
    if errors:
        print(f"errors: {errors[:5]}")
    return rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--students", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=4.0, help="training time per lesson")
    ap.add_argument("--lessons", default=",".join(LESSONS))
    args = ap.parse_args()
    if not 2 <= args.students <= 20 or not 0.5 <= args.seconds <= 30:
        ap.error("--students must be 2..20 and --seconds 0.5..30")
    from tests.browser import start_server

    proc, url = start_server()
    try:
        lessons = [LESSONS[s] for s in args.lessons.split(",")]
        rss = asyncio.run(run(url, proc.pid, args.students, lessons, args.seconds))
    finally:
        stop_server(proc)
    steps = [b - a for a, b in zip(rss, rss[1:])]
    extra = statistics.median(steps[1:])
    print(f"load average {load_average()}; first student +{steps[0]:.0f} MB")
    print(
        f"classroom_tour students={args.students} lessons={len(lessons)} "
        f"first_student_mb={steps[0]:.0f} rss_per_extra_student_mb={extra:.1f} "
        f"peak_rss_mb={max(rss):.0f}"
    )


if __name__ == "__main__":
    main()
