"""Figures stated in an answer, with units, in Spanish and English.

`extract_quantities("100 req/s ≈ 8,64 millones al día, eventos de 1 KB, pico x5")`
gives a rate of 100/s, a count of 8.64e6 per day, 1000 bytes and a factor 5.

Separators: `8,640,000`, `8.640.000` and `8 640 000` (spaces, also non-breaking) are
thousands; a single separator followed by exactly three digits is a thousands
group (`8,640` = 8640, `1.500` = 1500) unless a `%` follows (`99.999 %`);
otherwise it is the decimal mark (`8,64` = 8.64, `0.5` = 0.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = (
    "rate",  # per second (req/s, QPS, msg/s)
    "count",  # a plain number, scaled (8.64M)
    "count_per_day",
    "count_per_month",
    "count_per_year",
    "bytes",
    "bytes_per_second",
    "bytes_per_day",
    "bytes_per_month",
    "bytes_per_year",
    "factor",  # x5, 5x, 5 veces
    "duration",  # seconds
    "percent",  # 99.9 (not divided by 100)
)


@dataclass(frozen=True)
class Quantity:
    """One stated figure: value in base units (per second, per day, bytes, seconds)."""

    value: float
    kind: str
    raw: str  # the text as written
    span: tuple[int, int]
    binary: bool = False  # bytes written with a K/M/G/T prefix: 1024-based is also plausible


_NUMBER = (
    r"(?<![\w.,])"
    r"(?P<num>\d{1,3}(?:(?P<sep>[.,\u00a0\u202f\u2009 ])\d{3}(?!\d))(?:(?P=sep)\d{3}(?!\d))*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
)
_NUMBER_RE = re.compile(_NUMBER)
# "x5", "×5" (no space: "× 86,400" is a multiplication, not a peak factor)
_PREFIX_FACTOR_RE = re.compile(r"(?<![\w.,])[x×](?P<num>\d+(?:[.,]\d+)?)(?![\w.,]*\d)(?![a-zA-Z/])")

_I = re.IGNORECASE
_SCALES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"\s?(?:mil\s+millones|millardos?|billions?|bn)\b", _I), 1e9),
    # "7.8 B messages/day": a bare B before a counted noun is billions, not bytes
    (re.compile(r"\s?B(?=\s+(?:messages|msgs|requests|reqs|events|notifications|sends|writes|calls|users|"
                r"mensajes|peticiones|eventos|notificaciones|env[ií]os|escrituras|llamadas|usuarios)\b)"), 1e9),
    (re.compile(r"\s?(?:millones|mill[oó]n|millions?|mill|MM)\b", _I), 1e6),
    (re.compile(r"\s?M(?![a-zA-Z])"), 1e6),
    (re.compile(r"\s?(?:mil|thousand)\b", _I), 1e3),
    (re.compile(r"\s?[kK](?![a-zA-Z])"), 1e3),
)
_BYTES_RE = re.compile(
    r"\s?(?P<unit>(?P<prefix>[kKMGTP])(?P<bi>i)?[bB]|bytes?|B)(?![a-zA-Z])"
)
_BYTE_PREFIX = {"k": 1, "K": 1, "M": 2, "G": 3, "T": 4, "P": 5}
_RATE_UNIT_RE = re.compile(
    r"\s?(?:qps|rps|tps|(?:reqs?|req|requests?|peticiones|solicitudes|msgs?|mensajes|"
    r"events?|eventos|notificaciones|notifications|writes|escrituras|llamadas|calls)\s?/\s?"
    r"(?:s|sec|seg|segundo|second)\b)",
    _I,
)
_PER = {
    "second": r"(?:s|sec|seg|segundo|second)",
    "day": r"(?:d[ií]a|day|d)",
    "month": r"(?:mes|month|mo)",
    "year": r"(?:a[ñn]o|year|yr|y)",
}
_PER_WORDS = {
    "second": r"(?:segundo|second|sec|seg)",
    "day": r"(?:d[ií]a|day)",
    "month": r"(?:mes|month)",
    "year": r"(?:a[ñn]o|year)",
}
_ADJECTIVES = {
    "second": r"|a\s+second|al\s+segundo",
    "day": r"|daily|diari[oa]s?|al\s+d[ií]a|a\s+day",
    "month": r"|monthly|mensual(?:es)?|al\s+mes|a\s+month",
    "year": r"|yearly|annual(?:ly)?|anual(?:es)?|al\s+a[ñn]o|a\s+year",
}
_PER_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (
        period,
        re.compile(
            rf"\s?(?:/\s?{_PER[period]}\b|(?:per|por|each|cada|every)\s+{_PER_WORDS[period]}\b"
            rf"{_ADJECTIVES[period]})",
            _I,
        ),
    )
    for period in ("second", "day", "month", "year")
)
# "1,200 notification requests per second", "35 GB of data every day": up to two words
# between a figure and its period (the first may be an adjective: "new links").
_NOUN_RE = re.compile(
    r"(?:\s+(?:de|of))?\s+(?P<noun>[^\W\d_]{2,20})(?:\s+(?P<noun2>[^\W\d_]{2,20}))?"
    r"(?:\s+(?:nuevas?|nuevos?|new|enviad[oa]s|sent))?"
)
_NOT_NOUNS = frozenset(
    str.split(
        "per por each cada every al a de del en in of the at to y and o or con with ms segundos "
        "seconds x veces times"
    )
)
_DURATION_RE = re.compile(
    r"\s?(?P<unit>ms|milisegundos?|milliseconds?|msec|s|secs?|seg|segundos?|seconds?|min|mins|"
    r"minutos?|minutes?|h|hrs?|horas?|hours?|d[ií]as?|days?|semanas?|weeks?|meses|months?|"
    r"a[ñn]os|years?)\b",
    _I,
)
_PERCENT_RE = re.compile(r"\s?(?:%|percent\b|per\s+cent\b|por\s+ciento\b)", re.IGNORECASE)
_TIMES_RE = re.compile(r"\s?(?:[x×](?![\w])(?!\s*\d)|veces\b|times\b)", _I)
_RATE_LABEL_RE = re.compile(
    r"(?:qps|rps|tps|req/s|requests per second|peticiones por segundo|throughput)"
    r"(?:\s+(?:medio|media|promedio|average|avg|mean|pico|peak|max|m[aá]ximo))?"
    r"\s*(?:[:=≈~]|de|of|is|es|:\s*~|≈\s*~)?\s*[~≈]?\s*$",
    _I,
)
_DAY_LABEL_RE = re.compile(
    r"(?:per day|por d[ií]a|al d[ií]a|a day|daily|diari[oa]s?|/d[ií]a|/day|req/d[ií]a|req/day)"
    r"\s*(?:[:=≈~]|de)?\s*[~≈]?\s*$",
    _I,
)
_FACTOR_LABEL_RE = re.compile(r"(?:factor|multiplicador|multiplier)(?:\s+(?:de|of|pico|peak))?\s*[:=]?\s*$", _I)


def parse_number(raw: str, percent: bool = False) -> float:
    """A number written with es or en separators (see the module docstring)."""
    text = raw.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    if " " in text:
        text = text.replace(" ", "")
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        group = "," if decimal == "." else "."
        return float(text.replace(group, "").replace(decimal, "."))
    sep = "." if dots else "," if commas else ""
    if not sep:
        return float(text)
    if text.count(sep) > 1:
        return float(text.replace(sep, ""))
    whole, frac = text.split(sep)
    if len(frac) == 3 and whole != "0" and not percent:
        return float(whole + frac)
    return float(whole + "." + frac)


def _scale(text: str, pos: int) -> tuple[float, int]:
    for pattern, factor in _SCALES:
        match = pattern.match(text, pos)
        if match:
            return factor, match.end()
    return 1.0, pos


def _period(text: str, pos: int) -> tuple[str | None, int]:
    for period, pattern in _PER_RES:
        match = pattern.match(text, pos)
        if match:
            return period, match.end()
    return None, pos


def _period_after_noun(text: str, pos: int) -> tuple[str | None, int]:
    noun = _NOUN_RE.match(text, pos)
    if noun is None or noun["noun"].lower() in _NOT_NOUNS:
        return None, pos
    period, end = _period(text, noun.end())
    if period is None and noun["noun2"]:
        period, end = _period(text, noun.end("noun"))
    if period is None:
        return None, pos
    return period, end


def _one(text: str, match: re.Match[str]) -> Quantity:
    raw_number = match["num"]
    pos = match.end()
    percent = _PERCENT_RE.match(text, pos)
    if percent:
        value = parse_number(raw_number, percent=True)
        return Quantity(value, "percent", text[match.start() : percent.end()], (match.start(), percent.end()))
    value = parse_number(raw_number)
    scale, pos = _scale(text, pos)
    value *= scale
    binary = False
    is_bytes = False
    bytes_unit = _BYTES_RE.match(text, pos)
    if bytes_unit:
        is_bytes = True
        prefix = bytes_unit["prefix"]
        if prefix:
            power = _BYTE_PREFIX[prefix]
            base = 1024 if bytes_unit["bi"] else 1000
            binary = not bytes_unit["bi"]
            value *= base**power
        pos = bytes_unit.end()
    times = None if is_bytes else _TIMES_RE.match(text, pos)
    if times:
        return Quantity(value, "factor", text[match.start() : times.end()], (match.start(), times.end()))
    rate = None if is_bytes else _RATE_UNIT_RE.match(text, pos)
    if rate:
        return Quantity(value, "rate", text[match.start() : rate.end()], (match.start(), rate.end()))
    period, end = _period(text, pos)
    if period is None:
        period, end = _period_after_noun(text, pos)
    if period is not None:
        if is_bytes:
            kind = f"bytes_per_{period}"
        else:
            kind = "rate" if period == "second" else f"count_per_{period}"
        return Quantity(value, kind, text[match.start() : end], (match.start(), end), binary)
    if is_bytes:
        return Quantity(value, "bytes", text[match.start() : pos], (match.start(), pos), binary)
    if scale == 1.0:
        duration = _DURATION_RE.match(text, pos)
        if duration:
            unit = duration["unit"].lower()
            seconds = _duration_seconds(unit)
            return Quantity(
                value * seconds, "duration", text[match.start() : duration.end()], (match.start(), duration.end())
            )
    before = text[max(0, match.start() - 40) : match.start()]
    kind = "count"
    if _RATE_LABEL_RE.search(before):
        kind = "rate"
    elif _DAY_LABEL_RE.search(before):
        kind = "count_per_day"
    elif _FACTOR_LABEL_RE.search(before):
        kind = "factor"
    return Quantity(value, kind, text[match.start() : pos], (match.start(), pos))


def _duration_seconds(unit: str) -> float:
    if unit in ("ms", "msec") or unit.startswith(("mili", "milli")):
        return 0.001
    if unit.startswith(("min",)):
        return 60
    if unit.startswith(("h",)):
        return 3600
    if unit.startswith(("d",)):
        return 86400
    if unit.startswith(("sem", "wee")):
        return 604800
    if unit.startswith(("mes", "mon")):
        return 2592000
    if unit.startswith(("a", "y")):
        return 31536000
    return 1


def extract_quantities(text: str) -> list[Quantity]:
    """Every figure in `text` with its unit, in order of appearance."""
    candidates: list[tuple[int, int, re.Match[str]]] = [
        (m.start(), 0, m) for m in _PREFIX_FACTOR_RE.finditer(text)
    ]
    candidates += [(m.start(), 1, m) for m in _NUMBER_RE.finditer(text)]
    candidates.sort(key=lambda c: (c[0], c[1]))
    out: list[Quantity] = []
    taken_until = -1
    for start, is_number, match in candidates:
        if start < taken_until:
            continue
        if not is_number:
            value = parse_number(match["num"])
            quantity = Quantity(value, "factor", match.group(), (match.start(), match.end()))
        else:
            quantity = _one(text, match)
        out.append(quantity)
        taken_until = quantity.span[1]
    return out


MAX_EVENT_BYTES = 1_050_000  # a notification event; bigger byte figures are storage
# people, and time ("12 hours a day", "8 horas al día"), are never request volumes
NOT_REQUESTS_RE = re.compile(
    r"usuari|user|dau|mau|client|customer|dispositiv|device|tenant|suscript|subscri|"
    r"\bhours?\b|\bhoras?\b|\bminut|\bhrs?\b",
    re.IGNORECASE,
)
# Tags a matching rule can ask for (content: `match.xx.quantities`).
QUANTITY_TAGS = ("rate", "daily_requests", "monthly_requests", "event_bytes", "stored_bytes", "nines", "factor")


# not across a sentence end: "26M requests per day. Each event is 2 KB" is a total
PER_HEAD_RE = re.compile(r"^[^\w.!?;:]*(?:each|apiece|per (?:user|person|head)|por (?:usuario|persona|cabeza)|cada uno)\b", re.IGNORECASE)


# "10 notifs each per day": the per-head word inside the figure's own text
PER_HEAD_IN_RAW_RE = re.compile(r"\b(?:each|apiece|cada\s+uno|cada\s+una)\b", re.IGNORECASE)


PER_HEAD_BEFORE_RE = re.compile(
    r"(?:cada (?:uno|una|usuario|usuaria|persona|cliente)|each (?:user|person|one|customer)|"
    r"per (?:user|person|head)|por (?:usuario|persona|cabeza))\W+(?:[^\W\d]+\W+){0,3}$",
    re.IGNORECASE,
)


def counts_requests(quantity: Quantity, text: str = "") -> bool:
    """A per-day/month figure of the system's traffic, not of users ("50 million daily active
    users") nor per head ("40 messages a day each", "cada uno recibe 10 al día")."""
    after = text[quantity.span[1] : quantity.span[1] + 30] if text else ""
    before = text[max(0, quantity.span[0] - 40) : quantity.span[0]] if text else ""
    if (
        NOT_REQUESTS_RE.search(quantity.raw)
        or PER_HEAD_IN_RAW_RE.search(quantity.raw)
        or PER_HEAD_RE.search(after)
        or PER_HEAD_BEFORE_RE.search(before)
    ):
        return False
    return not NOT_REQUESTS_RE.search(after.split(",")[0].split(".")[0][:22])


def quantity_tags(quantity: Quantity, text: str = "") -> frozenset[str]:
    """What a figure proves: a request rate, a daily volume, an event size, stored bytes, nines.

    `text` (the text the figure was read from) lets the words after it count.
    """
    kind, value = quantity.kind, quantity.value
    tags: set[str] = set()
    if kind == "rate":
        tags.add("rate")
    elif kind == "count_per_day" and counts_requests(quantity, text):
        tags.add("daily_requests")
    elif kind in ("count_per_month", "count_per_year") and counts_requests(quantity, text):
        tags.add("monthly_requests")
    elif kind == "bytes" and 0 < value <= MAX_EVENT_BYTES:
        tags.add("event_bytes")
    elif kind in ("bytes_per_day", "bytes_per_month", "bytes_per_year") or (kind == "bytes" and value >= 1e9):
        tags.add("stored_bytes")
    elif kind == "percent" and 99 <= value < 100 and any(sep in quantity.raw for sep in ".,"):
        tags.add("nines")  # 99.9 %, 99,95 %: an availability target, not "99% of requests"
    elif kind == "factor":
        tags.add("factor")
    return frozenset(tags)
