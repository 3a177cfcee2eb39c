"""Estimate arithmetic: the seed's quick rules, checked on the figures a candidate states.

- `est.daily_volume`: QPS × 86,400 = requests per day.
- `est.storage`: event size × QPS × 86,400 = bytes per day (KB as 1000 or 1024).
- `est.monthly_volume` / `est.yearly_volume`: requests per day × 30 / × 365.
- `est.storage_monthly` / `est.storage_yearly`: bytes per day × 30 / × 365.
- `est.peak_qps`: average QPS × peak factor = peak QPS.

A product the candidate writes out ("1,200 × 86,400 ≈ 104M", "2 KB × 200 ×
86.400 ≈ 34,6 GB/día") is checked as written, and its operands are never read as
stated results. A written product whose result is off its own operands by a
clear factor (2× or more) is the derivation the candidate claims, so it is wrong
as written ("8,64 M × 1 KB = 8,64 TB": 8.64 GB), whatever else could explain the
figure; unless it leaves a factor unwritten ("30/s × 2 KB ≈ 5,2 GB/día"), its
units do not fit, or an operand is a wrong daily volume whose right value
explains the result (the slip is that volume's). Any other stated figure (or a
written product off by a small slip) is right when a figure the candidate gave
explains it within the content's tolerance (±10 % by default), so correct
arithmetic is never flagged, whatever the order or the rounding: any stated
rate, size or factor may explain it, and so may a share (a stated percentage), a
multiple (growth, replicas) or a sum of the flows the candidate states. Storage
counts a stated daily volume only when that volume is itself right (or could not
be checked): storage that only follows from a wrong daily volume is wrong, and
its message says it follows from it.

An answer may hold several flows: writes and reads (url-shortener), messages and
deliveries (chat), posts, feed loads and fan-out inserts (news-feed), payments
and webhooks (payments). A figure nothing explains is compared with its partner,
the input of its own flow: the one named by the same noun (`[estimates.flows]`
in `languages/*.toml` lists the nouns of each flow), else the nearest before it
in its sentence, else the only one the answer states; a peak with the factor of
its sentence. When no partner is certain, or the partner's own figure is already
stated right elsewhere (so this one counts another flow), there is no finding: a
false "your arithmetic is wrong" costs more trust than a missed one.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial

from coach.formatting import compact, decimal, general, significant, size, trimmed
from coach.i18n import Lang
from coach.messages import t
from coach.scoring.numbers import (
    MAX_EVENT_BYTES,
    Quantity,
    counts_requests,
    duration_seconds,
    extract_quantities,
    parse_number,
)
from coach.scoring.result import ArithmeticFinding
from coach.scoring.words import language_tables

SECONDS_PER_DAY = 86_400
DAYS_PER_MONTH = 30
DAYS_PER_YEAR = 365

_AVERAGE_RE = re.compile(r"\b(?:medi[oa]|promedio|average|avg|mean|typical|t[ií]pic[oa])\b", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r"[\n;,(]|\. |\bbut\b|\bpero\b|\|")
# between two operands of a written product: "1 KB × 500", "300*86400", "2 KB x 200"
# ("50 million users × 4 notifications/day": up to two unit words before the sign)
# ("1 KB times 100 per second times 86,400", "100 por 86.400": the sign said as a word; the next
# operand starts where the separator ends, so "por" needs no look past it)
# ("100 KB, and times 86,400", "17 millones y pico al día, por 200 bytes": a spoken pause before the sign)
# ("- 100 req/s de media\n- x 86.400 s = …": a note's next bullet goes on with the sign)
# ("Average is 20,000 req/s. Times 86,400... that's 172.8 million": the next sentence opens with it)
_TIMES_SEP_RE = re.compile(
    r"\s*\.\s+(?:[×x*·]|\btimes\b|\bpor\b)\s*"
    r"|\s*,?\s*(?:[^\W\d]+[/.,]?\s+){0,4}(?:[-•]\s+)?(?:[×x*·]|\btimes\b|\bpor\b)\s*",
    re.IGNORECASE,
)
# a figure read as a factor took the sign with it ("1 KB times 100 times 86,400": "100 times")
_SIGN_TAKEN_RE = re.compile(r"\btimes\s*$", re.IGNORECASE)
# between the last operand and the result: "= ~", "≈", "->", "is about", "gives roughly", ", so about"
_EQUALS_SEP_RE = re.compile(
    # ("100 por 86.400 segundos que tiene el día... eso da 864.000": the day named after the seconds;
    # "| 86,4 M × 500 B | ≈ 4,3 GB/día |": a table's next cell holds the result)
    r"(?:\s*(?:seconds?|segundos?|s))?(?:\s+(?:que\s+tiene\s+(?:el|un)\s+d[ií]a|(?:in|of)\s+(?:a|the)\s+day|a\s+day"
    r"|per\s+day|del\s+d[ií]a|de\s+un\s+d[ií]a|al\s+d[ií]a|por\s+d[ií]a))?\s*,?\s*"
    r"(?:(?:each|apiece|cada\s+un[oa])\s*,|\.\.\.|…|=|≈|~|->|→|=>|⇒|\|\s*(?:=|≈|~)|eso\s+(?:da|dan|son|es)|that\s+gives|which\s+gives"
    r"|(?:which|that)\s+comes\s+to|comes\s+to|is|are|es|son|gives|da|dan|makes|equals|"
    r"so|that's|that\s+is|so\s+about|i\.e\.|es\s+decir|unos|unas|about|roughly|around|approx\.?|aprox\.?|call\s+it|"
    r"aproximadamente|approximately|alrededor\s+de|cerca\s+de)"
    # a speaker's pause after the verb or for it: "is, uh, ten gigabytes", "son, eh, unos 86 GB",
    # "cien por ochenta y seis mil cuatrocientos... eh... ochocientas sesenta y cuatro mil"
    # (each round of the loop takes a word or a sign: whitespace alone never repeats, so a long run of
    # spaces, as spelled figures leave, cannot be split in exponentially many ways)
    # ("864 M × 500 B... eso son unos 4,3 TB": the pause, then what it comes to)
    r"(?:\s*(?:=|≈|~|about|roughly|around|approx\.?|aprox\.?|unos|unas|de|,|uh|um|er|eh|like|este|\.\.\.|…"
    r"|eso|esto|that|that's|which|is|are|es|son|da|dan|gives))*"
    r"\s*[~≈]?\s*",
    re.IGNORECASE,
)
# a factor of growth, not of a peak: "1.4× a year", "2× en dos años", "x2 per year"
_GROWTH_RE = re.compile(
    r"\b(?:a|per|each|every|al|por|cada)\s+(?:year|a[ñn]o)\b|\b(?:in|en)\s+(?:two|three|2|3|dos|tres)\s+(?:years|a[ñn]os)\b"
    r"|\bgrowth\b|\bcrec",
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


# a figure after this one that is not a factor ("3× evening peak" still describes it)
_NEXT_FIGURE_RE = re.compile(r"\d+(?:[.,]\d+)*(?!\s?[×x\d])")


def _context(text: str, quantity: Quantity, before: int = 30, after: int = 30) -> str:
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
    following = _NEXT_FIGURE_RE.search(right)
    if following is not None:
        right = right[: following.start()]
    return left + quantity.raw + right


def _is_peak(text: str, quantity: Quantity) -> bool:
    """Labelled as a peak near it, unless its own clause calls it the average and not a peak
    ("75,000 writes/s at peak, ~37,500/s on average": the second is the average)."""
    if _PEAK_RE.search(_context(text, quantity)) is None:
        return False
    own = _clause(text, quantity)
    return not (_AVERAGE_RE.search(own) and not _PEAK_RE.search(own))


# "8.64 B/day": a bare B after a small figure counts billions; no one stores 8.64 bytes a day
_BARE_B_RE = re.compile(r"\d\s?B\b")


def _billions(quantity: Quantity) -> Quantity:
    if quantity.kind in ("bytes_per_day", "bytes_per_month", "bytes_per_year") and quantity.value < 1000 and (
        _BARE_B_RE.search(quantity.raw)
    ):
        return replace(quantity, kind=quantity.kind.replace("bytes", "count"), value=quantity.value * 1e9)
    return quantity


def _is_average(text: str, quantity: Quantity) -> bool:
    """Labelled as the average in its own clause ("on average we accept about 1,200 ...")."""
    return _AVERAGE_RE.search(_clause(text, quantity)) is not None


def _clause(text: str, quantity: Quantity, before: int = 60, after: int = 24) -> str:
    start, end = quantity.span
    left = _CLAUSE_BREAK_RE.split(text[max(0, start - before) : start])[-1]
    right = _CLAUSE_BREAK_RE.split(text[end : end + after])[0]
    return left + quantity.raw + right


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
        digits = quantity.raw.split()[0].rstrip("abcdefghijklmnopqrstuvwxyzíñ")
        if digits[:1].isdigit():
            return parse_number(digits)
        # spelled out ("ochenta y seis mil cuatrocientos segundos"): its seconds over its unit's
        return quantity.value / duration_seconds(quantity.raw.split()[-1].lower())
    return quantity.value


def written_products(text: str, quantities: Sequence[Quantity]) -> list[_Product]:
    """Every `a × b (× c) = / ≈ / is about result` the candidate wrote, as figures.

    A product that is a term of a sum ("1 KB × 100 × 86.400 + 300 B × 122 × 86.400 | ~8,6 GB + …")
    is not one: the figure after it may be another term's."""
    products: list[_Product] = []
    i = 0
    while i < len(quantities) - 1:
        chain = [quantities[i]]
        j = i
        while j + 1 < len(quantities):
            between = text[quantities[j].span[1] : quantities[j + 1].span[0]]
            if not between.strip() and _SIGN_TAKEN_RE.search(quantities[j].raw):
                if chain[-1].kind == "factor":  # "86 million times 1 KB": a count, by the sign it took
                    chain[-1] = replace(chain[-1], kind="count")
            elif not _TIMES_SEP_RE.fullmatch(between):
                break
            j += 1
            chain.append(quantities[j])
        if (
            len(chain) >= 2
            and j + 1 < len(quantities)
            and _EQUALS_SEP_RE.fullmatch(text, quantities[j].span[1], quantities[j + 1].span[0])
            and all(q.kind not in ("percent",) for q in chain)
            and not _starts_over(text, chain, quantities, j + 1)
            and not text[: chain[0].span[0]].rstrip().endswith("+")
        ):
            products.append(_Product(tuple(chain), quantities[j + 1]))
            i = j + 1
            continue
        i = max(j, i + 1)
    return products


