"""Numbers for a reader, in the reader's language: one locale-aware formatter for es and en.

Every figure coach shows (estimates and their formulas, `coach estimate`,
`coach sim`, the demos, costs, the design check) goes through these
functions, so a Spanish reader sees 86.400 and 8,64 where an English one sees
86,400 and 8.64. The symbols, grouping and the percent, currency and compact
("8,64 M") patterns come from CLDR through Babel; the digits come from
Python's own rounding, so English output is exactly what `f"{x:,.2f}"` wrote
before and both languages show the same digits.

Kinds:
- `decimal(86400, lang)` -> "86.400" / "86,400"; `decimal(8.64, lang, 2)` -> "8,64" / "8.64".
- `general(2.5, lang)`: like `f"{x:g}"` (digits that mean something, no trailing zeros).
- `significant(8.6449, lang)` -> "8,64" / "8.64": three significant digits.
- `trimmed(1.50, lang, 2)` -> "1,5" / "1.5": at most so many fraction digits.
- `compact(8_640_000, lang)` -> "8,64 M" / "8.64M" (es "864 mil", "1200 M"; en "864k", "1.2B").
- `size(8.64e9, lang)` -> "8,64 GB" / "8.64 GB" (decimal units: 1 KB = 1000 B).
- `percent(0.05, lang)` -> "5 %" / "5%".
- `money(26698, "USD", lang)` -> "26.698 USD" / "26,698 USD".

CLDR separates "5 %" and "8,64 M" with a no-break space; coach writes a plain
space, because the terminal wraps at either and a plain space stays greppable
and typeable in a sheet. Babel is imported on first use, so `coach --help`
never pays for it.
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.i18n import Lang

__all__ = ["compact", "decimal", "general", "money", "percent", "significant", "size", "trimmed"]

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
_BYTE_UNITS = ((1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"))
# coach's English has always written thousands as "k" (864k/day); CLDR's en says "K".
_EN_COMPACT_SUFFIX = {"K": "k"}


@functools.cache
def _locale(lang: Lang) -> Any:
    from babel import Locale

    return Locale.parse(lang)


def _digits(text: str, lang: Lang, *, grouping: bool = True) -> str:
    """Python's digits ("-8640.50", no grouping) in `lang`'s symbols and grouping, every digit kept."""
    from babel.numbers import format_decimal

    fraction = len(text.partition(".")[2])
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * fraction if fraction else "")
    shown = format_decimal(Decimal(text), format=pattern, locale=_locale(lang), decimal_quantization=False)
    return str(shown).translate(_SPACES)


def decimal(value: float, lang: Lang, digits: int = 0, *, grouping: bool = True) -> str:
    """`value` with exactly `digits` fraction digits: 86400 -> "86.400" (es), "86,400" (en)."""
    if not math.isfinite(value):
        return f"{value}"
    return _digits(f"{value:.{digits}f}", lang, grouping=grouping)


def general(value: float, lang: Lang, digits: int = 6) -> str:
    """Like `f"{value:.{digits}g}"`: 100 -> "100", 2.5 -> "2,5" (es) / "2.5" (en), no trailing zeros.

    English keeps Python's `g` text exactly (no grouping: "1500"); Spanish
    groups as CLDR says ("1.500", "86.400").
    """
    text = f"{value:.{digits}g}"
    if lang == "en" or not math.isfinite(value) or "e" in text:
        return text
    return _digits(text, lang)


def _sig_text(value: float) -> str:
    """Three significant digits in Python's notation, trailing zeros dropped: 8.64, 864, 17.3."""
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:.0f}"
    text = f"{value:.3g}" if abs(value) >= 1 else f"{value:.2g}"
    if "e" in text:
        text = f"{value:.3f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def significant(value: float, lang: Lang, *, grouping: bool = True) -> str:
    """Three significant digits, trailing zeros dropped; 100 and over as a whole number: 8,64 / 864 / 1.200."""
    if not math.isfinite(value):
        return f"{value}"
    return _digits(_sig_text(value), lang, grouping=grouping)


