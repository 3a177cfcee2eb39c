"""Arithmetic on texts the scorer's authors never saw: written products, peaks, es/en formats.

The issue's hard rule: correct arithmetic is never flagged. A product the
candidate writes out is checked as written; the average rate (never a peak or
the capacity sized for) is the basis of every other check.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.scoring.estimates import check_estimates
from coach.scoring.numbers import extract_quantities


def _findings(text: str, lang: str = "en") -> dict[str, list[bool]]:
    out: dict[str, list[bool]] = {}
    for finding in check_estimates(text, "en" if lang == "en" else "es"):
        out.setdefault(finding.check, []).append(finding.ok)
    return out


def test_the_peak_and_the_sized_capacity_are_not_the_average_en() -> None:
    """1,200/s on average gives 104M/day, even with 6,000/s peaks and 12,000/s sized for."""
    text = (
        "on average we accept about 1,200 notification requests per second. Multiplying by 86,400 "
        "seconds gives roughly 104 million notifications per day. Peaks are around five times the "
        "average, so 6,000 per second; I'd size ingest for 12,000 per second. A record is about 1.5 KB, "
        "so we add about 155 GB per day."
    )
    findings = check_estimates(text, "en")
    assert {f.check for f in findings} == {"est.daily_volume", "est.storage"}
    assert all(f.ok for f in findings), [f.message for f in findings]


def test_the_peak_is_not_the_average_es() -> None:
    """Un pico (ráfaga) de 12.000/s no es la base: 1.200 req/s de media dan 104 M/día."""
    text = (
        "Tenemos unas 1.200 peticiones por segundo de media, unos 104 millones al día. "
        "En una ráfaga llegamos a 12.000 por segundo. Eventos de 1,5 KB: unos 155 GB al día."
    )
    assert _findings(text, "es") == {"est.daily_volume": [True], "est.storage": [True]}


def test_a_wrong_daily_volume_is_compared_with_the_average_not_the_peak() -> None:
    """10.4M/day with 1,200/s average and a 12,000/s peak: 10× low against the average."""
    text = "1,200 req/s on average, peak 12,000 req/s. That is 10.4M requests per day."
    (finding,) = check_estimates(text, "en")
    assert not finding.ok and finding.expected == pytest.approx(1200 * 86_400)


@pytest.mark.parametrize(
    ("text", "lang", "check"),
    [
        ("1,200 × 86,400 ≈ 104M notifications per day", "en", "est.daily_volume"),
        ("Volumen diario: 500 × 86.400 = 43,2M notificaciones/día.", "es", "est.daily_volume"),
        ("unas 300 req/s de media -> 300*86400 = ~26M al dia", "es", "est.daily_volume"),
        ("1.5 KB × 1,200 × 86,400 is about 155 GB per day", "en", "est.storage"),
        ("1,5 KB × 30 M ≈ 45 GB/día", "es", "est.storage"),
        ("1KB x 17,28 millions = 17 GB per day", "en", "est.storage"),
        ("1KB x 172,8 millions = 173 GB per day", "en", "est.storage"),
        ("2 KB × 1.000 × 86.400 ≈ 172,8 GB/día", "es", "est.storage"),
        ("2kb*300*86400 = ~52 GB/dia de almacenamiento", "es", "est.storage"),
        ("50 million users × 4 notifications/day = 200M/day", "en", "est.daily_volume"),
        ("~350 writes/sec average; 350*86.4k ≈ 30M writes per day", "en", "est.daily_volume"),
        ("100 req/s × 86 400 = 8 640 000 peticiones al día", "es", "est.daily_volume"),
    ],
)
def test_a_right_written_product_is_checked_as_written(text: str, lang: str, check: str) -> None:
    """The product the candidate wrote explains the result: one ok finding, no operand read as a result."""
    findings = check_estimates(text, "en" if lang == "en" else "es")
    assert [(f.check, f.ok) for f in findings] == [(check, True)], [f.message for f in findings]


def test_a_stated_active_window_explains_the_daily_volume() -> None:
    """'100 req/s, but only during 12 hours: 4.3M/day' is right on the candidate's own assumption."""
    (finding,) = check_estimates("100 req/s, but only during 12 hours: 4.3M requests per day.", "en")
    assert finding.ok and "43,200" in finding.formula


