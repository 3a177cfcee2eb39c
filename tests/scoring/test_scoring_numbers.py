"""Figures with units and separators, in Spanish and English."""

from __future__ import annotations

import pytest

from coach.scoring.numbers import extract_quantities, parse_number, spell_digits


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("100 req/s", "rate", 100),
        ("100 QPS", "rate", 100),
        ("100 RPS", "rate", 100),
        ("100 peticiones por segundo", "rate", 100),
        ("QPS medio: 100", "rate", 100),
        ("8.64M/day", "count_per_day", 8.64e6),
        ("8,64 millones al día", "count_per_day", 8.64e6),
        ("8,64 millones de notificaciones al día", "count_per_day", 8.64e6),
        ("864k requests per day", "count_per_day", 864e3),
        ("10 million notifications a day", "count_per_day", 1e7),
        ("8,640,000", "count", 8.64e6),
        ("8.640.000", "count", 8.64e6),
        ("1 KB", "bytes", 1000),
        ("2KB", "bytes", 2000),
        ("1,5 KB", "bytes", 1500),
        ("17 GB/día", "bytes_per_day", 17e9),
        ("17.3 GB por día", "bytes_per_day", 17.3e9),
        ("0.5 TB/month", "bytes_per_month", 0.5e12),
        ("3 TB al año", "bytes_per_year", 3e12),
        ("x5", "factor", 5),
        ("5x peak", "factor", 5),
        ("pico ×5", "factor", 5),
        ("5 veces", "factor", 5),
        ("99.9%", "percent", 99.9),
        ("99.999 %", "percent", 99.999),
        ("200 ms", "duration", 0.2),
        ("30 días", "duration", 30 * 86400),
        # powers of ten as an engineer writes them
        ("8,64·10⁶ al día", "count_per_day", 8.64e6),
        ("8.64 × 10^6 per day", "count_per_day", 8.64e6),
        ("8.64e6/day", "count_per_day", 8.64e6),
    ],
)
def test_each_format_is_read(text: str, kind: str, value: float) -> None:
    """Every listed format gives one quantity of the right kind and base-unit value."""
    quantities = extract_quantities(text)
    assert len(quantities) == 1, quantities
    assert quantities[0].kind == kind
    assert quantities[0].value == pytest.approx(value)


@pytest.mark.parametrize(
    ("raw", "value"),
    [("8,640", 8640), ("1.500", 1500), ("8,64", 8.64), ("0.500", 0.5), ("1,234.5", 1234.5), ("1.234,5", 1234.5)],
)
def test_three_digits_after_one_separator_are_a_thousands_group(raw: str, value: float) -> None:
    """'8,640' is 8640 but '8,64' is 8.64; mixed separators: the last one is decimal."""
    assert parse_number(raw) == pytest.approx(value)


def test_multiplication_is_not_a_peak_factor() -> None:
    """'100 × 86,400' is arithmetic, not a 86,400x factor."""
    kinds = [q.kind for q in extract_quantities("100 × 86,400 = 8.64M")]
    assert "factor" not in kinds


def test_spans_and_raw_text_locate_the_figure() -> None:
    """Each quantity carries its raw text and span."""
    text = "Esperamos 100 req/s de media."
    (quantity,) = extract_quantities(text)
    assert text[quantity.span[0] : quantity.span[1]] == quantity.raw == "100 req/s"


def test_kilobytes_are_marked_as_possibly_binary() -> None:
    """'1 KB' may mean 1000 or 1024 bytes; 'KiB' is binary only."""
    assert extract_quantities("1 KB")[0].binary
    kib = extract_quantities("1 KiB")[0]
    assert kib.value == 1024 and not kib.binary


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("100 req/s", "rate"),
        ("8,64 millones al día", "daily_requests"),
        ("259M per month", "monthly_requests"),
        ("1 KB", "event_bytes"),
        ("17 GB/día", "stored_bytes"),
        ("about 3 TB", "stored_bytes"),
        ("99.9 %", "nines"),
        ("99,95 por ciento", "nines"),
        ("x5", "factor"),
    ],
)
def test_quantity_tags(text: str, tag: str) -> None:
    """Each figure proves what a matching rule can ask for."""
    from coach.scoring.numbers import quantity_tags

    (quantity,) = extract_quantities(text)
    assert tag in quantity_tags(quantity)


