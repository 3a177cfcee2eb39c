"""Scoring speed: a full sheet in-process, a 1 MB answer, and `coach score` as a whole process.

    python benchmarks/scoring_speed.py

Goals (issue #3): a full 11-step sheet < 20 ms after warm-up; a 1 MB answer < 1 s (CPU time
is printed too: on a shared 2-core machine the wall time moves with the load), and linear in
length (the CPU time of 1 MB over that of 0.5 MB, about 2);
`coach score` costs at most 1.5x `coach --help` as a process (both measured here,
in the same run, median of several runs).

The process figure is the warm path (a user's every run after the first): the
compiled rules and report texts come from COACH_HOME/cache, keyed by the raw
bytes of the content files, and no content is loaded (coach/scoring/cache.py).
The cold figure (first run in a fresh COACH_HOME: load, validate, compile, write
the cache) is printed beside it. Typer 0.29 would import pydantic for any command's
parameters (~70-100 ms); coach.cli._plain_params coerces plain values without it.
Bytecode: run once without PYTHONDONTWRITEBYTECODE (or after `python -m compileall coach`)
so both commands read .pyc files, as an installed wheel does; without them every
process compiles the coach modules it imports, and `coach score` imports more of them.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHEET = ROOT / "tests" / "eval" / "train" / "main" / "sheets" / "en_strong.md"
SHEET_ES = ROOT / "tests" / "eval" / "train" / "main" / "sheets" / "es_strong.md"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def in_process(runs: int = 200) -> tuple[float, float]:
    """Median and p95 time to score the strong English sheet, after one warm-up."""
    from coach.content import Library
    from coach.scoring import score_sheet
    from coach.sheet import read_sheet

    content = Library(use_user_dir=False).bundle("notifications")
    sheet = read_sheet(SHEET)
    score_sheet(sheet, content)  # warm-up: compiles the rules once per bundle
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        score_sheet(sheet, content)
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _numbered(paragraph: str, prefix: str, count: Iterator[int]) -> str:
    """Every sentence of a paragraph opened by its own number ("v3.0 …", "v3.1 …")."""
    import re

    return re.sub(
        r"(^|(?<=[.!?])[ \t]+)(?=\S)", lambda m: f"{m.group(0)}{prefix}.{next(count)} ", paragraph, flags=re.MULTILINE
    )


def _long_answer(size_bytes: int) -> str:
    """Real answers (the strong sheets, both languages) repeated up to `size_bytes`, every sentence
    numbered ("v12.3 ...") so no two are the same text: per-sentence memos gain nothing from it."""
    import itertools

    from coach.sheet import read_sheet

    paragraphs = [a.text for path in (SHEET, SHEET_ES) for a in read_sheet(path).answers.values()]
    text, i = [], 0
    size = 0
    while size < size_bytes:
        numbered = _numbered(paragraphs[i % len(paragraphs)], f"v{i}", itertools.count())
        chunk = numbered + f"\n\nVariant {i}.\n\n"
        text.append(chunk)
        size += len(chunk.encode("utf-8"))
        i += 1
    return "".join(text)


def long_answer(size_bytes: int = 1_000_000, runs: int = 3) -> tuple[float, float, int]:
    """Best wall and CPU time to score one answer of about `size_bytes` (real answers repeated, numbered)."""
    from coach.content import Library
    from coach.scoring import score_answers

    content = Library(use_user_dir=False).bundle("notifications")
    answer = _long_answer(size_bytes)
    score_answers({"failures": "warm up"}, content, "en")
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        score_answers({"failures": answer}, content, "en")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), len(answer.encode("utf-8"))


def process(runs: int = 7) -> tuple[float, float, float]:
    """Median wall time of `coach score SHEET --json` and of `coach --help`, as processes.

    Runs with a fresh COACH_HOME: the first `coach score` compiles the rules and
    caches them (reported apart); the measured runs read the cache, as a user's do.
    """
    import os
    import tempfile

    env = {**os.environ, "COACH_HOME": tempfile.mkdtemp(prefix="coach-bench-")}

    def run(args: list[str]) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "coach", *args], check=True, capture_output=True, env=env)
        return time.perf_counter() - started

    run(["--help"])  # warm the OS file cache and bytecode for both
    first = run(["score", str(SHEET), "--json"])
    help_times, score_times = [], []
    for _ in range(runs):
        help_times.append(run(["--help"]))
        score_times.append(run(["score", str(SHEET), "--json"]))
    return statistics.median(score_times), statistics.median(help_times), first


_BREAKDOWN = """
import time
t0 = time.perf_counter()
import coach.cli  # typer, the command modules
t1 = time.perf_counter()
from coach.content import Library  # pydantic models
t2 = time.perf_counter()
content = Library(use_user_dir=False).bundle("notifications")  # TOML + validation
t3 = time.perf_counter()
from coach.scoring import score_sheet
from coach.scoring.cache import compile_bundle
from coach.sheet import read_sheet
t4 = time.perf_counter()
compile_bundle(content)
t5 = time.perf_counter()
score_sheet(read_sheet(__import__("pathlib").Path(SHEET)), content)
t6 = time.perf_counter()
print(" ".join(f"{name} {1000 * (b - a):.0f} ms" for name, a, b in (
    ("cli import", t0, t1), ("content import", t1, t2), ("content load", t2, t3),
    ("scoring import", t3, t4), ("rule compile", t4, t5), ("first score", t5, t6))))
"""


def breakdown() -> str:
    """Where a fresh `coach score` process spends its time, phase by phase (one cold run)."""
    code = f"SHEET = {str(SHEET)!r}\n" + _BREAKDOWN
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def main() -> int:
    median, p95 = in_process()
    print(f"full 11-step sheet, in-process: median {_ms(median)}, p95 {_ms(p95)} (goal < 20 ms)")
    wall, cpu, size = long_answer(1_000_000)
    print(f"1 MB answer ({size:,} bytes): {_ms(wall)} wall, {_ms(cpu)} CPU, best of 3 (goal < 1 s)")
    _, half_cpu, half_size = long_answer(500_000)
    print(
        f"linear in length: 0.5 MB ({half_size:,} bytes) {_ms(half_cpu)} CPU, 1 MB {_ms(cpu)} CPU; "
        f"ratio {cpu / half_cpu:.2f} (goal ~2: doubling the answer doubles the time)"
    )
    score_s, help_s, first_s = process()
    print(
        f"coach score as a process, warm (rules and labels read from the cache, no content loaded): "
        f"{_ms(score_s)}; coach --help: {_ms(help_s)}; ratio {score_s / help_s:.2f} (goal <= 1.5)"
    )
    print(
        f"  cold: first run in a fresh COACH_HOME (loads and validates content, compiles, writes the cache): "
        f"{_ms(first_s)}; ratio {first_s / help_s:.2f}"
    )
    print(f"  cold process, by phase (no rule cache): {breakdown()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
