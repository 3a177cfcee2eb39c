"""Time and peak memory of coach on the large hostile inputs of issue 12.

    python benchmarks/hostile_inputs.py

Each input is generated in a temporary folder and run through the installed
`coach` under a 2 GB address-space limit; the peak resident memory is the
child's own (os.wait4). tests/test_hostile.py checks the same rows for exit
code and message; this script prints the figures.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COACH = str(Path(sys.executable).with_name("coach"))
LIMIT_BYTES = 2 * 1024**3
WORDS = ["we", "use", "a", "queue", "and", "kafka", "partitions", "retries", "with", "backoff", "dead", "letter", "queue", "idempotency", "key"]
HEADER = "<!-- coach: scenario=notifications lang=en -->\n"


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def _run(args: list[str], cwd: Path) -> tuple[int, float, float, str]:
    env = {**os.environ, "COACH_HOME": str(cwd / "home"), "NO_COLOR": "1"}
    start = time.monotonic()
    with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([COACH, *args], cwd=cwd, env=env, stdout=sink, stderr=err, preexec_fn=_limit)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        first = err.read().decode("utf-8", "replace").split("\n")[0]
    return proc.returncode, time.monotonic() - start, usage.ru_maxrss / 1024, first


def _one_line(size_bytes: int) -> str:
    words = [WORDS[(i * 7) % len(WORDS)] for i in range(size_bytes // 6)]
    return HEADER + "<!-- step: failures -->\n" + " ".join(words)[:size_bytes] + "\n"


def _sentences(size_bytes: int) -> str:
    sentence = "We retry with exponential backoff and jitter, then park the message in a dead letter queue. "
    body = (sentence * (size_bytes // len(sentence) + 1))[:size_bytes]
    return HEADER + "<!-- step: failures -->\n" + body + "\n"


def main() -> None:
    rows: list[tuple[str, str, list[str]]] = [
        ("17 MB sheet on one line", "big.md", ["score", "big.md"]),
        ("1.9 MB sheet on one line", "line.md", ["score", "line.md", "--json"]),
        ("1.9 MB sheet of sentences", "prose.md", ["score", "prose.md", "--json"]),
        ("200 KB dotted-key TOML", "dotted.toml", ["scenarios", "validate", "dotted.toml"]),
        ("deeply nested TOML arrays", "nested.toml", ["scenarios", "validate", "nested.toml"]),
        ("sim at its 1 M request cap", "", ["sim", "notifications", "--qps", "9999", "--duration", "100", "--peak", "1", "--json"]),
        ("sim --model mmc, 5 M customers", "", ["sim", "notifications", "--model", "mmc", "--qps", "50000", "--duration", "100", "--workers", "60", "--json"]),
        ("sim --model mmc --workers 1e9", "", ["sim", "notifications", "--model", "mmc", "--workers", "1000000000", "--json"]),
    ]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "big.md").write_text(_one_line(17_000_000), encoding="utf-8")
        (root / "line.md").write_text(_one_line(1_900_000), encoding="utf-8")
        (root / "prose.md").write_text(_sentences(1_900_000), encoding="utf-8")
        (root / "dotted.toml").write_text("a" + ".a" * 100_000 + " = 1\n", encoding="utf-8")
        (root / "nested.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
        print(f"{'input':34} {'exit':>4} {'time':>7} {'peak RSS':>9}  message")
        for label, _, args in rows:
            code, seconds, rss_mb, message = _run(args, root)
            print(f"{label:34} {code:>4} {seconds:6.2f}s {rss_mb:7.0f} MB  {message[:90]}")


if __name__ == "__main__":
    main()
