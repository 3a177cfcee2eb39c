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
from dataclasses import dataclass, replace
from functools import lru_cache

from coach.scoring.words import language_tables

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
# powers of ten as written: "8,64·10⁶", "8.64 × 10^6", "8.64e6"
_POWER = r"(?:\s?[·×x*]\s?10(?:\^|\*\*)?{up}|e{plain})(?![\d⁰-⁹])"
_SCALES: tuple[tuple[re.Pattern[str], float], ...] = (
    *(
        (re.compile(_POWER.format(up=f"(?:{digit}|{superscript})", plain=digit)), 10.0 ** int(digit))
        for digit, superscript in (("9", "⁹"), ("6", "⁶"), ("3", "³"))
    ),
    (re.compile(r"\s?(?:mil\s+millones|millardos?|billions?|bn)\b", _I), 1e9),
    # "7.8 B messages/day": a bare B before a counted noun is billions, not bytes
    (re.compile(r"\s?B(?=\s+(?:messages|msgs|requests|reqs|events|notifications|sends|writes|calls|users|"
                r"mensajes|peticiones|eventos|notificaciones|env[ií]os|escrituras|llamadas|usuarios)\b)"), 1e9),
    (re.compile(r"\s?(?:millones|mill[oó]n|millions?|mill|MM)\b", _I), 1e6),
    # Indian English: "1 lakh/s" is 100,000 a second, "864 crore/day" 8.64 billion a day
    (re.compile(r"\s?(?:crores?|cr)\b", _I), 1e7),
    (re.compile(r"\s?(?:lakhs?|lacs?)\b", _I), 1e5),
    (re.compile(r"\s?M(?![a-zA-Z])"), 1e6),
    (re.compile(r"\s?(?:mil|thousand)\b", _I), 1e3),
    (re.compile(r"\s?[kK](?![a-zA-Z])"), 1e3),
)
_BYTES_RE = re.compile(r"\s?(?P<unit>(?P<prefix>[kKMGTP])(?P<bi>i)?[bB]|bytes?|B)(?![a-zA-Z])")
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


# a number read as a thousands group ("1.728" = 1728) before an English scale word is a decimal: "1.728
# billion". Before a Spanish one the group stands: "1.728 millones" is 1728 million.
_DOT_GROUP_RE = re.compile(r"\d{1,3}\.\d{3}")
_ENGLISH_SCALE_RE = re.compile(r"\s?(?:billions?|bn|B|millions?)\b", re.IGNORECASE)


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
    scale_start = pos
    scale, pos = _scale(text, pos)
    if scale > 1 and _ENGLISH_SCALE_RE.fullmatch(text, scale_start, pos) and _DOT_GROUP_RE.fullmatch(raw_number):
        value = float(raw_number)  # "1.728 billion", "1.728 B requests": an English decimal, not 1,728 billion
    value *= scale
    binary = False
    is_bytes = False
    bytes_unit = _BYTES_RE.match(text, pos) or _spoken_bytes().unit.match(text, pos)
    if bytes_unit:
        is_bytes = True
        spoken = bytes_unit.groupdict().get("spoken")
        if spoken:
            word = spoken.lower()
            power = _BYTE_PREFIX[word[0].upper()]
            binary_word = word[2:4] == "bi"  # "kibibytes", not "kilobytes"
            value *= (1024 if binary_word else 1000) ** power
            binary = not binary_word
        elif prefix := bytes_unit["prefix"]:
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
            seconds = duration_seconds(unit)
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


def duration_seconds(unit: str) -> float:
    """Seconds in one of a duration's unit (\"ms\", \"min\", \"horas\", \"days\"…); 1 for seconds."""
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


