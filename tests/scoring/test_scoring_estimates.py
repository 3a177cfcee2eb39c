"""Estimate arithmetic: right figures are never flagged; wrong ones show stated, expected, formula."""

from __future__ import annotations

import re

import pytest

from coach.scoring.estimates import calculate, check_estimates, parse_size


def _checks(text: str, lang: str = "en") -> dict[str, list[bool]]:
    out: dict[str, list[bool]] = {}
    for finding in check_estimates(text, "en" if lang == "en" else "es"):
        out.setdefault(finding.check, []).append(finding.ok)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "100 req/s × 86,400 = 8.64M requests per day.",
        "100 QPS, so about 8,640,000 per day",
        "Suponemos 100 req/s: 8,64 millones al día.",
        "1 req/s ≈ 86,400 req/día, así que 100 req/s ≈ 8.64M/día.",
        "10 million notifications a day is about 115 req/s.",
        "100 req/s of 1 KB events: 8.64 GB/day.",
        "100 req/s of 1 KB events: 8.85 GB/day (1 KB = 1024 B).",
        "100 req/s, 2KB each, 17.28 GB/día, unos 518 GB al mes.",
        "200 req/s average, peak x5 = 1,000 req/s.",
    ],
)
def test_correct_arithmetic_is_never_flagged(text: str) -> None:
    """Every finding on a right estimate is ok, whatever the format or order."""
    findings = check_estimates(text, "en")
    assert findings, "expected at least one checked figure"
    assert all(f.ok for f in findings), [f.message for f in findings]


def test_daily_volume_ten_times_low_is_flagged_with_the_formula() -> None:
    """864k/day for 100 req/s: stated, expected and formula are in the finding."""
    (finding,) = check_estimates("We expect 100 req/s on average, which gives 864k requests per day.", "en")
    assert finding.check == "est.daily_volume" and not finding.ok
    assert finding.stated == 864_000 and finding.expected == 8_640_000
    assert finding.formula == "100 req/s × 86,400 = 8.64M/day"
    assert finding.message == "100 req/s × 86,400 = 8.64M/day; you wrote 864k (10× low)"


def test_spanish_message() -> None:
    """The message follows the sheet's language."""
    (finding,) = check_estimates("100 req/s, es decir 86.400 peticiones al día.", "es")
    assert finding.message == "100 req/s × 86.400 = 8,64 M/día; escribiste 86,4 mil (100× menos)"


def test_storage_wrong_by_ten_is_flagged() -> None:
    """1 KB × 100 req/s is 8.64 GB/day, not 86 GB."""
    findings = {f.check: f for f in check_estimates("100 req/s, eventos de 1 KB: 86 GB/día.", "es")}
    storage = findings["est.storage"]
    assert not storage.ok
    assert storage.expected == pytest.approx(8.64e9)
    assert "1 KB × 100 req/s × 86.400 = 8,64 GB/día" in storage.message


def test_monthly_is_checked_against_daily() -> None:
    """A monthly figure must be about 30 × the daily one."""
    assert _checks("100 req/s; 8.64M/day; 259M per month") == {
        "est.daily_volume": [True],
        "est.monthly_volume": [True],
    }
    assert _checks("100 req/s; 8.64M/day; 2.6M per month")["est.monthly_volume"] == [False]


def test_peak_rate_is_checked_against_the_factor() -> None:
    """Peak QPS must be average × factor when all three are stated."""
    assert _checks("100 req/s average, peak x5 = 300 req/s")["est.peak_qps"] == [False]


def test_user_counts_per_day_are_not_request_volumes() -> None:
    """'10M daily active users' is not checked as requests per day."""
    assert check_estimates("100 req/s from 10M usuarios activos al día", "es") == ()


def test_calculator_figures_and_formulas() -> None:
    """coach estimate's arithmetic: req/day, peak, storage, retention, shards."""
    calc = calculate(100, 5, 1000, 30, 1000)
    assert calc.figure("requests_per_day").value == 8_640_000
    assert calc.figure("peak_qps").value == 500
    assert calc.figure("bytes_per_day").value == 8.64e9
    assert calc.figure("bytes_retained").value == pytest.approx(259.2e9)
    assert calc.figure("shards").value == 1
    assert calc.figure("requests_per_day").formula == "100 req/s × 86,400 = 8.64M/day"
    assert calculate(100, 25, 1000, 30, 1000).figure("shards").value == 3


