"""Estimate arithmetic: the seed's quick rules, checked on the figures a candidate states.

- `est.daily_volume`: QPS × 86,400 = requests per day.
- `est.storage`: event size × QPS × 86,400 = bytes per day (KB as 1000 or 1024).
- `est.monthly_volume` / `est.yearly_volume`: requests per day × 30 / × 365.
- `est.storage_monthly` / `est.storage_yearly`: bytes per day × 30 / × 365.
- `est.peak_qps`: average QPS × peak factor = peak QPS.

A product the candidate writes out ("1,200 × 86,400 ≈ 104M", "2 KB × 200 ×
86.400 ≈ 34,6 GB/día") is checked as written, and its operands are never read
as stated results. Any other stated figure (or a written product that does not
add up) is right when a figure the candidate gave explains it within the
content's tolerance (±10 % by default), so correct arithmetic is never
flagged, whatever the order or the rounding. Storage counts a stated daily
volume only when that volume is itself right: storage that only follows from a
wrong daily volume is wrong, and its message says it follows from it. A wrong
figure is compared with the average rate (the first labelled average, else the
first rate not labelled peak/burst/max) and the first event size.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from coach.formatting import compact, decimal, general, significant, size, trimmed
from coach.i18n import Lang
from coach.messages import t
from coach.scoring.numbers import (
    MAX_EVENT_BYTES,
    Quantity,
    counts_requests,
    extract_quantities,
    parse_number,
)
from coach.scoring.result import ArithmeticFinding

SECONDS_PER_DAY = 86_400
DAYS_PER_MONTH = 30
DAYS_PER_YEAR = 365

_AVERAGE_RE = re.compile(r"\b(?:medi[oa]|promedio|average|avg|mean|typical|t[ií]pic[oa])\b", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r"[\n;,(]|\. |\bbut\b|\bpero\b|\|")
# between two operands of a written product: "1 KB × 500", "300*86400", "2 KB x 200"
# ("50 million users × 4 notifications/day": up to two unit words before the sign)
_TIMES_SEP_RE = re.compile(r"\s*(?:[^\W\d]+[/.]?\s+){0,2}[×x*·]\s*")
# between the last operand and the result: "= ~", "≈", "->", "is about", "gives roughly", ", so about"
_EQUALS_SEP_RE = re.compile(
    r"(?:\s*(?:seconds?|segundos?|s))?\s*,?\s*(?:=|≈|~|->|→|=>|⇒|is|are|es|son|gives|da|dan|makes|equals|"
    r"so|that's|so\s+about|i\.e\.|es\s+decir|unos|unas|about|roughly|around|approx\.?|aprox\.?|"
    r"aproximadamente|approximately|alrededor\s+de|cerca\s+de)"
    r"(?:\s*(?:=|≈|~|about|roughly|around|approx\.?|aprox\.?|unos|unas|de|)\s*)*[~≈]?\s*",
    re.IGNORECASE,
)
_PEAK_RE = re.compile(r"pico|peak|punta|burst|r[aá]faga|m[aá]x|black\s*friday|spike", re.IGNORECASE)


def _sig(value: float, lang: Lang) -> str:
    """Three significant digits, trailing zeros dropped: 8.64, 864, 17.3 (es: 8,64)."""
    return significant(value, lang)


def format_count(value: float, lang: Lang = "en") -> str:
    """8640000 -> 8.64M (es: 8,64 M); 864000 -> 864k (es: 864 mil); 1.2e9 -> 1.2B (es: 1200 M)."""
    return compact(value, lang)


def format_bytes(value: float, lang: Lang = "en") -> str:
    """Decimal units: 8640000000 -> 8.64 GB (es: 8,64 GB)."""
    return size(value, lang)


def format_rate(value: float, lang: Lang = "en") -> str:
    """100 -> '100 req/s'; 2.5 -> '2,5 req/s' in Spanish."""
    return f"{_sig(value, lang)} req/s"


def _per_day(lang: Lang) -> str:
    """The seconds in a day as a factor: 86,400 (es: 86.400)."""
    return decimal(SECONDS_PER_DAY, lang)


def _ratio_text(stated: float, expected: float, lang: Lang) -> str:
    if expected <= 0 or stated <= 0:
        return t("estimate.high_x" if stated > expected else "estimate.low_x", lang, x="∞")
    ratio = stated / expected
    low = ratio < 1
    factor = 1 / ratio if low else ratio
    if factor >= 1.5:
        # "10× low", not "9.95× low": a ratio reads best rounded
        shown = decimal(round(factor), lang) if factor >= 3 else trimmed(factor, lang, 1)
        return t("estimate.low_x" if low else "estimate.high_x", lang, x=shown)
    percent = round(abs(ratio - 1) * 100)
    return t("estimate.low_pct" if low else "estimate.high_pct", lang, p=percent)


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


def _is_average(text: str, quantity: Quantity) -> bool:
    """Labelled as the average in its own clause ("on average we accept about 1,200 ...")."""
    return _AVERAGE_RE.search(_clause(text, quantity)) is not None


def _clause(text: str, quantity: Quantity, before: int = 60, after: int = 24) -> str:
    start, end = quantity.span
    left = _CLAUSE_BREAK_RE.split(text[max(0, start - before) : start])[-1]
    right = _CLAUSE_BREAK_RE.split(text[end : end + after])[0]
    return left + quantity.raw + right


def _main_rate(text: str, rates: Sequence[Quantity]) -> float | None:
    """The average rate: the first labelled average, else the first rate not labelled as a peak.

    Peaks, bursts and the capacity a candidate sizes for come after the average
    they multiply, so "the first stated" never picks them.
    """
    for quantity in rates:
        if _is_average(text, quantity) and not _is_peak(text, quantity):
            return quantity.value
    for quantity in rates:
        if not _is_peak(text, quantity):
            return quantity.value
    return None


def _unique(quantities: Iterable[Quantity]) -> list[Quantity]:
    seen: set[float] = set()
    out = []
    for quantity in quantities:
        key = round(quantity.value, 3)
        if key not in seen:
            seen.add(key)
            out.append(quantity)
    return out


_PERIOD_OF_CHECK = {
    "est.daily_volume": "day",
    "est.storage": "day",
    "est.monthly_volume": "month",
    "est.storage_monthly": "month",
    "est.yearly_volume": "year",
    "est.storage_yearly": "year",
}


@dataclass(frozen=True)
class _Product:
    """A product the candidate wrote out: `operands` × ... ≈ `result`."""

    operands: tuple[Quantity, ...]
    result: Quantity


def _operand_value(quantity: Quantity) -> float:
    """The figure as a factor: "× 30 days" multiplies by 30, not by 30 days in seconds."""
    if quantity.kind == "duration":
        return parse_number(quantity.raw.split()[0].rstrip("abcdefghijklmnopqrstuvwxyzíñ"))
    return quantity.value


def written_products(text: str, quantities: Sequence[Quantity]) -> list[_Product]:
    """Every `a × b (× c) = / ≈ / is about result` the candidate wrote, as figures."""
    products: list[_Product] = []
    i = 0
    while i < len(quantities) - 1:
        chain = [quantities[i]]
        j = i
        while j + 1 < len(quantities) and _TIMES_SEP_RE.fullmatch(
            text, quantities[j].span[1], quantities[j + 1].span[0]
        ):
            j += 1
            chain.append(quantities[j])
        if (
            len(chain) >= 2
            and j + 1 < len(quantities)
            and _EQUALS_SEP_RE.fullmatch(text, quantities[j].span[1], quantities[j + 1].span[0])
            and all(q.kind not in ("percent",) for q in chain)
        ):
            products.append(_Product(tuple(chain), quantities[j + 1]))
            i = j + 1
            continue
        i = max(j, i + 1)
    return products


def _product_values(operands: Sequence[Quantity]) -> list[float]:
    """The product for every reading of binary prefixes (1 KB = 1000 or 1024 B)."""
    values = [1.0]
    for operand in operands:
        variants = _variants(operand) if operand.kind in ("bytes",) else (_operand_value(operand),)
        values = [v * w for v in values for w in variants]
    return values


def _product_check(product: _Product, text: str) -> str | None:
    """Which seed rule a written product applies, from the result's unit and the factors."""
    kind = product.result.kind
    by_kind = {
        "count_per_day": "est.daily_volume",
        "bytes_per_day": "est.storage",
        "count_per_month": "est.monthly_volume",
        "count_per_year": "est.yearly_volume",
        "bytes_per_month": "est.storage_monthly",
        "bytes_per_year": "est.storage_yearly",
    }
    values = [_operand_value(q) for q in product.operands]
    has_bytes = any(q.kind.startswith("bytes") for q in product.operands) or kind.startswith("bytes")
    if kind in by_kind:
        if kind.startswith("count") and not counts_requests(product.result, text):
            return None
        return by_kind[kind]
    if any(round(v) == SECONDS_PER_DAY for v in values):
        return "est.storage" if has_bytes else "est.daily_volume"
    if kind == "rate" and any(q.kind == "rate" for q in product.operands):
        return "est.peak_qps"
    return None