# Figures said in words, as a spoken transcript writes them ("ochenta y seis millones al día",
# "sixty thousand deliveries per second", "uno coma cinco dispositivos"). Values below a thousand
# (and "tres mil quinientos"); a last "mil", "millones", "million" is left to the scale rules.
_UNITS = {
    "cero": 0, "zero": 0, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veintiuno": 21, "veintiuna": 21, "veintidos": 22,
    "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_ONES = {"un": 1, "uno": 1, "una": 1, "one": 1, "a": 1}  # articles too: a figure only before a scale or a decimal
_TENS = {
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
    "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500, "seiscientos": 600,
    "seiscientas": 600, "setecientos": 700, "setecientas": 700, "ochocientos": 800, "ochocientas": 800,
    "novecientos": 900, "novecientas": 900,
}
_THOUSANDS = {"mil", "thousand"}
_MILLIONS = {"millon", "millones", "million", "millions"}
_SCALE_WORDS = _THOUSANDS | {"millon", "millones", "million", "millions", "billion", "billions", "millardos"}
_POINT = {"coma": ",", "point": "."}
_DIGIT_WORDS = {word: value for word, value in {**_UNITS, **_ONES}.items() if value < 10 and word != "a"}
_LINKS = {"y", "and"}
_ABBREVIATED_BYTE_UNITS = frozenset({"kb", "mb", "gb", "tb", "kib", "mib", "gib"})


@dataclass(frozen=True)
class _SpokenBytes:
    """Byte units said aloud ("ten gigabytes a day", "300 gigs", "diez gigas"): the `byte_words` of
    every language file's [estimates] table, read once."""

    unit: re.Pattern[str]  # one of them right after a figure
    words: frozenset[str]  # they and the abbreviations: "un kilobyte", "a gig", "un KB" are one of it
    article: re.Pattern[str]  # an article before one, where no number word opens a window


@lru_cache(maxsize=1)
def _spoken_bytes() -> _SpokenBytes:
    spoken = {word.lower() for _, raw in language_tables("estimates") for word in raw.get("byte_words", [])}
    odd = sorted(word for word in spoken if word[:1].upper() not in _BYTE_PREFIX)
    if odd:
        raise ValueError(f"languages/*.toml [estimates] byte_words: no K, M, G, T or P prefix in {odd}")
    words = frozenset(spoken) | _ABBREVIATED_BYTE_UNITS
    return _SpokenBytes(
        re.compile(r"\s?(?P<spoken>(?i:" + "|".join(sorted(spoken, key=len, reverse=True)) + r"))\b"),
        words,
        re.compile(r"(?<![^\W\d_])(?:un|una|one|a)\s+(?=(?:" + "|".join(sorted(words)) + r")(?![^\W\d_]))"),
    )
_SPELLED_WORD_RE = re.compile(r"[^\W\d_]+")


_ACCENTS = str.maketrans("áéíóúü", "aeiouu")
_BEFORE, _AFTER = 12, 240  # characters around a number word read for its figure ("un millón", "… mil al día")
_ACCENTED = ("dieciséis", "veintidós", "veintitrés", "veintiséis", "millón")  # the spellings with accents


def _trie_pattern(words: set[str]) -> str:
    """One regex for many words, their common prefixes factored ("se(?:is|senta|tenta)"): the
    engine tries one branch per letter instead of every word at every position (2× faster on 1 MB)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        alternatives = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# any number word, lower case: read on the lower-cased answer (one C pass, no folded copy of 1 MB)
_SPELLED_START_RE = re.compile(
    r"(?<![^\W\d_])" + _trie_pattern({*_UNITS, *_TENS, *_HUNDREDS, *_SCALE_WORDS, *_ACCENTED, "hundred"})
    + r"(?![^\W\d_])"
)


def spell_digits(text: str) -> str:
    """`text` with figures said in words written in digits (see _spelled)."""
    return _spelled(text)[0]


def _spelled(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """`text` with figures said in words written in digits, right-aligned in the same span, so every
    position after them still points at the same character ("ochenta y seis millones" ->
    "            86 millones"); and each replaced (start, end, digits), so a figure keeps its words."""
    windows: list[list[int]] = []
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): positions would shift
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    # number words and articles before a byte unit, in text order (C speed: a 1 MB answer has few)
    starts = sorted(
        (m.start(), m.end())
        for pattern in (_SPELLED_START_RE, _spoken_bytes().article)
        for m in pattern.finditer(lowered)
    )
    for match_start, match_end in starts:
        start, end = max(0, match_start - _BEFORE), match_end + _AFTER
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    # "8 millones 640 mil", "8 million 640 thousand": digits with their scales, one figure
    mixed = [
        (m.start(), m.end(), str(int(m["millions"]) * 1_000_000 + int(m["thousands"]) * 1000).rjust(m.end() - m.start()))
        for m in _MIXED_SCALES_RE.finditer(lowered)
    ]
    if not windows:
        return _replaced(text, mixed)
    words = [
        (m.group().lower().translate(_ACCENTS), m.start(), m.end())
        for start, end in windows
        for m in _SPELLED_WORD_RE.finditer(text, start, end)
    ]
    replaced: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        word = words[i][0]
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        numeric = (word in _UNITS or word in _TENS or word in _HUNDREDS) and not (
            word == "ciento" and i and words[i - 1][0] == "por"  # "99,95 por ciento" is a percent sign
        )
        # "mil setecientos millones": a leading "mil" is one thousand when a figure word follows it
        leading_mil = word == "mil" and (nxt in _UNITS or nxt in _TENS or nxt in _HUNDREDS) and (
            i + 1 < len(words) and text[words[i][2] : words[i + 1][1]].strip() == ""
        )
        if not numeric and not leading_mil and not (
            word in _ONES and (nxt in _SCALE_WORDS or nxt in _POINT or nxt == "hundred" or nxt in _spoken_bytes().words)
        ):
            i += 1
            continue
        total = current = 0
        j = i
        last = i  # the last word read into the figure
        while j < len(words):
            w = words[j][0]
            if w in _UNITS or (w in _ONES and j == i):
                current += _UNITS.get(w, 1)
            elif w in _ONES and words[j - 1][0] in _LINKS:
                current += 1  # "treinta y uno"
            elif w in _TENS:
                # "two fifty" said for 250: a unit right before tens is its hundreds
                current = current * 100 + _TENS[w] if 0 < current < 10 and words[j - 1][0] in _UNITS else current + _TENS[w]
            elif w in _HUNDREDS:
                current += _HUNDREDS[w]
            elif w == "hundred":
                current = (current or 1) * 100
            elif w in _MILLIONS and j + 1 < len(words) and (
                words[j + 1][0] in _UNITS or words[j + 1][0] in _TENS or words[j + 1][0] in _HUNDREDS
            ) and text[words[j][2] : words[j + 1][1]].strip() == "":
                total += (current or 1) * 1_000_000  # "ocho millones seiscientos cuarenta mil"
                current = 0
            elif w in _THOUSANDS and total >= 1_000_000 and current:
                total += current * 1000  # "ocho millones seiscientos cuarenta mil": the thousands of a million
                current = 0
            elif w in _THOUSANDS and j + 1 < len(words) and (
                words[j + 1][0] in _UNITS or words[j + 1][0] in _TENS or words[j + 1][0] in _HUNDREDS
            ) and text[words[j][2] : words[j + 1][1]].strip() == "":
                total += (current or 1) * 1000  # "tres mil quinientos"
                current = 0
            elif w in _LINKS and j + 1 < len(words) and j > i and (
                words[j + 1][0] in _UNITS or words[j + 1][0] in _ONES or words[j + 1][0] in _TENS
            ):
                pass  # "ochenta y seis", "two hundred and fifty"
            else:
                break
            if w not in _LINKS:
                last = j
            j += 1
            if j < len(words) and text[words[j - 1][2] : words[j][1]].strip() not in ("", "-"):
                break  # a comma or a figure sign ends the words of one figure
        digits = str(total + current)
        # a decimal said aloud: "uno coma cinco", "one point five"
        if last + 2 < len(words) and words[last + 1][0] in _POINT and words[last + 2][0] in _DIGIT_WORDS:
            digits += _POINT[words[last + 1][0]]
            last += 1
            while last + 1 < len(words) and words[last + 1][0] in _DIGIT_WORDS:  # "eight point six four"
                digits += str(_DIGIT_WORDS[words[last + 1][0]])
                last += 1
        start, end = words[i][1], words[last][2]
        if len(digits) <= end - start:
            replaced.append((start, end, digits.rjust(end - start)))
        i = last + 1
    return _replaced(text, sorted([*replaced, *mixed]))


_MIXED_SCALES_RE = re.compile(
    r"(?<![\d.,])(?P<millions>\d{1,3})\s?(?:millones|millon|millón|millions?)\s+(?:y\s+)?"
    r"(?P<thousands>\d{1,3})\s?(?:mil|thousand)\b(?!\s+millones)"
)


def _replaced(text: str, replaced: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """`text` with each (start, end, digits) written over its span (`_spelled`)."""
    if not replaced:
        return text, []
    pieces: list[str] = []
    done = 0
    for start, end, digits in replaced:
        pieces += [text[done:start], digits]
        done = end
    pieces.append(text[done:])
    return "".join(pieces), replaced


def extract_quantities(text: str) -> list[Quantity]:
    """Every figure in `text` with its unit, in order of appearance (figures in words too)."""
    written, (text, spelled) = text, _spelled(text)
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
        taken_until = quantity.span[1]
        for start_words, end_words, _ in spelled:
            if start_words <= quantity.span[0] < end_words:  # said in words: its span and raw as written
                span = (start_words, quantity.span[1])
                quantity = replace(quantity, raw=written[span[0] : span[1]], span=span)
                break
        out.append(quantity)
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
