"""The locale-aware number formatter: each kind, in Spanish and in English."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

from coach.formatting import compact, decimal, general, money, percent, significant, size, trimmed

TABLE: list[tuple[str, Callable[[], str], str, Callable[[], str], str]] = [
    # kind, es call, es text, en call, en text
    ("integer", lambda: decimal(86_400, "es"), "86.400", lambda: decimal(86_400, "en"), "86,400"),
    ("decimal", lambda: decimal(8.64, "es", 2), "8,64", lambda: decimal(8.64, "en", 2), "8.64"),
    ("negative", lambda: decimal(-1234.5, "es", 1), "-1.234,5", lambda: decimal(-1234.5, "en", 1), "-1,234.5"),
    ("general", lambda: general(2.5, "es"), "2,5", lambda: general(2.5, "en"), "2.5"),
    ("general grouped", lambda: general(86_400, "es"), "86.400", lambda: general(86_400, "en"), "86400"),
    ("significant", lambda: significant(8.6449, "es"), "8,64", lambda: significant(8.6449, "en"), "8.64"),
    ("trimmed", lambda: trimmed(1.50, "es", 2), "1,5", lambda: trimmed(1.50, "en", 2), "1.5"),
    ("compact millions", lambda: compact(8_640_000, "es"), "8,64 M", lambda: compact(8_640_000, "en"), "8.64M"),
    ("compact thousands", lambda: compact(864_000, "es"), "864 mil", lambda: compact(864_000, "en"), "864k"),
    ("compact billions", lambda: compact(1.2e9, "es"), "1200 M", lambda: compact(1.2e9, "en"), "1.2B"),
    ("compact small", lambda: compact(999, "es"), "999", lambda: compact(999, "en"), "999"),
    ("compact digits", lambda: compact(12_960_000, "es", 2), "12,96 M",
     lambda: compact(12_960_000, "en", 2), "12.96M"),
    ("bytes", lambda: size(8.64e9, "es"), "8,64 GB", lambda: size(8.64e9, "en"), "8.64 GB"),
    ("bytes are decimal", lambda: size(1000, "es"), "1 KB", lambda: size(1000, "en"), "1 KB"),
    ("bytes small", lambda: size(512, "es"), "512 B", lambda: size(512, "en"), "512 B"),
    ("percent", lambda: percent(0.05, "es"), "5 %", lambda: percent(0.05, "en"), "5%"),
    ("percent digits", lambda: percent(0.986, "es", 1), "98,6 %", lambda: percent(0.986, "en", 1), "98.6%"),
    ("percent sign", lambda: percent(0.123, "es", sign=True), "+12 %",
     lambda: percent(0.123, "en", sign=True), "+12%"),
    ("money", lambda: money(26_698, "USD", "es"), "26.698 USD", lambda: money(26_698, "USD", "en"), "26,698 USD"),
    ("money cents", lambda: money(1234.567, "USD", "es", 2), "1.234,57 USD",
     lambda: money(1234.567, "USD", "en", 2), "1,234.57 USD"),
]


@pytest.mark.parametrize(("kind", "es_call", "es_text", "en_call", "en_text"), TABLE, ids=[row[0] for row in TABLE])
def test_formatter_table(
    kind: str, es_call: Callable[[], str], es_text: str, en_call: Callable[[], str], en_text: str
) -> None:
    """Each kind writes Spanish and English numbers the CLDR way (plain spaces, coach's English "k")."""
    assert (es_call(), en_call()) == (es_text, en_text)


@pytest.mark.parametrize("value", [0.0, 0.5, 2.675, 8.64, 99.95, 1234.5, 86_400.0, 2_500_000.49, -3.25])
@pytest.mark.parametrize("digits", [0, 1, 2])
def test_english_digits_are_pythons(value: float, digits: int) -> None:
    """English output is what `f"{x:,.Nf}"` and `f"{x:.N%}"` wrote before the formatter."""
    assert decimal(value, "en", digits) == f"{value:,.{digits}f}"
    ratio = value / 1_000_000  # percentages below 1000 %, where CLDR's grouping has nothing to group
    assert percent(ratio, "en", digits) == f"{ratio:.{digits}%}"


@pytest.mark.parametrize("value", [2.675, 1234.5, 86_400.0, 8.64e6])
def test_spanish_and_english_show_the_same_digits(value: float) -> None:
    """Only the symbols differ: swapping them in the Spanish text gives the English one."""
    spanish = decimal(value, "es", 2).translate(str.maketrans(",.", ".,"))
    assert spanish == decimal(value, "en", 2)


def test_coach_help_does_not_import_babel() -> None:
    """`coach --help` stays fast: Babel is imported on first use, not at start-up."""
    code = "import sys; from coach.cli import app; import coach.formatting; print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