# between a daily figure and the seconds of a day it is divided by: "500M / 86,400", "÷ 86.400",
# "divided by 86,400", "entre 86.400", "dividido por 86.400"
_DIVIDED_SEP_RE = re.compile(
    r"\s*(?:/|÷|\bdivided\s+by\b|\bdividid[oa]s?\s+(?:por|entre)\b|\bentre\b|\bover\b)\s*", re.IGNORECASE
)


def written_quotients(text: str, quantities: Sequence[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Every `daily figure / 86,400 = / ≈ rate` the candidate wrote, as (daily figure, stated rate): the
    framework's average QPS, derived the other way round ("500M / 86,400 ≈ 5,800 QPS"). A product before
    the sign is the day ("20 M DAU × 43 msg/día ÷ 86.400 ≈ 10.000": 860 M a day)."""
    quotients = []
    for at in range(len(quantities) - 2):
        first, seconds, result = quantities[at : at + 3]
        if not (
            round(_operand_value(seconds)) == SECONDS_PER_DAY
            and result.kind in ("rate", "count")
            and _DIVIDED_SEP_RE.fullmatch(text, first.span[1], seconds.span[0])
            and _EQUALS_SEP_RE.fullmatch(text, seconds.span[1], result.span[0])
        ):
            continue
        start = at
        while start and _TIMES_SEP_RE.fullmatch(
            # "× ~43 msg/día": an approximate operand keeps its tilde
            text, quantities[start - 1].span[1], len(text[: quantities[start].span[0]].rstrip("~≈ "))
        ):
            start -= 1
        chain = quantities[start : at + 1]
        before = text[: chain[0].span[0]].rstrip("~≈ ").lower()
        if before.endswith(("^", "×", "*", "·", " x", "times", " por")):
            continue  # a power or a product the figures do not show whole ("10^9 / 86,400"): no day to divide
        if all(q.kind in ("count", "count_per_day", "factor") for q in chain):
            day = math.prod(_operand_value(q) for q in chain)
            quotients.append((replace(first, value=day, kind="count_per_day"), result))
    return quotients


def _starts_over(text: str, operands: Sequence[Quantity], quantities: Sequence[Quantity], at: int) -> bool:
    """The figure after the sign is an operand said again to start the product over, not its result:
    "5.800 por 86.400 segundos del día... 5.800 por 86.400, eso da…" ("10 × 86,400 = 86,400" is a
    result, a slip: nothing multiplies it again)."""
    figure = quantities[at]
    return (
        any(math.isclose(figure.value, _operand_value(q), rel_tol=0.005) for q in operands)
        and at + 1 < len(quantities)
        and (
            _TIMES_SEP_RE.fullmatch(text, figure.span[1], quantities[at + 1].span[0]) is not None
            or (not text[figure.span[1] : quantities[at + 1].span[0]].strip() and _SIGN_TAKEN_RE.search(figure.raw) is not None)
        )
    )


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


# a written product this far off its own operands is a slip in the candidate's own derivation,
# not a rounding or another pairing: it is reported as written
_CLEAR_SLIP = 2.0


def _slip_factor(result: Quantity, values: Sequence[float]) -> float:
    """How many times the stated result is off the nearest reading of its written product (≥ 1)."""
    ratios = [max(b / v, v / b) for v in values for b in _variants(result) if b > 0 and v > 0]
    return min(ratios, default=math.inf)


_PERIOD_DAYS = {"month": (28, 30, 31), "year": (12, 365)}


def _unit_left_unsaid(factor: float, tolerance: float) -> bool:
    """A bare result a thousand, a million or a billion times off its product has the product's digits:
    the candidate left out "million" ("8,6" for 8.64 M), which is no slip to report."""
    if factor < 1_000:
        return False
    power = 1_000 ** round(math.log(factor, 1_000))
    return _close(factor, power, tolerance)


def _claims_whole(
    product: _Product, check: str, day_counts: Sequence[float], tolerance: float, rates: Sequence[float] = ()
) -> bool:
    """The written product is the whole derivation of its result: the units fit and it spans the
    result's period ("8.64M × 1 KB = 8.64 TB a day" counts a stated day, and so does "500 M × 200 B"
    where 500 M is a stated rate's day; "30/s × 2 KB ≈ 5.2 GB/day" and "300 B × 7.8 B" leave a factor
    unwritten or read a count as bytes)."""
    byte_operands = sum(q.kind.startswith("bytes") for q in product.operands)
    if byte_operands != (1 if product.result.kind.startswith("bytes") else 0):
        return False
    period = _PERIOD_OF_CHECK.get(check)
    if period == "day":
        days = [*day_counts, *(rate * SECONDS_PER_DAY for rate in rates)]
        return _spans_a_day(product) or any(
            _close(q.value, d, tolerance) for q in product.operands if q.kind == "count" for d in days
        )
    if period is not None:
        return any(round(_operand_value(q)) in _PERIOD_DAYS[period] for q in product.operands)
    return True


def _slip_in_operand(product: _Product, rates: Sequence[float], tolerance: float) -> bool:
    """The result is right once a wrong daily count among the operands is replaced by a stated
    rate's day ("2 KB × 864k ≈ 17 GB" with 100 req/s: 864k is the slip, the storage is right).
    A daily count that is some rate's day is right, so the slip is the product's own."""
    values = _product_values(product.operands)
    for q in product.operands:
        n = _operand_value(q)
        if q.kind not in ("count", "count_per_day") or n <= 0 or round(n) == SECONDS_PER_DAY:
            continue
        if any(_close(n, r * SECONDS_PER_DAY, tolerance) for r in rates):
            continue
        if any(_close(b, v / n * r * SECONDS_PER_DAY, tolerance)
               for v in values for r in rates for b in _variants(product.result)):
            return True
    return False


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
    text = _without_retracted(text)
    quantities = [_billions(q) for q in extract_quantities(text)]
    if not quantities:
        return ()
    findings: list[ArithmeticFinding] = []
    products = written_products(text, quantities)
    operands = {q.span for product in products for q in product.operands}
    handled: set[tuple[int, int]] = set()
    wrong_daily: list[float] = []  # stated daily volumes found wrong (storage may follow from them)
    # "200 × 86.400 ≈ …" states a rate of 200 even when no "req/s" says so (it stands where its
    # first operand does, so it has a sentence and a flow)
    implied = [
        replace(
            product.operands[0],
            kind="rate",
            value=math.prod(
                _operand_value(q) for q in product.operands if round(_operand_value(q)) != SECONDS_PER_DAY
            ),
        )
        for product in products
        if any(round(_operand_value(q)) == SECONDS_PER_DAY for q in product.operands)
        and not any(q.kind.startswith("bytes") for q in product.operands)
        and not any(q.kind == "rate" for q in product.operands)
    ]
    rates = [q.value for q in quantities if q.kind == "rate"] + [q.value for q in implied]
    day_counts = [q.value for q in quantities if q.kind == "count_per_day"]
    divided_wrong: list[float] = []  # days divided by 86,400 into a wrong rate: the day is the input
    for daily, result in written_quotients(text, quantities):
        # the day's volume over its seconds, as written: the average rate it states is checked
        handled.add(result.span)
        expected = daily.value / SECONDS_PER_DAY
        ok = _close(result.value, expected, tolerance)
        if not ok:
            divided_wrong.append(daily.value)
        formula = f"{format_count(daily.value, lang)} / {_per_day(lang)} = {format_rate(expected, lang)}"
        findings.append(_finding("est.qps", ok, result.value, expected, formula, format_rate(result.value, lang), lang))
    for product in products:
        check = _product_check(product, text)
        if check is None:
            continue
        values = _product_values(product.operands)
        doubled = _double_counted(product, rates, tolerance) if check == "est.storage" else None
        if doubled is not None:
            # "1 KB × 8.64M × 100 = 864 GB/day": the daily volume already holds the 100/s
            handled.add(product.result.span)
            kept = [q for q in product.operands if q is not doubled]
            expected = math.prod(_operand_value(q) for q in kept)
            formula = " × ".join(_operand_text(q, lang) for q in kept)
            formula += f" = {_result_text(replace(product.result, value=expected), lang)}/{t('estimate.day', lang)}"
            findings.append(_finding(check, False, product.result.value, expected, formula,
                                     _result_text(product.result, lang), lang))
            continue
        if check == "est.daily_volume" and not _spans_a_day(product):
            continue  # "100 × 3,600 = 360k a day" multiplies right but by an hour: the figure decides below
        if not any(_close(b, v, tolerance) for v in values for b in _variants(product.result)):
            bare = product.result.kind in ("count", "bytes") and check in ("est.daily_volume", "est.storage")
            if bare and _unit_left_unsaid(_slip_factor(product.result, values), tolerance):
                handled.add(product.result.span)  # "100 × 86.400… son ocho coma seis": 8.6 million, said short
                continue
            if bare or (
                _slip_factor(product.result, values) >= _CLEAR_SLIP
                and _claims_whole(product, check, day_counts, tolerance, rates)
                and (check == "est.daily_volume" or not _slip_in_operand(product, rates, tolerance))
            ):
                # the written product is the derivation the candidate claims: "100 × 86,400 =
                # 864,000" (a bare result no unit makes per-day) or "8.64M × 1 KB = 8.64 TB a day"
                # (1000× off its own operands) is wrong as written, whatever else could explain it
                handled.add(product.result.span)
                expected = values[0]  # decimal units, as every formula shows them
                shown = _result_text(replace(product.result, value=expected), lang)
                formula = " × ".join(_operand_text(q, lang) for q in product.operands) + f" = {shown}"
                period = "day" if bare else _PERIOD_OF_CHECK.get(check)
                if period is not None:
                    formula += f"/{t(f'estimate.{period}', lang)}"
                findings.append(_finding(check, False, product.result.value, expected, formula,
                                         _result_text(product.result, lang), lang))
                if check == "est.daily_volume":
                    wrong_daily.append(product.result.value)
            # a small slip, a shorthand ("30/s × 2 KB ≈ 5.2 GB/day") or a slip in an operand
            # ("2 KB × 864k ≈ 17 GB" from 100/s: 864k is the slip) is judged on the figure below
            continue
        handled.add(product.result.span)
        shown = _result_text(replace(product.result, value=values[0]), lang)
        formula = " × ".join(_operand_text(q, lang) for q in product.operands) + f" = {shown}"
        # "864,000 × 1 KB = 864 MB" multiplies right, by a daily volume already found wrong:
        # the storage is wrong too, against the right daily volume
        day_slip = next(
            (
                (q, f.expected)
                for q in product.operands
                if q.kind in ("count", "count_per_day")
                for f in findings
                if f.check == "est.daily_volume" and not f.ok and _close(q.value, f.stated, tolerance)
            ),
            None,
        ) if check == "est.storage" else None
        if day_slip is not None:
            slipped, right_day = day_slip
            expected = values[0] / _operand_value(slipped) * right_day
            per_event = format_bytes(values[0] / _operand_value(slipped), lang)
            formula = f"{per_event} × {format_count(right_day, lang)}/{t('estimate.day', lang)}"
            formula += f" = {format_bytes(expected, lang)}/{t('estimate.day', lang)}"
            findings.append(_finding(check, False, product.result.value, expected, formula,
                                     _result_text(product.result, lang), lang))
            continue
        period = _PERIOD_OF_CHECK.get(check)
        if period is not None:
            formula += f"/{t(f'estimate.{period}', lang)}"
        findings.append(_finding(check, True, product.result.value, values[0], formula,
                                 _result_text(product.result, lang), lang))
    stated = [q for q in quantities if q.span not in operands and q.span not in handled]
    findings += _check_stated(text, quantities, stated, lang, tolerance, wrong_daily, implied, products, divided_wrong)
    findings = [_rounded(f, text, quantities, lang) for f in findings]
    return tuple(_mark_followed(findings, wrong_daily, quantities, lang, tolerance))


_APPROX_RE = re.compile(
    r"(?:~|≈|\babout|\baround|\broughly|\bapprox\w*|\bunos|\bunas|\baprox\w*|\bcerca de|\balrededor de|\bcasi)\s*$",
    re.IGNORECASE,
)


def _rounded(finding: ArithmeticFinding, text: str, quantities: Sequence[Quantity], lang: Lang) -> ArithmeticFinding:
    """A figure said as approximate with one significant digit ("~2 GB/day" for 1.73) is rounded, not wrong."""
    if finding.ok or finding.expected <= 0:
        return finding
    mantissa = f"{finding.stated:.6e}".split("e")[0].rstrip("0").rstrip(".")
    if len(mantissa.replace(".", "").lstrip("0")) != 1:
        return finding  # "1.5 GB" claims two digits: it is compared as written
    unit = 10 ** math.floor(math.log10(finding.stated))
    if abs(finding.stated - finding.expected) > unit / 2:
        return finding
    said = [q for q in quantities if q.value == finding.stated and _APPROX_RE.search(text[max(0, q.span[0] - 14) : q.span[0]])]
    if not said:
        return finding
    return _finding(finding.check, True, finding.stated, finding.expected, finding.formula, said[0].raw, lang)


def _double_counted(product: _Product, rates: Sequence[float], tolerance: float) -> Quantity | None:
    """The rate operand of a product that also holds that rate's daily volume (a rate counted twice)."""
    counts = [q for q in product.operands if q.kind in ("count", "count_per_day")]
    for operand in product.operands:
        rate = _operand_value(operand)
        if operand.kind not in ("rate", "count") or rate <= 1 or not any(_close(rate, r, tolerance) for r in rates):
            continue
        if any(_close(_operand_value(q), rate * SECONDS_PER_DAY, tolerance) for q in counts if q is not operand):
            return operand
    return None


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


# ---------------------------------------------------------------- flows: which figures go together


@dataclass(frozen=True)
class _Words:
    """The estimate checker's words, from `[estimates]` in `languages/*.toml` (every language at once)."""

    flows: re.Pattern[str]  # a flow word, matched on folded text
    flow_of: dict[str, str]  # folded word -> flow name
    corrections: re.Pattern[str]  # "scratch that", "me he comido un cero": the figure before is taken back


_FOLD = str.maketrans("áéíóúüñÁÉÍÓÚÜÑ", "aeiouunAEIOUUN")


def _fold(text: str) -> str:
    """Lower case without accents, the same length (positions stay valid)."""
    return text.translate(_FOLD).lower()


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted({_fold(w) for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


@lru_cache(maxsize=1)
def _words() -> _Words:
    """Load and check the `[estimates]` table of every shipped language file."""
    flow_of: dict[str, str] = {}
    corrections: list[str] = []
    for name, raw in language_tables("estimates"):
        where = f"languages/{name} [estimates]"
        unknown = set(raw) - {"byte_words", "flows", "corrections"}
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        flows = raw.get("flows", {})
        lists = [raw.get("byte_words", []), raw.get("corrections", []), *flows.values()] if isinstance(flows, dict) else [None]
        if not all(isinstance(v, list) and all(isinstance(w, str) and w.strip() for w in v) for v in lists):
            raise ValueError(f"{where}: byte_words, corrections and every [estimates.flows] entry must be lists of words")
        corrections += raw.get("corrections", [])
        for flow, words in flows.items():
            for word in words:
                flow_of.setdefault(re.sub(r"\s+", " ", _fold(word)), flow)
    # byte_words are checked here and read by numbers.py, which parses "8.6 gigs a day" as bytes
    return _Words(_alternation(flow_of), flow_of, _alternation(corrections))


RETRACT_REACH = 80  # characters before a correction where the figure it takes back may stand


def _without_retracted(text: str) -> str:
    """`text` with each figure a candidate takes back blanked out (same length): in "864 mil al día.
    No, espera, me he comido un cero: son 8,64 millones", only the second figure is the estimate."""
    cues = list(_words().corrections.finditer(_fold(text)))
    if not cues:
        return text
    out = list(text)
    quantities = extract_quantities(text)
    for cue in cues:
        before = [q for q in quantities if q.span[1] <= cue.start() and cue.start() - q.span[1] <= RETRACT_REACH]
        if before:
            start, end = before[-1].span
            out[start:end] = " " * (end - start)
    return "".join(out)


# a sentence ends at a line break or at . ! ? before a space; "8.64" and "86.400" go on
_SENTENCE_END_RE = re.compile(r"\n|[.!?](?=\s)")


class _Layout:
    """Where each figure of an answer stands: its sentence and the flow its nearest noun names."""

    def __init__(self, text: str, quantities: Sequence[Quantity]) -> None:
        self.text = text
        self.folded = _fold(text)
        self.starts = [0] + [m.end() for m in _SENTENCE_END_RE.finditer(text)]
        self.quantities = sorted(quantities, key=lambda q: q.span)

    def sentence(self, quantity: Quantity) -> int:
        return bisect.bisect_right(self.starts, quantity.span[0]) - 1

    def previous(self, quantity: Quantity) -> int:
        """The sentence before the figure's, skipping blank lines (-1 when there is none)."""
        index = self.sentence(quantity) - 1
        while index >= 0 and not self.text[self.starts[index] : self.starts[index + 1]].strip():
            index -= 1
        return index

    def _bounds(self, quantity: Quantity) -> tuple[int, int]:
        index = self.sentence(quantity)
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end

    def _flows_in(self, start: int, end: int) -> list[str]:
        found = _words().flows.finditer(self.folded, start, max(start, end))
        return [_words().flow_of[re.sub(r"\s+", " ", m.group())] for m in found]

    def flow(self, quantity: Quantity) -> str | None:
        """The flow a figure counts: a word in the figure itself ("10k reads/s"), else the nearest
        word before it back to the previous figure ("Redirects 100,000/s"), else after it up to
        the next figure, else the nearest before it in its sentence ("Lecturas: ... 11.600/s")."""
        start, end = quantity.span
        own = self._flows_in(start, end)
        if own:
            return own[0]
        first, last = self._bounds(quantity)
        before = max([first] + [q.span[1] for q in self.quantities if q.span[1] <= start])
        after = min([last] + [q.span[0] for q in self.quantities if q.span[0] >= end])
        near = self._flows_in(before, start)
        if near:
            return near[-1]
        near = self._flows_in(end, after)
        if near:
            return near[0]
        far = self._flows_in(first, start)
        return far[-1] if far else None


def _distinct(quantities: Iterable[Quantity]) -> list[float]:
    return sorted({round(q.value, 6) for q in quantities})


def _partner(
    layout: _Layout, figure: Quantity, candidates: Sequence[Quantity], before_only: bool = False
) -> Quantity | None:
    """The one input a figure was derived from, or None when the pairing is ambiguous.

    Same flow first (one value among the figure's flow, else the nearest before it in its
    sentence); then, among inputs of a compatible flow (the same, or none named), the nearest
    before it in its sentence; then the only input the answer states. A wrong figure is only
    reported against a partner, so "no partner" means no finding. `before_only`: the partner
    is stated before the figure (a peak follows the average it multiplies).
    """
    candidates = [
        c for c in candidates if c.span != figure.span and not (before_only and c.span[0] > figure.span[0])
    ]
    if not candidates:
        return None
    flow = layout.flow(figure)
    here = layout.sentence(figure)

    def nearest_before(pool: Sequence[Quantity]) -> Quantity | None:
        before = [c for c in pool if layout.sentence(c) == here and c.span[0] < figure.span[0]]
        return before[-1] if before else None

    if flow is not None:
        same = [c for c in candidates if layout.flow(c) == flow]
        if same:
            return same[0] if len(_distinct(same)) == 1 else nearest_before(same)
    compatible = [c for c in candidates if flow is None or layout.flow(c) in (None, flow)]
    found = nearest_before(compatible)
    if found is not None:
        return found
    if compatible and len(_distinct(candidates)) == 1:
        return compatible[0]
    return None


def _nearest_factor(layout: _Layout, figure: Quantity, average: Quantity, factors: Sequence[Quantity]) -> Quantity | None:
    """The peak factor of a figure: the nearest in its sentence, else in its average's, else in the
    sentence just before it ("Peaks are 5× the average. That is 300 req/s."); else none is stated.
    A growth factor is no peak ("growing about 1.4× a year")."""
    factors = [f for f in factors if not _GROWTH_RE.search(_context(layout.text, f, before=0))]
    for sentence in (layout.sentence(figure), layout.sentence(average), layout.previous(figure)):
        here = [f for f in factors if layout.sentence(f) == sentence]
        if here:
            return min(here, key=lambda f: abs(f.span[0] - figure.span[0]))
    return None


def _sums(values: Sequence[float], limit: int = 8) -> list[float]:
    """Every sum of two or more of the values ("8.64 GB + 2 GB ≈ 10.6 GB a day" adds flows)."""
    values = list(values)[:limit]
    return [
        sum(combo) for size_of in range(2, len(values) + 1) for combo in itertools.combinations(values, size_of)
    ]


def _check_stated(
    text: str,
    quantities: Sequence[Quantity],
    stated: Sequence[Quantity],
    lang: Lang,
    tolerance: float,
    wrong_daily: list[float],
    implied_rates: Sequence[Quantity] = (),
    products: Sequence[_Product] = (),
    divided_wrong: Sequence[float] = (),
) -> list[ArithmeticFinding]:
    """Figures stated without a written product, checked against the candidate's own inputs.

    A figure is right when any pairing of the candidate's figures explains it (any rate, any
    size, any factor, a share or a sum of flows). A figure nothing explains is reported only
    against its partner: the input of the same flow (`_partner`), and only when that partner's
    own figure is not already stated right elsewhere (then the figure is of another flow).
    """
    layout = _Layout(text, quantities)
    close = partial(_close, tolerance=tolerance)
    rates = [q for q in quantities if q.kind == "rate"] + list(implied_rates)
    factor_qs = [q for q in quantities if q.kind == "factor" and q.value > 1]
    factors = [q.value for q in factor_qs]
    # an average is a rate not labelled a peak and not another rate times a factor
    # ("5×, o sea 5.000 por segundo" is the peak of 1.000/s even with no peak word beside it)
    averages = [
        q for q in rates
        if not _is_peak(text, q)
        and not any(close(q.value, r.value * f) for r in rates if r.span != q.span for f in factors)
    ]
    peak_rates = [q for q in stated if q.kind == "rate" and _is_peak(text, q)]
    shares = [q.value / 100 for q in quantities if q.kind == "percent" and 0 < q.value < 100]
    # a fractional count is a ratio the candidate states ("1.2 channels per notification", "2,5 filas por
    # evento"): a flow of rows times it is one of theirs (whole counts are too common to excuse a slip)
    shares += [q.value for q in quantities if q.kind == "count" and 1 < q.value < 10 and not q.value.is_integer()]
    sizes = [q for q in quantities if q.kind == "bytes" and 0 < q.value <= MAX_EVENT_BYTES]
    daily_qs = [
        q for q in stated if q.kind == "count_per_day" and counts_requests(q, text)
    ]
    daily = _unique(daily_qs)
    daily_bytes = _unique(q for q in stated if q.kind == "bytes_per_day")
    all_rates = [q.value for q in rates]
    findings: list[ArithmeticFinding] = []
    unit_day = t("estimate.day", lang)
    # daily figures a written product already got right ("100 × 86,400 = 8.64M/day")
    written_daily = [
        p.result.value for p in products
        if p.result.kind in ("count_per_day", "count") and p.result.span not in {q.span for q in stated}
        and any(close(p.result.value, v) for v in _product_values(p.operands))
    ]

    # est.daily_volume: QPS × 86,400 (any stated rate explains it: "correct is never flagged"),
    # or QPS × the active hours the candidate states ("100 req/s during 12 busy hours"),
    # or a share or a multiple of another daily figure ("SMS 2 % → 173k a day")
    active = sorted({q.value for q in quantities if q.kind == "duration" and 3600 <= q.value < SECONDS_PER_DAY})
    right_daily: list[float] = []
    unchecked_daily: list[float] = []
    for figure in daily:
        if any(close(figure.value, day) for day in divided_wrong):
            # divided by 86,400 into a wrong rate, as written: the day is the input, the rate the slip
            unchecked_daily.append(figure.value)
            continue
        match = next(
            ((r, s) for s in (SECONDS_PER_DAY, *active) for r in all_rates if close(figure.value, r * s)),
            None,
        )
        if match is not None:
            rate, seconds = match
            expected = rate * seconds
            right_daily.append(figure.value)
            formula = f"{format_rate(rate, lang)} × {decimal(seconds, lang)} = {format_count(expected, lang)}/{unit_day}"
            findings.append(_finding("est.daily_volume", True, figure.value, expected, formula,
                                     format_count(figure.value, lang), lang))
            continue
        others = [r * SECONDS_PER_DAY for r in all_rates] + written_daily + [
            q.value for q in daily_qs if q.span != figure.span
        ]
        if any(close(figure.value, base * k) for base in others for k in (*shares, *factors)):
            unchecked_daily.append(figure.value)  # a share or a multiple of a flow the candidate states
            continue
        partner = _partner(layout, figure, averages)
        if partner is None and not averages and implied_rates:
            partner = implied_rates[0]
        if partner is None or figure.value < partner.value or any(
            close(d, partner.value * SECONDS_PER_DAY) for d in [*right_daily, *written_daily]
        ):
            # no rate of its flow, or that rate's day is already stated right: another flow; or fewer a
            # day than that rate's second: a figure per user ("20 M DAU × ~43 msg/día ÷ 86.400")
            unchecked_daily.append(figure.value)
            continue
        expected = partner.value * SECONDS_PER_DAY
        wrong_daily.append(figure.value)
        formula = f"{format_rate(partner.value, lang)} × {_per_day(lang)} = {format_count(expected, lang)}/{unit_day}"
        findings.append(_finding("est.daily_volume", False, figure.value, expected, formula,
                                 format_count(figure.value, lang), lang))

    # est.storage: size × QPS × 86,400; a daily volume counts only when it is itself right
    # (or was not checkable: the candidate's own input)
    day_counts = [r * SECONDS_PER_DAY for r in all_rates] + right_daily + unchecked_daily + written_daily
    per_event = [v for p in products if any(q.kind == "bytes" for q in p.operands)
                 and not _spans_a_day(p) for v in _product_values(p.operands)]
    stated_storage: list[float] = []
    for figure in daily_bytes:
        if not (sizes or per_event) or not day_counts:
            continue
        found = next(
            (
                (size, n)
                for size in sizes
                for s in _variants(size)
                for n in day_counts
                for b in _variants(figure)
                if close(b, s * n)
            ),
            None,
        )
        if found is not None:
            size_q, count = found
            how = (f"{format_rate(count / SECONDS_PER_DAY, lang)} × {_per_day(lang)}"
                   if count / SECONDS_PER_DAY in all_rates else f"{format_count(count, lang)}/{unit_day}")
            expected = size_q.value * count
            formula = f"{format_bytes(size_q.value, lang)} × {how} = {format_bytes(expected, lang)}/{unit_day}"
            stated_storage.append(figure.value)
            findings.append(_finding("est.storage", True, figure.value, expected, formula,
                                     format_bytes(figure.value, lang), lang))
            continue
        other_days = [q.value for q in daily_bytes if q.span != figure.span]
        if (
            any(close(b, e * n) for e in per_event for n in day_counts for b in _variants(figure))
            or any(close(b, s * n * k) for q in sizes for s in _variants(q) for n in day_counts
                   for k in (*factors, *shares) for b in _variants(figure))
            or any(close(figure.value, total) for total in _sums(other_days))
        ):
            continue  # a per-event product, a multiple or a share, or a sum of flows: right
        size_p = _partner(layout, figure, sizes)
        rate_p = _partner(layout, figure, averages)
        if rate_p is None and not averages and implied_rates:
            rate_p = implied_rates[0]
        if size_p is None:
            continue
        if rate_p is not None:
            count = rate_p.value * SECONDS_PER_DAY
            how = f"{format_rate(rate_p.value, lang)} × {_per_day(lang)}"
        else:
            counted = [q for q in daily_qs if q.value in right_daily + unchecked_daily]
            day_p = _partner(layout, figure, counted)
            if day_p is None:
                continue
            count, how = day_p.value, f"{format_count(day_p.value, lang)}/{unit_day}"
        expected = size_p.value * count
        if any(close(other, expected) for other in other_days):
            continue  # this size and rate already have their right figure: this one is another flow
        formula = f"{format_bytes(size_p.value, lang)} × {how} = {format_bytes(expected, lang)}/{unit_day}"
        findings.append(_finding("est.storage", False, figure.value, expected, formula,
                                 format_bytes(figure.value, lang), lang))

    # monthly and yearly from daily (a stated daily figure carries forward as written)
    stated_daily_counts = day_counts + wrong_daily
    byte_days = [q for q in quantities if q.kind == "bytes_per_day"]
    computed_byte_days = [s * n for q in sizes for s in _variants(q) for n in day_counts]
    for kind, days, check, fmt in (
        ("count_per_month", DAYS_PER_MONTH, "est.monthly_volume", "count"),
        ("count_per_year", DAYS_PER_YEAR, "est.yearly_volume", "count"),
        ("bytes_per_month", DAYS_PER_MONTH, "est.storage_monthly", "bytes"),
        ("bytes_per_year", DAYS_PER_YEAR, "est.storage_yearly", "bytes"),
    ):
        if fmt == "count":
            bases = list(stated_daily_counts)
            base_qs = [q for q in daily_qs if q.value in stated_daily_counts]
        else:
            bases = [q.value for q in byte_days] + computed_byte_days
            base_qs = byte_days
        if not bases:
            continue
        period = t("estimate.month" if days == DAYS_PER_MONTH else "estimate.year", lang)
        show = format_count if fmt == "count" else format_bytes
        for figure in _unique(q for q in stated if q.kind == kind):
            if fmt == "count" and not counts_requests(figure, text):
                continue
            base = next((d for d in bases if close(figure.value, d * days)), None)
            if base is None and (
                any(close(figure.value, d * days * k) for d in bases for k in (*factors, *shares))
                or any(close(figure.value, total * days) for total in _sums([q.value for q in base_qs]))
            ):
                continue  # growth, replicas, a share, or the flows added up: right
            ok = base is not None
            if base is None:
                partner = _partner(layout, figure, base_qs)
                if partner is not None:
                    base = partner.value
                elif len(set(round(b, 6) for b in bases)) == 1:
                    base = bases[0]
                else:
                    continue  # several daily figures, none of them its own: ambiguous
            expected = base * days
            formula = f"{show(base, lang)}/{unit_day} × {days} = {show(expected, lang)}/{period}"
            findings.append(_finding(check, ok, figure.value, expected, formula, show(figure.value, lang), lang))

    # est.peak_qps: average × factor, the average and factor of the peak's own flow
    peaks_stated = [q.value for q in quantities if q.kind == "rate" and _is_peak(text, q)]
    for figure in _unique(peak_rates):
        other_rates = [q for q in rates if q.span != figure.span]
        pairs: list[tuple[float, float]] = [(r.value, f) for r in other_rates for f in factors] + [
            (r.value, f * g) for r in other_rates for f, g in itertools.combinations(sorted(set(factors)), 2)
        ]
        # the closest pairing explains it ("48,000 at peak" is 16,000 × 3, not 10,000 × 5)
        explained = min(
            (pair for pair in pairs if close(figure.value, pair[0] * pair[1])),
            key=lambda pair: abs(figure.value - pair[0] * pair[1]),
            default=None,
        )
        if explained is not None:
            rate, factor = explained
            formula = f"{format_rate(rate, lang)} × {_sig(factor, lang)} = {format_rate(rate * factor, lang)}"
            findings.append(_finding("est.peak_qps", True, figure.value, rate * factor, formula,
                                     format_rate(figure.value, lang), lang))
            continue
        average = _partner(layout, figure, averages, before_only=True)
        factor_q = _nearest_factor(layout, figure, average, factor_qs) if average is not None else None
        if average is None or factor_q is None:
            continue
        expected = average.value * factor_q.value
        if any(close(p, average.value * f) for p in peaks_stated if p != figure.value for f in factors):
            continue  # that average's peak is stated right elsewhere: this peak is of another flow
        formula = f"{format_rate(average.value, lang)} × {_sig(factor_q.value, lang)} = {format_rate(expected, lang)}"
        findings.append(
            _finding("est.peak_qps", False, figure.value, expected, formula, format_rate(figure.value, lang), lang)
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
    shard_word = t("estimate.per_shard", lang)
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