@pytest.mark.parametrize(("text", "value"), [("1KB", 1000), ("2 KB", 2000), ("512B", 512), ("1 KiB", 1024), ("800", 800)])
def test_parse_size(text: str, value: float) -> None:
    """--event-size accepts sizes with or without units."""
    assert parse_size(text) == value


@pytest.mark.parametrize("text", ["1XB", "fast", "1 KB 2 KB", "100 req/s"])
def test_parse_size_rejects_non_sizes(text: str) -> None:
    """Anything but one size is refused."""
    assert parse_size(text) is None


def test_users_and_per_head_figures_are_not_checked() -> None:
    """'50 million daily active users' and '40 messages a day each' are not the system's daily volume."""
    text = (
        "50 million daily active users sending 40 messages a day each is 2 billion messages per day, "
        "about 23,000 messages per second on average."
    )
    findings = check_estimates(text, "en")
    assert [f.check for f in findings] == ["est.daily_volume"]
    assert findings[0].ok and findings[0].stated == 2e9


def test_per_user_figure_before_the_total_is_not_checked() -> None:
    """'cada uno recibe 10 notificaciones al día' is per user; the 10 millones total is checked (and right)."""
    text = (
        "Si tenemos un millón de usuarios y cada uno recibe 10 notificaciones al día, "
        "son 10 millones al día, que son unas 115 por segundo."
    )
    findings = check_estimates(text, "es")
    assert [(f.check, f.ok, f.stated) for f in findings] == [("est.daily_volume", True, 1e7)]


def test_a_written_daily_product_that_does_not_add_up_is_flagged_even_without_a_per_day_unit() -> None:
    """'100 × 86,400 = 864,000' is a 10× slip: flagged against the product, with the right formula."""
    from coach.scoring.estimates import check_estimates

    findings = check_estimates("About 100 per second. Per day that is 100 × 86,400 = 864,000 notifications.", "en")
    daily = [f for f in findings if f.check == "est.daily_volume"]
    assert [(f.ok, f.stated, f.expected) for f in daily] == [(False, 864_000, 8_640_000)]


def test_a_daily_volume_multiplied_by_an_hour_is_wrong_though_the_product_adds_up() -> None:
    """'100 × 3.600 = 360.000 al día' multiplies right, by an hour: the daily figure is 24× low."""
    from coach.scoring.estimates import check_estimates

    findings = check_estimates("Unas 100 notificaciones por segundo. Son 100 × 3.600 = 360.000 notificaciones al día.", "es")
    daily = [f for f in findings if f.check == "est.daily_volume"]
    assert [(f.ok, f.stated, f.expected) for f in daily] == [(False, 360_000, 8_640_000)]


def test_spanish_calculation_writes_spanish_numbers() -> None:
    """`coach estimate --lang es`: 86.400, 8,64 M/día and 8,64 GB/día, never 86,400 or 8.64M."""
    calc = calculate(100, 5, 1000, 30, 1000, "es")
    assert calc.figure("requests_per_day").formula == "100 req/s × 86.400 = 8,64 M/día"
    assert calc.figure("bytes_per_day").formula == "1 KB × 100 req/s × 86.400 = 8,64 GB/día"
    assert calc.figure("bytes_per_year").formula == "8,64 GB/día × 365 = 3,15 TB"
    assert calc.figure("shards").formula == "⌈500 req/s ÷ 1.000 req/s por shard⌉ = 1"