def test_each_in_the_next_sentence_is_not_per_head() -> None:
    """'26M requests per day. Each event is 2 KB': the 26M is the total (checked, right); the wrong
    storage is flagged on its own."""
    text = "Average 300 req/s, so about 26M requests per day. Each event is 2 KB: 2 KB × 26M ≈ 5.2 GB per day."
    assert _findings(text) == {"est.daily_volume": [True], "est.storage": [False]}


def test_hours_a_day_are_not_a_daily_volume() -> None:
    """'12 hours a day' / '8 horas al día' are time, not requests: never checked as a volume."""
    assert check_estimates("100 req/s, concentrated in 12 hours a day.", "en") == ()
    assert check_estimates("100 req/s, concentradas en 8 horas al día.", "es") == ()


def test_a_per_head_figure_is_not_the_daily_volume() -> None:
    """'10 notifs each per day' is per user; the 10M/day total is what gets checked (and is right)."""
    findings = check_estimates("1M DAU, 10 notifs each per day = 10M/day ≈ 116 rps avg", "en")
    assert [(f.check, f.ok, f.stated) for f in findings] == [("est.daily_volume", True, 10e6)]


def test_the_left_operand_is_never_the_stated_result() -> None:
    """'200 × 86.400 ≈ 1,7 M': the finding is about 1.7M (10× low), never about 200."""
    (finding,) = check_estimates("2. Volumen diario: 200 × 86.400 ≈ 1,7 M notificaciones/día.", "es")
    assert finding.check == "est.daily_volume" and not finding.ok
    assert finding.stated == pytest.approx(1.7e6)
    assert finding.expected == pytest.approx(17.28e6)
    assert "escribiste 1,7 M (10× menos)" in finding.message


def test_storage_that_follows_from_a_wrong_daily_volume_is_wrong_and_says_why() -> None:
    """3.4 GB = 2 KB × the wrong 1.7M/day: not ok, and the message names the daily-volume error."""
    text = (
        "QPS medio: 200 req/s. Volumen diario: 200 × 86.400 ≈ 1,7 M notificaciones/día. "
        "Tamaño por evento: 2 KB. Almacenamiento: 2 KB × 200 × 86.400 ≈ 3,4 GB/día."
    )
    findings = {f.check: f for f in check_estimates(text, "es")}
    storage = findings["est.storage"]
    assert not storage.ok
    assert storage.expected == pytest.approx(34.56e9)
    assert "34,6 GB" in storage.formula
    assert "volumen diario" in storage.message
    assert not findings["est.daily_volume"].ok


def test_storage_following_a_wrong_daily_volume_in_english() -> None:
    """Same rule in English, with no written product."""
    text = "100 req/s on average, so 864k requests per day. Events of 1 KB: 864 MB per day."
    findings = {f.check: f for f in check_estimates(text, "en")}
    assert not findings["est.storage"].ok
    assert "daily volume" in findings["est.storage"].message


def test_a_right_message_never_shows_another_figure_as_matching() -> None:
    """An ok finding's formula and stated figure agree within the tolerance; a wrong one never says right."""
    text = "200 req/s. 2 KB × 200 × 86.400 ≈ 3,4 GB/día. 200 × 86.400 = 17,3 M/día."
    for finding in check_estimates(text, "es"):
        if finding.ok:
            assert abs(finding.stated - finding.expected) <= 0.1 * finding.expected, finding.message
        else:
            assert "correcto" not in finding.message