def _spans_a_day(product: _Product) -> bool:
    """A per-day product multiplies by a day: 86,400 s, 24 × 3,600, 1,440 min, or a daily count."""
    values = [_operand_value(q) for q in product.operands]
    if any(round(v) in (SECONDS_PER_DAY, 1_440, 24) for v in values):
        return True
    return any(q.kind.endswith("_per_day") for q in product.operands)


def _operand_text(quantity: Quantity, lang: Lang) -> str:
    if quantity.kind == "bytes" or quantity.kind.startswith("bytes_per"):
        return format_bytes(quantity.value, lang)
    if quantity.kind == "rate":
        return format_rate(quantity.value, lang)
    value = _operand_value(quantity)
    return _sig(value, lang) if value < 1e5 else format_count(value, lang)


def _result_text(quantity: Quantity, lang: Lang) -> str:
    if quantity.kind.startswith("bytes"):
        return format_bytes(quantity.value, lang)
    if quantity.kind == "rate":
        return format_rate(quantity.value, lang)
    return format_count(quantity.value, lang)


def check_estimates(text: str, lang: Lang, tolerance: float = 0.10) -> tuple[ArithmeticFinding, ...]:
    """Check every volume and storage figure stated in an estimates answer.

    A product the candidate wrote out ("1,200 × 86,400 ≈ 104M") is checked as
    written; its operands are never read as stated results. Other stated
    figures are checked against the candidate's average rate and event size.
    """
    quantities = extract_quantities(text)
    if not quantities:
        return ()
    findings: list[ArithmeticFinding] = []
    products = written_products(text, quantities)
    operands = {q.span for product in products for q in product.operands}
    handled: set[tuple[int, int]] = set()
    wrong_daily: list[float] = []  # stated daily volumes found wrong (storage may follow from them)
    for product in products:
        check = _product_check(product, text)
        if check is None:
            continue
        values = _product_values(product.operands)
        if check == "est.daily_volume" and not _spans_a_day(product):
            continue  # "100 × 3,600 = 360k a day" multiplies right but by an hour: the figure decides below
        if not any(_close(b, v, tolerance) for v in values for b in _variants(product.result)):
            if product.result.kind in ("count", "bytes") and check in ("est.daily_volume", "est.storage"):
                # "100 × 86,400 = 864,000": a bare result no unit makes per-day; the product is the rule
                handled.add(product.result.span)
                shown = _result_text(replace(product.result, value=values[0]), lang)
                formula = " × ".join(_operand_text(q, lang) for q in product.operands) + f" = {shown}"
                formula += f"/{t('estimate.day', lang)}"
                findings.append(_finding(check, False, product.result.value, values[0], formula,
                                         _result_text(product.result, lang), lang))
                if check == "est.daily_volume":
                    wrong_daily.append(product.result.value)
            # a slip in the written product ("2 KB × 864k ≈ 17 GB") is judged on the figure:
            # the seed's rule on the candidate's own inputs decides below
            continue
        handled.add(product.result.span)
        shown = _result_text(replace(product.result, value=values[0]), lang)
        formula = " × ".join(_operand_text(q, lang) for q in product.operands) + f" = {shown}"
        period = _PERIOD_OF_CHECK.get(check)
        if period is not None:
            formula += f"/{t(f'estimate.{period}', lang)}"
        findings.append(_finding(check, True, product.result.value, values[0], formula,
                                 _result_text(product.result, lang), lang))
    stated = [q for q in quantities if q.span not in operands and q.span not in handled]
    # "200 × 86.400 ≈ …" states a rate of 200 even when no "req/s" says so
    implied = [
        math.prod(_operand_value(q) for q in product.operands if round(_operand_value(q)) != SECONDS_PER_DAY)
        for product in products
        if any(round(_operand_value(q)) == SECONDS_PER_DAY for q in product.operands)
        and not any(q.kind.startswith("bytes") for q in product.operands)
    ]
    findings += _check_stated(text, quantities, stated, lang, tolerance, wrong_daily, implied)
    return tuple(_mark_followed(findings, wrong_daily, quantities, lang, tolerance))


