"""The design check: reading a sheet's numbers and judging them against its own SLO."""

from __future__ import annotations

from coach.content import Bundle
from coach.sheet import parse_sheet
from coach.sim.design_check import check_design, read_design

SHEET_EN = """<!-- coach: scenario=notifications lang=en -->
<!-- step: requirements -->
## 1
Email and push. SLO: p99 < 500 ms for delivery, p95 under 300 ms.
<!-- step: estimates -->
## 2
200 req/s average, peak x5, so 1000 req/s at peak. 1 KB events.
<!-- step: scaling -->
## 6
12 workers per channel, 8 partitions by userId.
<!-- step: failures -->
## 7
3 retries with exponential backoff of 100 ms and jitter; timeout 2 s.
"""

SHEET_ES = """<!-- coach: scenario=notifications lang=es -->
<!-- step: requirements -->
## 1
SLO: p95 de 2 s y p99 por debajo de 4 segundos.
<!-- step: estimates -->
## 2
Unos 8,64 millones al día, picos x3.
<!-- step: scaling -->
## 6
64 workers por canal y 16 particiones.
"""


def test_reads_the_english_design() -> None:
    """QPS, peak, targets, workers, partitions and the retry policy come out in base units."""
    stated = read_design(parse_sheet(SHEET_EN))
    assert stated == {"qps": 200, "peak_qps": 1000, "peak_factor": 5, "p99_ms": 500, "p95_ms": 300,
                      "workers": 12, "partitions": 8, "retries": 3, "backoff_ms": 100, "timeout_ms": 2000}


def test_reads_the_spanish_design() -> None:
    """Per-day volume becomes QPS; the peak factor applies; Spanish units are understood."""
    stated = read_design(parse_sheet(SHEET_ES))
    assert round(stated["qps"]) == 100 and round(stated["peak_qps"]) == 300
    assert (stated["p95_ms"], stated["p99_ms"]) == (2000, 4000)
    assert (stated["workers"], stated["partitions"]) == (64, 16)


def test_undersized_design_fails_and_names_the_workers_that_meet_it(bundle: Bundle) -> None:
    """12 workers at 1000 req/s × 80 ms cannot meet 500 ms; the suggestion meets it."""
    check = check_design(parse_sheet(SHEET_EN), bundle, "en", seed=1)
    assert check.ok is False
    assert check.measured["p99_ms"] > 500
    assert check.verdict.startswith("p99 ") and "> your 500 ms target;" in check.verdict
    enough = int(check.verdict.split("; ")[1].split()[0])
    assert enough > 80  # more than the 80 busy on average
    fixed = parse_sheet(SHEET_EN.replace("12 workers", f"{enough} workers"))
    assert check_design(fixed, bundle, "en", seed=1).ok is True


def test_sized_design_passes_in_spanish(bundle: Bundle) -> None:
    """64 workers at 300 req/s meet 2 s / 4 s; the verdict is in Spanish."""
    check = check_design(parse_sheet(SHEET_ES), bundle, "es")
    assert check.ok is True
    assert "tu objetivo" in check.verdict


def test_too_few_numbers_cannot_be_checked(bundle: Bundle) -> None:
    """No QPS and no target: ok is None and the suggestion says what to write."""
    sheet = parse_sheet("<!-- coach: scenario=notifications lang=en -->\n<!-- step: scaling -->\n## 6\n4 workers\n")
    check = check_design(sheet, bundle, "en")
    assert check.ok is None and "QPS" in check.verdict and check.suggestion


def test_spanish_verdict_uses_a_decimal_comma(bundle: Bundle) -> None:
    """The Spanish verdict writes 22,3 s, not 22.3 s."""
    import re

    check = check_design(parse_sheet(SHEET_EN), bundle, "es", seed=1)
    assert re.match(r"p99 \d+,\d s > tu objetivo de 500 ms; \d+ workers lo cumplen$", check.verdict)