def test_a_slip_in_the_written_product_is_not_flagged_when_the_figure_is_right() -> None:
    """'2 KB × 864k ≈ 17 GB' is a slip, but 17 GB/day is right for 2 KB at 100 req/s."""
    text = "100 req/s on average. Each event is 2 KB, so 2 KB × 864k ≈ 17 GB per day."
    assert _findings(text)["est.storage"] == [True]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("172,8 millions", 172.8e6),
        ("1,7 M", 1.7e6),
        ("8,64 millones", 8.64e6),
        ("43,2M", 43.2e6),
        ("1,5 KB", 1500),
        ("1.7 million", 1.7e6),
        ("8 640 000", 8.64e6),
        ("86 400", 86_400),
    ],
)
def test_decimal_commas_before_a_scale_are_decimals(text: str, value: float) -> None:
    """A comma before M/millones/millions with one or two digits after it is the decimal mark."""
    (quantity,) = extract_quantities(text)
    assert quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("about 1,200 notification requests per second", "rate", 1200),
        ("400 requests arrive each second", "rate", 400),
        ("1,200 a second", "rate", 1200),
        ("35 GB of data every day", "bytes_per_day", 35e9),
        ("104M new links per day", "count_per_day", 104e6),
    ],
)
def test_plain_language_units(text: str, kind: str, value: float) -> None:
    """Two words between a figure and its period, 'a second', 'of data every day'."""
    (quantity,) = extract_quantities(text)
    assert (quantity.kind, quantity.value) == (kind, pytest.approx(value))


def _sig3(value: float) -> float:
    """Round to three significant digits (what a candidate writes)."""
    return float(f"{value:.3g}")


def _count_text(value: float, style: int, lang: str) -> str:
    """A daily volume as a candidate writes it: 104M, 104 millones, 1,04 M, 104 million, 864k, 104,000,000."""
    if style == 4:
        text = f"{round(value):,}"
        return text if lang == "en" else text.replace(",", ".")
    if value < 1e6:
        return f"{_sig3(value / 1e3):g}k" if style != 1 else f"{_sig3(value / 1e3):g} mil"
    mantissa = f"{_sig3(value / 1e6):g}"
    if lang == "es" or style == 2:
        mantissa = mantissa.replace(".", ",")
    return [f"{mantissa}M", f"{mantissa} millones", f"{mantissa} M", f"{mantissa} million"][style]


