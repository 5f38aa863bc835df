"""What every benchmark shares: timing a piece of work over repeats, its median, and the line against a baseline."""
from __future__ import annotations

import argparse
import statistics
import time
from typing import Callable


def timings(work: Callable[[], object], repeats: int, *, warm_up: bool = False) -> list[float]:
    """Seconds of each of `repeats` calls of work() (after one untimed call when warm_up)."""
    if warm_up:
        work()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def median_seconds(work: Callable[[], object], repeats: int) -> float:
    """The median of `repeats` timed calls of work(), in seconds (the machine is noisy: one run says little)."""
    return statistics.median(timings(work, repeats))


def median_ms(work: Callable[[], object], repeats: int) -> float:
    """median_seconds() in milliseconds."""
    return median_seconds(work, repeats) * 1000


def against_baseline(name: str, took_ms: float, baseline_ms: float, *, width: int = 16, digits: int = 2) -> str:
    """One result line: "  name   12.34 ms   ratio to baseline   1.50"."""
    return f"  {name:{width}s} {took_ms:8.{digits}f} ms   ratio to baseline {took_ms / baseline_ms:6.2f}"


def repeat_options(parser: argparse.ArgumentParser, default: int, quick_help: str = "3 repeats") -> None:
    """--repeats N and --quick (3 repeats) on a benchmark's command line; read them back with repeats_of()."""
    parser.add_argument("--repeats", type=int, default=default)
    parser.add_argument("--quick", action="store_true", help=quick_help)


def repeats_of(args: argparse.Namespace) -> int:
    """The number of repeats asked for on the command line."""
    return 3 if args.quick else args.repeats