def _mark_followed(
    findings: list[ArithmeticFinding],
    wrong_daily: list[float],
    quantities: Sequence[Quantity],
    lang: Lang,
    tolerance: float,
) -> list[ArithmeticFinding]:
    """A wrong storage figure that follows from a wrong daily volume says so."""
    if not wrong_daily:
        return findings
    sizes = [q for q in quantities if q.kind == "bytes" and 0 < q.value <= MAX_EVENT_BYTES]
    out = []
    for finding in findings:
        if finding.check == "est.storage" and not finding.ok and any(
            _close(finding.stated, s * d, tolerance) for q in sizes for s in _variants(q) for d in wrong_daily
        ):
            note = t("estimate.follows", lang, daily=format_count(wrong_daily[0], lang))
            finding = replace(finding, message=f"{finding.message} {note}")
        out.append(finding)
    return out


def _check_stated(
    text: str,
    quantities: Sequence[Quantity],
    stated: Sequence[Quantity],
    lang: Lang,
    tolerance: float,
    wrong_daily: list[float],
    implied_rates: Sequence[float] = (),
) -> list[ArithmeticFinding]:
    """Figures stated without a written product, checked against the candidate's own inputs."""
    rates = [q for q in quantities if q.kind == "rate"]
    peak_rates = [q for q in stated if q.kind == "rate" and _is_peak(text, q)]
    factors = [q.value for q in quantities if q.kind == "factor" and q.value > 1]
    sizes = [q for q in quantities if q.kind == "bytes" and 0 < q.value <= MAX_EVENT_BYTES]
    daily = _unique(q for q in stated if q.kind == "count_per_day" and counts_requests(q, text))
    daily_bytes = _unique(q for q in stated if q.kind == "bytes_per_day")
    main_rate = _main_rate(text, rates)
    if main_rate is None and implied_rates:
        main_rate = implied_rates[0]
    all_rates = [q.value for q in rates] + list(implied_rates)
    findings: list[ArithmeticFinding] = []
    unit_day = t("estimate.day", lang)

    # est.daily_volume: QPS × 86,400 (any stated rate explains it: "correct is never flagged"),
    # or QPS × the active hours the candidate states ("100 req/s during 12 busy hours")
    active = sorted({q.value for q in quantities if q.kind == "duration" and 3600 <= q.value < SECONDS_PER_DAY})
    right_daily: list[float] = []
    for figure in daily:
        match = next(
            ((r, s) for s in (SECONDS_PER_DAY, *active) for r in all_rates if _close(figure.value, r * s, tolerance)),
            None,
        )
        rate, seconds = match if match is not None else (main_rate, SECONDS_PER_DAY)
        if rate is None:
            right_daily.append(figure.value)  # nothing to check it against: the candidate's own input
            continue
        expected = rate * seconds
        if match is None:
            wrong_daily.append(figure.value)
        else:
            right_daily.append(figure.value)
        formula = f"{format_rate(rate, lang)} × {decimal(seconds, lang)} = {format_count(expected, lang)}/{unit_day}"
        findings.append(
            _finding("est.daily_volume", match is not None, figure.value, expected, formula,
                     format_count(figure.value, lang), lang)
        )

    # est.storage: size × QPS × 86,400; a daily volume counts only when it is itself right
    day_counts = [r * SECONDS_PER_DAY for r in all_rates] + right_daily
    for figure in daily_bytes:
        if not sizes or not day_counts:
            continue
        found = next(
            (
                (size, n)
                for size in sizes
                for s in _variants(size)
                for n in day_counts
                for b in _variants(figure)
                if _close(b, s * n, tolerance)
            ),
            None,
        )
        if found is not None:
            size_q, count = found
            size_value = size_q.value
            how = (f"{format_rate(count / SECONDS_PER_DAY, lang)} × {_per_day(lang)}"
                   if count / SECONDS_PER_DAY in all_rates else f"{format_count(count, lang)}/{unit_day}")
        else:
            size_value = sizes[0].value
            if main_rate is not None:
                count, how = main_rate * SECONDS_PER_DAY, f"{format_rate(main_rate, lang)} × {_per_day(lang)}"
            else:
                count, how = day_counts[0], f"{format_count(day_counts[0], lang)}/{unit_day}"
        expected = size_value * count
        formula = f"{format_bytes(size_value, lang)} × {how} = {format_bytes(expected, lang)}/{unit_day}"
        findings.append(
            _finding("est.storage", found is not None, figure.value, expected, formula,
                     format_bytes(figure.value, lang), lang)
        )

    # monthly and yearly from daily (a stated daily figure carries forward as written)
    stated_daily_counts = day_counts + wrong_daily
    for kind, per_day, days, check, fmt in (
        ("count_per_month", stated_daily_counts, DAYS_PER_MONTH, "est.monthly_volume", "count"),
        ("count_per_year", stated_daily_counts, DAYS_PER_YEAR, "est.yearly_volume", "count"),
        ("bytes_per_month", None, DAYS_PER_MONTH, "est.storage_monthly", "bytes"),
        ("bytes_per_year", None, DAYS_PER_YEAR, "est.storage_yearly", "bytes"),
    ):
        if per_day is None:
            per_day = [q.value for q in quantities if q.kind == "bytes_per_day"] + [
                s.value * n for s in sizes[:1] for n in day_counts[:1]
            ]
        if not per_day:
            continue
        period = t("estimate.month" if days == DAYS_PER_MONTH else "estimate.year", lang)
        for figure in _unique(q for q in stated if q.kind == kind):
            if kind.startswith("count") and not counts_requests(figure, text):
                continue
            base = next((d for d in per_day if _close(figure.value, d * days, tolerance)), None)
            ok = base is not None
            if base is None:
                base = per_day[0]
            expected = base * days
            show = format_count if fmt == "count" else format_bytes
            formula = f"{show(base, lang)}/{unit_day} × {days} = {show(expected, lang)}/{period}"
            findings.append(_finding(check, ok, figure.value, expected, formula, show(figure.value, lang), lang))

    # est.peak_qps: average × factor
    if main_rate is not None and factors and peak_rates:
        factor = factors[0]
        for figure in _unique(peak_rates):
            ok = any(_close(figure.value, main_rate * f, tolerance) for f in factors)
            expected = main_rate * factor
            formula = f"{format_rate(main_rate, lang)} × {_sig(factor, lang)} = {format_rate(expected, lang)}"
            findings.append(
                _finding("est.peak_qps", ok, figure.value, expected, formula, format_rate(figure.value, lang), lang)
            )
    return findings