def _trimmed(value: float, fraction_digits: int) -> str:
    text = f"{value:.{fraction_digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def trimmed(value: float, lang: Lang, fraction_digits: int) -> str:
    """At most `fraction_digits` after the decimal mark, trailing zeros dropped: 1.50 -> "1,5" / "1.5"."""
    if not math.isfinite(value):
        return f"{value}"
    return _digits(_trimmed(value, fraction_digits), lang)


def compact(value: float, lang: Lang, fraction_digits: int | None = None) -> str:
    """A count in CLDR's short form: 8640000 -> "8,64 M" (es), "8.64M" (en); 864000 -> "864 mil" / "864k".

    The figure shown has three significant digits, or at most `fraction_digits`
    after the decimal mark when given (trailing zeros dropped either way).
    Below a thousand it is the plain figure.
    """
    if not math.isfinite(value):
        return f"{value}"
    patterns = _compact_patterns(lang)
    magnitude = next((m for m in sorted(patterns, reverse=True) if abs(value) >= m), None)
    if magnitude is None:
        return significant(value, lang) if fraction_digits is None else trimmed(value, lang, fraction_digits)
    pattern = patterns[magnitude]
    zeros = pattern.count("0")
    mantissa = value / (magnitude / 10 ** (zeros - 1))
    text = _sig_text(mantissa) if fraction_digits is None else _trimmed(mantissa, fraction_digits)
    shown = _digits(text, lang, grouping=lang == "en")  # CLDR writes "1200 M", English wrote "1,200B"
    return pattern.replace("0" * zeros, shown, 1)


@functools.cache
def _compact_patterns(lang: Lang) -> dict[int, str]:
    """{10^n: "0 M"} from CLDR's short decimal formats, spaces made plain, coach's English "k"."""
    formats = _locale(lang).compact_decimal_formats["short"]["other"]
    out: dict[int, str] = {}
    for key, pattern in formats.items():
        text = str(pattern.pattern).translate(_SPACES)
        if lang == "en":
            for cldr, ours in _EN_COMPACT_SUFFIX.items():
                text = text.replace(cldr, ours)
        out[int(key)] = text
    return out


def size(size_bytes: float, lang: Lang) -> str:
    """Bytes in decimal units (1 KB = 1000 B), three significant digits: "8,64 GB" / "8.64 GB"."""
    for unit_bytes, unit in _BYTE_UNITS:
        if abs(size_bytes) >= unit_bytes:
            return f"{significant(size_bytes / unit_bytes, lang)} {unit}"
    return f"{significant(size_bytes, lang)} B"


def percent(ratio: float, lang: Lang, digits: int = 0, *, sign: bool = False) -> str:
    """A ratio as a percentage with CLDR's pattern: 0.05 -> "5 %" (es), "5%" (en); `sign` writes "+12 %"."""
    from babel.numbers import format_percent

    if not math.isfinite(ratio):
        return f"{ratio}"
    hundred = f"{ratio * 100:.{digits}f}"  # Python's rounding, as `f"{ratio:.0%}"` had it
    number = Decimal(hundred).copy_abs() / 100
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + ("%" if lang == "en" else "\u00a0%")
    shown = str(format_percent(number, format=pattern, locale=_locale(lang), decimal_quantization=False))
    prefix = "-" if hundred.startswith("-") else ("+" if sign else "")
    return prefix + shown.translate(_SPACES)


def money(value: float, currency: str, lang: Lang, digits: int = 0) -> str:
    """An amount with its ISO code after it: "26.698 USD" (es), "26,698.50 USD" (en, 2 digits)."""
    from babel.numbers import format_currency

    if not math.isfinite(value):
        return f"{value} {currency}"
    amount = Decimal(f"{value:.{digits}f}")
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "\u00a0¤¤"
    shown = format_currency(amount, currency, format=pattern, locale=_locale(lang), currency_digits=False,
                            decimal_quantization=False)
    return str(shown).translate(_SPACES)
