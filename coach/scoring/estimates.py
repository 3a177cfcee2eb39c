"""Estimate arithmetic: the seed's quick rules, checked on the figures a candidate states.

- `est.daily_volume`: QPS × 86,400 = requests per day.
- `est.storage`: event size × QPS × 86,400 = bytes per day (KB as 1000 or 1024).
- `est.monthly_volume` / `est.yearly_volume`: requests per day × 30 / × 365.
- `est.storage_monthly` / `est.storage_yearly`: bytes per day × 30 / × 365.
- `est.peak_qps`: average QPS × peak factor = peak QPS.

A stated figure is right when ANY figure the candidate gave explains it within
the content's tolerance (±10 % by default), so correct arithmetic is never
flagged, whatever the order or the rounding. A wrong one is compared with the
main figures (the average QPS stated most often, the first event size).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coach.i18n import Lang
from coach.scoring.numbers import (
    MAX_EVENT_BYTES,
    Quantity,
    counts_requests,
    extract_quantities,
)
from coach.scoring.result import ArithmeticFinding

SECONDS_PER_DAY = 86_400
DAYS_PER_MONTH = 30
DAYS_PER_YEAR = 365

_PEAK_RE = re.compile(r"pico|peak|punta|burst|r[aá]faga|m[aá]x|black\s*friday|spike", re.IGNORECASE)

_T: dict[str, dict[Lang, str]] = {
    "day": {"es": "día", "en": "day"},
    "month": {"es": "mes", "en": "month"},
    "year": {"es": "año", "en": "year"},
    "ok": {"es": "{formula}: coincide con lo que escribiste ({stated})", "en": "{formula}: matches what you wrote ({stated})"},
    "wrong": {"es": "{formula}; escribiste {stated} ({ratio})", "en": "{formula}; you wrote {stated} ({ratio})"},
    "low_x": {"es": "{x}× menos", "en": "{x}× low"},
    "high_x": {"es": "{x}× más", "en": "{x}× high"},
    "low_pct": {"es": "un {p} % menos", "en": "{p}% low"},
    "high_pct": {"es": "un {p} % más", "en": "{p}% high"},
}


def _sig(value: float) -> str:
    """Three significant digits, trailing zeros dropped: 8.64, 864, 17.3."""
    if value == 0:
        return "0"
    if value >= 100:
        return f"{value:,.0f}"
    text = f"{value:.3g}" if value >= 1 else f"{value:.2g}"
    if "e" in text:
        text = f"{value:.3f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_count(value: float, lang: Lang = "en") -> str:
    """8640000 -> 8.64M; 864000 -> 864k; 1.2e9 -> 1.2B (es: 1.2 mil M)."""
    for size, suffix in ((1e9, "B" if lang == "en" else " mil M"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{_sig(value / size)}{suffix}"
    return _sig(value)


def format_bytes(value: float) -> str:
    """Decimal units: 8640000000 -> 8.64 GB."""
    for size, unit in ((1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB")):
        if abs(value) >= size:
            return f"{_sig(value / size)} {unit}"
    return f"{_sig(value)} B"


def format_rate(value: float) -> str:
    """100 -> '100 req/s'."""
    return f"{_sig(value)} req/s"


def _ratio_text(stated: float, expected: float, lang: Lang) -> str:
    if expected <= 0 or stated <= 0:
        return _T["high_x" if stated > expected else "low_x"][lang].format(x="∞")
    ratio = stated / expected
    low = ratio < 1
    factor = 1 / ratio if low else ratio
    if factor >= 1.5:
        # "10× low", not "9.95× low": a ratio reads best rounded
        shown = f"{round(factor):,}" if factor >= 3 else f"{factor:.1f}".rstrip("0").rstrip(".")
        return _T["low_x" if low else "high_x"][lang].format(x=shown)
    percent = round(abs(ratio - 1) * 100)
    return _T["low_pct" if low else "high_pct"][lang].format(p=percent)


def _close(stated: float, expected: float, tolerance: float) -> bool:
    return expected > 0 and abs(stated - expected) <= tolerance * expected


def _variants(quantity: Quantity) -> tuple[float, ...]:
    """1 KB may mean 1000 or 1024 bytes; 1 GB 10^9 or 2^30."""
    if not quantity.binary:
        return (quantity.value,)
    power = 1
    for candidate in range(1, 6):
        if quantity.value >= 1000**candidate:
            power = candidate
    return (quantity.value, quantity.value * (1.024**power))


def _context(text: str, quantity: Quantity, before: int = 30, after: int = 20) -> str:
    start, end = quantity.span
    left = text[max(0, start - before) : start]
    for mark in ("\n", ". ", ";"):
        cut = left.rfind(mark)
        if cut >= 0:
            left = left[cut + 1 :]
    right = text[end : end + after]
    for mark in ("\n", ". ", ";", ","):
        cut = right.find(mark)
        if cut >= 0:
            right = right[:cut]
    return left + quantity.raw + right


def _is_peak(text: str, quantity: Quantity) -> bool:
    return _PEAK_RE.search(_context(text, quantity)) is not None


def _main(values: Sequence[float]) -> float | None:
    """The figure stated most often; ties go to the largest (examples like `1 req/s` lose)."""
    if not values:
        return None
    counts = Counter(round(v, 6) for v in values)
    return max(counts, key=lambda v: (counts[v], v))


def _unique(quantities: Iterable[Quantity]) -> list[Quantity]:
    seen: set[float] = set()
    out = []
    for quantity in quantities:
        key = round(quantity.value, 3)
        if key not in seen:
            seen.add(key)
            out.append(quantity)
    return out


def check_estimates(text: str, lang: Lang, tolerance: float = 0.10) -> tuple[ArithmeticFinding, ...]:
    """Check every volume and storage figure stated in an estimates answer."""
    quantities = extract_quantities(text)
    if not quantities:
        return ()
    rates = [q for q in quantities if q.kind == "rate"]
    average_rates = [q.value for q in rates if not _is_peak(text, q)]
    peak_rates = [q for q in rates if _is_peak(text, q)]
    factors = [q.value for q in quantities if q.kind == "factor" and q.value > 1]
    sizes = [q for q in quantities if q.kind == "bytes" and 0 < q.value <= MAX_EVENT_BYTES]
    daily = _unique(q for q in quantities if q.kind == "count_per_day" and counts_requests(q, text))
    daily_bytes = _unique(q for q in quantities if q.kind == "bytes_per_day")
    main_rate = _main(average_rates)
    all_rates = [q.value for q in rates]
    findings: list[ArithmeticFinding] = []
    unit_day = _T["day"][lang]

    # est.daily_volume: QPS × 86,400
    for stated in daily:
        match = next((r for r in all_rates if _close(stated.value, r * SECONDS_PER_DAY, tolerance)), None)
        rate = match if match is not None else main_rate
        if rate is None:
            continue
        expected = rate * SECONDS_PER_DAY
        formula = f"{format_rate(rate)} × 86,400 = {format_count(expected, lang)}/{unit_day}"
        findings.append(
            _finding("est.daily_volume", match is not None, stated.value, expected, formula,
                     format_count(stated.value, lang), lang)
        )

    # est.storage: size × QPS × 86,400
    day_counts = [r * SECONDS_PER_DAY for r in all_rates] + [q.value for q in daily]
    for stated in daily_bytes:
        if not sizes or not day_counts:
            continue
        ok = any(
            _close(b, s * n, tolerance)
            for size in sizes
            for s in _variants(size)
            for n in day_counts
            for b in _variants(stated)
        )
        size_main = sizes[0].value
        if main_rate is not None:
            count_main, how = main_rate * SECONDS_PER_DAY, f"{format_rate(main_rate)} × 86,400"
        else:
            count_main, how = day_counts[0], f"{format_count(day_counts[0], lang)}/{unit_day}"
        expected = size_main * count_main
        formula = f"{format_bytes(size_main)} × {how} = {format_bytes(expected)}/{unit_day}"
        findings.append(
            _finding("est.storage", ok, stated.value, expected, formula, format_bytes(stated.value), lang)
        )

    # monthly and yearly from daily
    for kind, per_day, days, check, fmt in (
        ("count_per_month", day_counts, DAYS_PER_MONTH, "est.monthly_volume", "count"),
        ("count_per_year", day_counts, DAYS_PER_YEAR, "est.yearly_volume", "count"),
        ("bytes_per_month", None, DAYS_PER_MONTH, "est.storage_monthly", "bytes"),
        ("bytes_per_year", None, DAYS_PER_YEAR, "est.storage_yearly", "bytes"),
    ):
        if per_day is None:
            per_day = [q.value for q in daily_bytes] + [
                s.value * n for s in sizes[:1] for n in day_counts[:1]
            ]
        if not per_day:
            continue
        period = _T["month" if days == DAYS_PER_MONTH else "year"][lang]
        for stated in _unique(q for q in quantities if q.kind == kind):
            if kind.startswith("count") and not counts_requests(stated, text):
                continue
            base = next((d for d in per_day if _close(stated.value, d * days, tolerance)), None)
            ok = base is not None
            if base is None:
                base = per_day[0]
            expected = base * days
            show = format_count if fmt == "count" else (lambda v, _lang: format_bytes(v))
            formula = f"{show(base, lang)}/{unit_day} × {days} = {show(expected, lang)}/{period}"
            findings.append(_finding(check, ok, stated.value, expected, formula, show(stated.value, lang), lang))

    # est.peak_qps: average × factor
    if main_rate is not None and factors and peak_rates:
        factor = factors[0]
        for stated in _unique(peak_rates):
            ok = any(_close(stated.value, main_rate * f, tolerance) for f in factors)
            expected = main_rate * factor
            formula = f"{format_rate(main_rate)} × {_sig(factor)} = {format_rate(expected)}"
            findings.append(
                _finding("est.peak_qps", ok, stated.value, expected, formula, format_rate(stated.value), lang)
            )
    return tuple(findings)


def _finding(
    check: str, ok: bool, stated: float, expected: float, formula: str, stated_text: str, lang: Lang
) -> ArithmeticFinding:
    if ok:
        message = _T["ok"][lang].format(formula=formula, stated=stated_text)
    else:
        ratio = _ratio_text(stated, expected, lang)
        message = _T["wrong"][lang].format(formula=formula, stated=stated_text, ratio=ratio)
    return ArithmeticFinding(
        check=check, ok=ok, stated=stated, expected=expected, formula=formula, message=message
    )


# ---------------------------------------------------------------- calculator (`coach estimate`)


@dataclass(frozen=True)
class Figure:
    """One computed figure beside the formula that gives it."""

    key: str  # requests_per_day | peak_qps | bytes_per_day | bytes_retained | ...
    value: float
    unit: str  # "req/day", "req/s", "bytes/day", "bytes", "shards"
    formula: str


@dataclass(frozen=True)
class Calculation:
    """The seed's quick estimates for one set of inputs."""

    qps: float
    peak_factor: float
    event_size_bytes: float
    retention_days: int
    shard_throughput_qps: float
    figures: tuple[Figure, ...]

    def figure(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)