def _bytes_text(value: float, style: int) -> str:
    """A byte figure with a decimal point (styles 1, 2: a Spanish decimal comma)."""
    size, unit = next(
        ((size, unit) for size, unit in ((1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"), (1, "B"))
         if value >= size)
    )
    mantissa = f"{_sig3(value / size):g}"
    if style in (1, 2):
        mantissa = mantissa.replace(".", ",")
    return f"{mantissa} {unit}"


@settings(max_examples=150, deadline=None)
@given(
    qps=st.integers(min_value=1, max_value=200_000),
    size=st.sampled_from([200, 500, 512, 1000, 1500, 2000, 4000, 10_000]),
    peak=st.integers(min_value=2, max_value=20),
    style=st.integers(min_value=0, max_value=4),
    written=st.booleans(),
    lang=st.sampled_from(["es", "en"]),
)
def test_right_daily_volume_and_storage_are_never_flagged(
    qps: int, size: int, peak: int, style: int, written: bool, lang: str
) -> None:
    """For any rate, size and peak, a sheet stating the right daily volume and storage passes every check."""
    daily = qps * 86_400
    stored = daily * size
    qps_text = f"{qps:,}" if lang == "en" else f"{qps:,}".replace(",", ".")
    peak_text = f"{qps * peak:,}" if lang == "en" else f"{qps * peak:,}".replace(",", ".")
    size_text = _bytes_text(size, style)
    daily_text = _count_text(daily, style, lang)
    stored_text = _bytes_text(stored, style)
    if lang == "en":
        text = (
            f"On average {qps_text} requests per second. "
            + (f"{qps_text} × 86,400 ≈ " if written else "That gives about ")
            + f"{daily_text} requests per day. Peak is {peak}x, so {peak_text} req/s at peak. "
            f"Each event is {size_text}, so "
            + (f"{size_text} × {qps_text} × 86,400 ≈ " if written else "we store ")
            + f"{stored_text} per day."
        )
    else:
        text = (
            f"De media, {qps_text} peticiones por segundo. "
            + (f"{qps_text} × 86.400 ≈ " if written else "Eso da unos ")
            + f"{daily_text} notificaciones al día. Pico x{peak}: {peak_text} req/s. "
            f"Cada evento ocupa {size_text}: "
            + (f"{size_text} × {qps_text} × 86.400 ≈ " if written else "guardamos ")
            + f"{stored_text} al día."
        )
    findings = check_estimates(text, "en" if lang == "en" else "es")
    assert {"est.daily_volume", "est.storage"} <= {f.check for f in findings}, (text, findings)
    assert all(f.ok for f in findings), (text, [f.message for f in findings if not f.ok])


def test_a_storage_product_on_a_wrong_daily_volume_is_wrong_too() -> None:
    """'864,000 × 1 KB = 864 MB' multiplies right, by a daily volume 10× low: storage is flagged, and says why."""
    text = (
        "We have about 100 requests per second. Per day that is 100 × 86,400 = 864,000 notifications.\n\n"
        "Each notification is about 1 KB, so storage is 864,000 × 1 KB = 864 MB per day."
    )
    findings = {f.check: f for f in check_estimates(text, "en")}
    storage = findings["est.storage"]
    assert not storage.ok and storage.expected == pytest.approx(8.64e9)
    assert "daily volume" in storage.message


@pytest.mark.parametrize(
    ("text", "lang", "ok"),
    [
        ("- 500M searches/day\n- 500M / 86,400 ≈ 5,800 QPS avg", "en", True),
        ("- 500M searches/day\n- 500M / 86,400 ≈ 580 QPS avg", "en", False),  # a zero dropped
        ("8,64 millones al día ÷ 86.400 s = 100 req/s", "es", True),
        ("10 millones al día entre 86.400 son unas 115 por segundo", "es", True),
        ("10 millones al día dividido por 86.400 da 1.157 por segundo", "es", False),
    ],
)
def test_a_day_divided_by_its_seconds_is_checked_as_written(text: str, lang: str, ok: bool) -> None:
    assert _findings(text, lang).get("est.qps") == [ok]


@pytest.mark.parametrize(
    "text",
    [
        "Reads: a billion feed loads a day, which is 10^9 / 86,400 ≈ 11,600 loads/s on average.",
        "QPS medio: 10.000 msg/s (≈ 43 mensajes por usuario activo y día × 20 M / 86.400 ≈ 10.000, cuadra).",
    ],
)
def test_a_day_the_figures_do_not_show_whole_is_not_divided(text: str) -> None:
    assert "est.qps" not in _findings(text, "es" if "mensajes" in text else "en")


def test_a_wrong_written_average_takes_the_daily_figure_it_came_from_as_input() -> None:
    findings = check_estimates("100M DAU × 5 searches = 500M searches/day. 500M / 86,400 ≈ 580 QPS", "en")
    wrong = [f for f in findings if not f.ok]
    assert [f.check for f in wrong] == ["est.qps"]
    assert round(wrong[0].expected) == 5787 and "10×" in wrong[0].message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8 millones 640 mil notificaciones por día", 8_640_000),
        ("8 million 640 thousand a day", 8_640_000),
        ("1 millón y 200 mil al día", 1_200_000),
    ],
)
def test_millions_and_thousands_in_digits_are_one_figure(text: str, value: float) -> None:
    assert [q.value for q in extract_quantities(text)] == [value]


def test_a_daily_volume_said_in_millions_and_thousands_is_right() -> None:
    text = "Cien por segundo de media. Por día es por 86.400, o sea... 8 millones 640 mil notificaciones por día."
    assert _findings(text, "es").get("est.daily_volume") == [True]


def test_a_flow_times_a_ratio_the_candidate_states_is_right() -> None:
    text = (
        "100 per second average, times 86,400, that's 8.64 million a day. Storage: 1 KB times 100 times 86,400 "
        "is 8.64 GB a day. And the delivery rows: about 1.2 channels per notification on average, maybe 300 "
        "bytes each, so another 3 GB a day."
    )
    assert all(f.ok for f in check_estimates(text, "en")), [f.message for f in check_estimates(text, "en")]
    slip = text.replace("another 3 GB", "another 30 GB")
    assert [f.ok for f in check_estimates(slip, "en") if f.check == "est.storage"].count(False) == 1