def _finding(
    check: str, ok: bool, stated: float, expected: float, formula: str, stated_text: str, lang: Lang
) -> ArithmeticFinding:
    if ok:
        message = t("estimate.ok", lang, formula=formula, stated=stated_text)
    else:
        ratio = _ratio_text(stated, expected, lang)
        message = t("estimate.wrong", lang, formula=formula, stated=stated_text, ratio=ratio)
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
    day = t("estimate.day", lang)
    per_day = qps * SECONDS_PER_DAY
    peak = qps * peak_factor
    bytes_day = event_size_bytes * per_day
    retained = bytes_day * retention_days
    shards = max(1, math.ceil(peak / shard_throughput_qps - 1e-9))
    shard_word = {"es": "por shard", "en": "per shard"}[lang]
    rate, count, size_of = partial(format_rate, lang=lang), partial(format_count, lang=lang), partial(
        format_bytes, lang=lang)
    day_s = _per_day(lang)
    figures = (
        Figure("requests_per_day", per_day, "req/day",
               f"{rate(qps)} × {day_s} = {count(per_day)}/{day}"),
        Figure("requests_per_month", per_day * DAYS_PER_MONTH, "req/month",
               f"{count(per_day)}/{day} × 30 = {count(per_day * DAYS_PER_MONTH)}"),
        Figure("peak_qps", peak, "req/s",
               f"{rate(qps)} × {_sig(peak_factor, lang)} = {rate(peak)}"),
        Figure("bytes_per_day", bytes_day, "bytes/day",
               f"{size_of(event_size_bytes)} × {rate(qps)} × {day_s} = {size_of(bytes_day)}/{day}"),
        Figure("bytes_retained", retained, "bytes",
               f"{size_of(bytes_day)}/{day} × {decimal(retention_days, lang)} = {size_of(retained)}"),
        Figure("bytes_per_year", bytes_day * DAYS_PER_YEAR, "bytes/year",
               f"{size_of(bytes_day)}/{day} × 365 = {size_of(bytes_day * DAYS_PER_YEAR)}"),
        Figure("shards", float(shards), "shards",
               f"⌈{rate(peak)} ÷ {rate(shard_throughput_qps)} {shard_word}⌉ = {general(shards, lang)}"),
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