def calculate(
    qps: float,
    peak_factor: float,
    event_size_bytes: float,
    retention_days: int,
    shard_throughput_qps: float,
    lang: Lang = "en",
) -> Calculation:
    """Requests per day, peak QPS, bytes per day and over retention, shards needed."""
    day = _T["day"][lang]
    per_day = qps * SECONDS_PER_DAY
    peak = qps * peak_factor
    bytes_day = event_size_bytes * per_day
    retained = bytes_day * retention_days
    shards = max(1, math.ceil(peak / shard_throughput_qps - 1e-9))
    shard_word = {"es": "por shard", "en": "per shard"}[lang]
    figures = (
        Figure("requests_per_day", per_day, "req/day",
               f"{format_rate(qps)} × 86,400 = {format_count(per_day, lang)}/{day}"),
        Figure("requests_per_month", per_day * DAYS_PER_MONTH, "req/month",
               f"{format_count(per_day, lang)}/{day} × 30 = {format_count(per_day * DAYS_PER_MONTH, lang)}"),
        Figure("peak_qps", peak, "req/s",
               f"{format_rate(qps)} × {_sig(peak_factor)} = {format_rate(peak)}"),
        Figure("bytes_per_day", bytes_day, "bytes/day",
               f"{format_bytes(event_size_bytes)} × {format_rate(qps)} × 86,400 = {format_bytes(bytes_day)}/{day}"),
        Figure("bytes_retained", retained, "bytes",
               f"{format_bytes(bytes_day)}/{day} × {retention_days} = {format_bytes(retained)}"),
        Figure("bytes_per_year", bytes_day * DAYS_PER_YEAR, "bytes/year",
               f"{format_bytes(bytes_day)}/{day} × 365 = {format_bytes(bytes_day * DAYS_PER_YEAR)}"),
        Figure("shards", float(shards), "shards",
               f"⌈{format_rate(peak)} ÷ {format_rate(shard_throughput_qps)} {shard_word}⌉ = {shards}"),
    )
    return Calculation(qps, peak_factor, event_size_bytes, retention_days, shard_throughput_qps, figures)


def parse_size(text: str) -> float | None:
    """`1KB`, `2 KB`, `512B`, `1.5 KiB`, `1000` -> bytes; None when it is not a size."""
    stripped = text.strip()
    quantities = extract_quantities(stripped)
    if len(quantities) != 1 or quantities[0].span != (0, len(stripped)):
        return None
    quantity = quantities[0]
    if quantity.kind == "bytes" or (quantity.kind == "count" and quantity.raw == stripped):
        return quantity.value
    return None