@pytest.mark.parametrize("text", ["10M usuarios activos al día", "99% of requests", "200 ms"])
def test_figures_that_prove_nothing_here(text: str) -> None:
    """Users per day are not requests; '99%' is not a number of nines; a duration is not a volume."""
    from coach.scoring.numbers import quantity_tags

    assert not any(quantity_tags(q) & {"daily_requests", "nines", "rate"} for q in extract_quantities(text))


def test_a_bare_b_before_a_counted_noun_is_billions_not_bytes() -> None:
    """'7.8 B messages/day' (a chat design doc) is 7.8e9 messages a day; '300 B' alone stays bytes."""
    from coach.scoring import extract_quantities

    (daily,) = [q for q in extract_quantities("90,000 × 86,400 ≈ 7.8 B messages/day") if q.kind == "count_per_day"]
    assert daily.value == 7.8e9
    assert [(q.value, q.kind) for q in extract_quantities("events of 300 B each")] == [(300.0, "bytes")]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("unos ochenta y seis millones de mensajes al día", "count_per_day", 86e6),
        ("son ocho millones seiscientos cuarenta mil al día", "count_per_day", 8.64e6),
        ("sixty thousand deliveries per second", "rate", 60_000),
        ("eight point six four million a day", "count_per_day", 8.64e6),
        ("two hundred and fifty GB a day", "bytes_per_day", 250e9),
        ("uno coma cinco dispositivos", "count", 1.5),
        ("tres mil quinientos eventos", "count", 3500),
    ],
)
def test_figures_said_in_words_are_read(text: str, kind: str, value: float) -> None:
    """A spoken transcript writes its figures in words; they are figures all the same."""
    quantities = extract_quantities(text)
    assert [(q.kind, q.value) for q in quantities] == [(kind, pytest.approx(value))]


@pytest.mark.parametrize("text", ["Once we have a queue and one worker, a cache", "Un worker por canal y una cola"])
def test_articles_and_once_are_not_figures(text: str) -> None:
    assert extract_quantities(text) == []


def test_spelled_figures_keep_every_position() -> None:
    text = "ochenta y seis millones al día, y 5 KB"
    assert len(spell_digits(text)) == len(text) and spell_digits(text).endswith(", y 5 KB")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.728 billion requests a day", 1.728e9),  # an English decimal before an English scale word
        ("1.728 B requests a day", 1.728e9),
        ("1.728 millones de peticiones al día", 1.728e9),  # a Spanish thousands group: 1728 million
        ("1.500 mensajes", 1500),  # no scale word: the group stands
    ],
)
def test_a_dot_before_three_digits_reads_by_the_language_of_its_scale_word(text: str, value: float) -> None:
    (quantity,) = extract_quantities(text)
    assert quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("ten gigabytes a day", "bytes_per_day", 1e10),
        ("10 gigs a day", "bytes_per_day", 1e10),
        ("300 gigs", "bytes", 3e11),
        ("diez gigas al día", "bytes_per_day", 1e10),
        ("dos teras al año", "bytes_per_year", 2e12),
        ("ocho kilos por usuario", "bytes", 8000),
        ("2 kilobytes", "bytes", 2000),
        ("4 megs", "bytes", 4e6),
        ("un KB", "bytes", 1000),
        ("a gig of RAM", "bytes", 1e9),
        ("mil setecientos millones al día", "count_per_day", 1.7e9),
        ("unos mil doscientos", "count", 1200),
    ],
)
def test_byte_units_said_aloud_and_a_leading_mil_are_read(text: str, kind: str, value: float) -> None:
    (quantity,) = extract_quantities(text)
    assert (quantity.kind, quantity.value) == (kind, pytest.approx(value))


@pytest.mark.parametrize("text", ["3 mb", "5 b", "I had a good day", "mil millones de gracias"])
def test_lower_case_abbreviations_and_plain_articles_stay_no_bytes(text: str) -> None:
    assert not any(q.kind.startswith("bytes") for q in extract_quantities(text))
