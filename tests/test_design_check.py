"""The design check: reading a sheet's numbers and judging them against its own SLO."""

from __future__ import annotations

import pytest

from coach.content import Bundle, Library
from coach.design_check import check_design, read_design
from coach.sheet import parse_sheet


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    """The shipped notifications scenario."""
    return Library(use_user_dir=False).bundle("notifications")


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


ACCEPT_THEN_DELIVERY = """<!-- coach: scenario=notifications lang=en -->
<!-- step: requirements -->
## 1
SLOs: accept (202) p99 < 200 ms. Delivery to the provider: p95 < 5 s and p99 < 10 s.
<!-- step: estimates -->
## 2
100 req/s average, peak x5 (500 req/s).
<!-- step: scaling -->
## 6
Today 64 workers per channel and 8 partitions by userId. At 10x we'd need 640 workers and 80 partitions.
"""


def test_the_delivery_slo_is_read_not_the_accept_latency() -> None:
    """An accept p99 stated first does not hide the delivery p95/p99 stated after it."""
    stated = read_design(parse_sheet(ACCEPT_THEN_DELIVERY))
    assert (stated["p95_ms"], stated["p99_ms"]) == (5000, 10000)


def test_a_sheet_with_accept_then_delivery_slo_passes(bundle: Bundle) -> None:
    """64 workers at 500 req/s meet a 10 s delivery p99 (they could never meet 200 ms)."""
    check = check_design(parse_sheet(ACCEPT_THEN_DELIVERY), bundle, "en", seed=1)
    assert check.ok is True, check.verdict


def test_growth_figures_are_not_todays_workers() -> None:
    """"At 10x we'd need 640 workers" leaves today's 64 workers and 8 partitions."""
    stated = read_design(parse_sheet(ACCEPT_THEN_DELIVERY))
    assert (stated["workers"], stated["partitions"]) == (64, 8)
    assert stated["peak_qps"] == 500


def test_only_an_accept_slo_is_no_delivery_target() -> None:
    """A sheet that states only the 202's latency has no delivery target to check."""
    sheet = parse_sheet("<!-- coach: scenario=notifications lang=en -->\n<!-- step: requirements -->\n## 1\n"
                        "API accept latency p99 < 100 ms.\n")
    assert "p99_ms" not in read_design(sheet)


def test_figures_use_the_scorers_number_reader() -> None:
    """"1,500 ms" is 1.5 s and "1,200 workers" is 1200, in English and Spanish separators."""
    en = parse_sheet("<!-- coach: scenario=notifications lang=en -->\n<!-- step: requirements -->\n## 1\n"
                     "Delivery p99 < 1,500 ms.\n<!-- step: scaling -->\n## 6\n1,200 workers per channel.\n")
    es = parse_sheet("<!-- coach: scenario=notifications lang=es -->\n<!-- step: requirements -->\n## 1\n"
                     "p99 de entrega de 1.500 ms.\n<!-- step: scaling -->\n## 6\n1.200 workers por canal; "
                     "con el crecimiento harían falta 2.400 workers.\n")
    for sheet in (en, es):
        stated = read_design(sheet)
        assert (stated["p99_ms"], stated["workers"]) == (1500, 1200)