def test_spanish_findings_write_spanish_numbers() -> None:
    """A Spanish sheet's arithmetic lines use Spanish numbers, operands and results alike."""
    text = "1.200 req/s de media × 86.400 ≈ 104 millones al día; 2,5 KB por evento: 259 GB al día."
    messages = " ".join(f.message for f in check_estimates(text, "es"))
    assert "1.200 req/s × 86.400 = 104 M/día" in messages
    assert "2,5 KB × 1.200 req/s × 86.400 = 259 GB/día" in messages
    assert not re.search(r"\d,\d{3}\b|\d\.\d{1,2}\b", messages)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "es",
            "Publicaciones: 100/s × 86.400 = 8,64 millones al día. Lecturas: 100.000 cargas/s.\n"
            "Un post ocupa ~1 KB → 8,64 millones × 1 KB = 8,64 TB al día de posts.",
        ),
        (
            "en",
            "Posts: 100/s × 86,400 = 8.64M per day. Reads: 100,000 feed loads/s.\n"
            "A post is ~1 KB → 8.64M × 1 KB = 8.64 TB per day of posts.",
        ),
    ],
)
def test_a_written_product_far_off_its_operands_is_wrong_as_written(lang: str, text: str) -> None:
    """'8.64M × 1 KB = 8.64 TB' is 1000× off: wrong against its operands, though 100k reads/s could explain it."""
    findings = check_estimates(text, "es" if lang == "es" else "en")
    storage = [(f.ok, f.stated, f.expected) for f in findings if f.check == "est.storage"]
    assert storage == [(False, pytest.approx(8.64e12), pytest.approx(8.64e9))]
    assert "1 KB = 8" in next(f.formula for f in findings if f.check == "est.storage")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "es",
            "Si hay 10.000 mensajes por segundo:\n10.000 × 86.400 = 86,4 millones de mensajes al día.\n"
            "86,4 millones × 500 B = 43 GB al día.",
        ),
        (
            "en",
            "If we get 10,000 messages per second:\n10,000 × 86,400 = 86.4 million messages per day.\n"
            "86.4 million × 500 B = 43 GB per day.",
        ),
    ],
)
def test_a_written_daily_slip_makes_the_storage_product_on_it_wrong(lang: str, text: str) -> None:
    """'10,000 × 86,400 = 86.4M' is 10× low as written, so storage on 86.4M is wrong against 864M."""
    findings = check_estimates(text, "es" if lang == "es" else "en")
    assert [(f.check, f.ok, f.expected) for f in findings] == [
        ("est.daily_volume", False, 864e6),
        ("est.storage", False, pytest.approx(432e9)),
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "es",
            "Esperamos 100 req/s de media, o sea 864.000 peticiones al día.\n"
            "Cada notificación ocupa 2 KB: 2 KB × 864.000 ≈ 17 GB al día.",
        ),
        (
            "en",
            "We expect 100 req/s on average, which gives 864k requests per day.\n"
            "Each notification is about 2 KB, so storage is 2 KB × 864k ≈ 17 GB per day.",
        ),
    ],
)
def test_a_written_product_whose_slip_is_a_wrong_daily_operand_is_judged_on_the_figure(lang: str, text: str) -> None:
    """'2 KB × 864k ≈ 17 GB' with 100 req/s: 864k is the slip (flagged), 17 GB is right."""
    findings = check_estimates(text, "es" if lang == "es" else "en")
    assert [(f.check, f.ok) for f in findings] == [("est.daily_volume", False), ("est.storage", True)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Pagos 10/s; ~6 asientos × 200 B ≈ 1 GB/día; webhooks 30/s × 2 KB ≈ 5,2 GB/día."),
        ("en", "Payments 10/s; ~6 entries × 200 B ≈ 1 GB/day; webhooks 30/s × 2 KB ≈ 5.2 GB/day."),
    ],
)
def test_a_written_product_that_leaves_the_day_unwritten_is_not_a_slip(lang: str, text: str) -> None:
    """'30/s × 2 KB ≈ 5.2 GB/day' omits × 86,400: a shorthand, never flagged against its operands."""
    findings = check_estimates(text, "es" if lang == "es" else "en")
    assert all(f.ok for f in findings), [f.message for f in findings]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("100 por segundo por 86.400 son 864 mil al día. No, espera, me he comido un cero: 8,64 millones al día.", "es"),
        ("A hundred a second times 86,400 is 864K a day, scratch that, 8.64 million a day.", "en"),
    ],
)
def test_a_figure_taken_back_is_not_checked(text: str, lang: str) -> None:
    """A spoken self-correction: only the corrected figure is the estimate."""
    findings = check_estimates(text, lang)  # type: ignore[arg-type]
    assert findings and all(f.ok for f in findings if f.check == "est.daily_volume")


def test_a_rate_counted_twice_in_a_storage_product_is_wrong() -> None:
    """'1 KB × 8.64M × 100' multiplies the daily volume by the rate it already holds."""
    text = "100 rps -> 100 x 86,400 = 8.64M/day. Storage: 1 KB x 8.64M x 100 = ~864 GB/day."
    storage = [f for f in check_estimates(text, "en") if f.check == "est.storage"]
    assert [(f.ok, f.expected) for f in storage] == [(False, pytest.approx(8.64e9))]


def test_an_approximate_one_digit_figure_is_rounding_not_a_slip() -> None:
    said = check_estimates("Rows of 200 B at 100/s: ~2 GB/day.", "en")
    exact = check_estimates("Rows of 200 B at 100/s: 2.5 GB/day.", "en")
    assert [f.ok for f in said] == [True] and [f.ok for f in exact] == [False]


def test_indian_english_scales_are_read() -> None:
    from coach.scoring.numbers import extract_quantities

    assert [(q.kind, q.value) for q in extract_quantities("1 lakh/s avg -> 864 crore/day")] == [
        ("rate", 1e5), ("count_per_day", 8.64e9)
    ]


@pytest.mark.parametrize(
    ("text", "lang", "ok"),
    [
        # a spoken product with a pause, in words: 200 B × 500 M = 100 GB, not 10
        ("Each event is two hundred bytes, so two hundred bytes times five hundred million searches a day is, "
         "uh, ten gigabytes a day.", "en", False),
        ("Cada evento pesa unos 200 bytes, por 500 millones al día son, eh, unos 100 GB al día.", "es", True),
        # "por" as the sign, a pause before it, "cada uno" before the result
        ("Son diecisiete millones y pico al día, por trescientos bytes cada uno, unos cinco gigas al día.", "es", True),
        ("Entonces un KB por 100 por segundo por 86,400… eso da como 86 gigas al día.", "es", False),
    ],
)
def test_spoken_storage_products_are_checked_as_said(text: str, lang: str, ok: bool) -> None:
    assert _checks(text, lang).get("est.storage") == [ok]


def test_a_product_said_with_a_pause_for_its_result_is_checked() -> None:
    text = "Cien por segundo. Al día son cien por ochenta y seis mil cuatrocientos... eh... ochocientas sesenta y cuatro mil."
    assert _checks(text, "es").get("est.daily_volume") == [False]


def test_a_figure_taken_back_with_perdon_is_not_the_estimate() -> None:
    text = ("Redirecciones: 100.000 por segundo de media. Por 86.400 da… ocho mil seiscientos cuarenta… no, perdón, "
            "me comí ceros: 8.640 millones de clics por día.")
    assert False not in _checks(text, "es").get("est.daily_volume", [])


@pytest.mark.parametrize(
    ("text", "lang", "check"),
    [
        # the day named after the seconds, then what it comes to
        ("Por día: 100 por 86.400 segundos que tiene el día... eso da 864.000 notificaciones por día.", "es",
         "est.daily_volume"),
        ("100 per second times 86,400 seconds in a day, which comes to 864,000 a day.", "en", "est.daily_volume"),
        # a table whose next cell holds the result
        ("| Creación media | dato | 1.000/s |\n| Creación diaria | 1.000 × 86.400 | 86,4 M enlaces/día |\n"
         "| Almacenamiento | 86,4 M × 500 B | ≈ 4,3 GB/día |", "es", "est.storage"),
    ],
)
def test_a_slip_written_with_its_day_or_in_a_table_is_found(text: str, lang: str, check: str) -> None:
    assert _checks(text, lang).get(check) == [False]


def test_a_table_cell_without_a_sign_is_not_a_result() -> None:
    # the next column is another quantity (a growth factor), not what the product comes to
    text = "| Daily | 1.7B/day × 365 | 1.4 | 620B/year |"
    assert False not in _checks(text, "en").get("est.yearly_volume", [])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the speaker starts the product over: the repeated operand is not its result
        ("Si son 5.800 búsquedas por segundo, por 86.400 segundos del día... 5.800 por 86.400, eso da unos "
         "500 millones de búsquedas por día.", "es"),
        ("Ten thousand messages per second, times 86,400 seconds in a day... ten thousand times eighty-six thousand "
         "four hundred is 864 million. So about 864 million messages a day.", "en"),
    ],
)
def test_an_operand_said_again_to_start_over_is_not_a_result(text: str, lang: str) -> None:
    assert False not in _checks(text, lang).get("est.daily_volume", [])


def test_a_result_said_without_its_million_is_no_slip() -> None:
    text = "Cien por segundo por ochenta y seis mil cuatrocientos segundos del día... son ocho coma seis millones."
    assert False not in _checks("Cien por segundo por 86.400 segundos del día... son 8,64.", "es").get("est.daily_volume", [])
    assert _checks(text, "es").get("est.daily_volume") != [False]


def test_a_product_inside_a_sum_is_not_read_against_the_next_figure() -> None:
    text = ("| Al día | 100 × 86.400 | 8,64 M notificaciones/día |\n"
            "| Almacenamiento/día | 1 KB × 100 × 86.400 + 300 B × 122 × 86.400 | ~8,6 GB + ~3,2 GB ≈ 11,8 GB/día |")
    # 8,6 GB is the first term's result, not the second's (300 B × 122/s × 86.400 = 3,2 GB)
    assert all(f.stated != 8.6e9 for f in check_estimates(text, "es"))
