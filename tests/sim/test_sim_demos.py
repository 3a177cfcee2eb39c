"""The nine step demos: what each must show, both languages, and a golden copy of their data."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from coach.content import Bundle
from coach.errors import CoachError
from coach.sim.demos import DEMO_STEPS, Demo, run_demo

GOLDEN = Path(__file__).parent / "golden" / "demos.en.json"


def _figures(demo: Demo) -> dict[str, float]:
    return {figure.key: figure.value for figure in demo.figures}


@pytest.fixture(scope="module")
def demos_en(bundle: Bundle) -> dict[str, Demo]:
    return {step: run_demo(bundle, step, "en") for step in DEMO_STEPS}


def test_there_is_one_demo_per_framework_step(bundle: Bundle) -> None:
    """The nine numbered steps, in framework order."""
    assert tuple(step.id for step in bundle.framework.steps if step.number) == DEMO_STEPS


@pytest.mark.parametrize("step", DEMO_STEPS)
def test_spanish_demo_has_the_same_figures_and_spanish_text(bundle: Bundle, demos_en: dict[str, Demo], step: str) -> None:
    """Same run, same numbers, text in Spanish (accents present, not the English text)."""
    spanish = run_demo(bundle, step, "es")
    assert _figures(spanish) == _figures(demos_en[step])
    assert spanish.explanation != demos_en[step].explanation
    assert re.search(r"[áéíóúñ¿]", spanish.explanation + spanish.title)


def test_estimates_use_the_rule_of_thumb(demos_en: dict[str, Demo], bundle: Bundle) -> None:
    """Daily volume = QPS × 86,400 and bytes = size × QPS × 86,400, and the run agrees within 5 %."""
    defaults = bundle.scenario.simulation
    assert defaults is not None
    figures = _figures(demos_en["estimates"])
    assert figures["per_day"] == defaults.qps * 86_400
    assert figures["gb_per_day"] == round(defaults.event_size_bytes * defaults.qps * 86_400 / 1e9, 3)
    assert abs(figures["measured_qps"] / defaults.qps - 1) < 0.05


def test_api_replay_sends_nothing_twice(demos_en: dict[str, Demo]) -> None:
    """One notification, one delivery per channel, one conflict."""
    figures = _figures(demos_en["api"])
    assert figures["accepted"] == 1 and figures["deliveries"] == figures["channels"]
    assert figures["conflicts"] == 1
    assert [row[1] for row in demos_en["api"].table[1:]] == ["202", "202", "409", "422", "200"]


def test_architecture_async_accepts_faster_than_sync(demos_en: dict[str, Demo]) -> None:
    """A slow provider makes the sync API slow; the async one answers in milliseconds."""
    figures = _figures(demos_en["architecture"])
    assert figures["sync_p99_ms"] > 20 * figures["async_accept_ms"]


def test_consistency_order_and_duplicates(demos_en: dict[str, Demo]) -> None:
    """userId partitioning keeps order, round-robin breaks it; dedupe removes duplicates."""
    figures = _figures(demos_en["consistency"])
    assert figures["keyed_out_of_order"] == 0 and figures["spread_out_of_order"] > 0
    assert figures["duplicates_dedupe"] == 0 and figures["duplicates_no_dedupe"] > 0


def test_failures_jitter_spreads_retries_and_does_not_claim_fewer_calls(demos_en: dict[str, Demo]) -> None:
    """Without jitter retries come in synchronized bursts; jitter lowers the peak per second
    but makes at least as many calls, and the demo says so."""
    demo = demos_en["failures"]
    figures = _figures(demo)
    assert figures["lockstep_peak_retries_per_s"] > 2 * figures["jitter_peak_retries_per_s"]
    assert figures["jitter_calls"] >= figures["lockstep_calls"]
    assert "saves no calls" in demo.explanation and "fewer calls" not in demo.explanation


def test_failures_count_fills_the_dlq_and_a_budget_does_not(demos_en: dict[str, Demo]) -> None:
    """A retry count is spent in seconds of a minutes-long outage; a time budget keeps messages out of the DLQ."""
    figures = _figures(demos_en["failures"])
    assert figures["storm_dlq"] > 0.5 * figures["burst"]
    rows = {row[0]: row for row in demos_en["failures"].table[1:]}
    assert rows["exponential backoff + full jitter, time budget"][5] == "0"


def test_failures_breaker_fails_over_to_the_secondary(demos_en: dict[str, Demo]) -> None:
    """The error-rate breaker stops calling the dead provider; the secondary delivers within seconds."""
    figures = _figures(demos_en["failures"])
    assert figures["failover_calls"] > 0 and figures["breaker_transitions"] >= 2
    assert figures["failover_dead_calls"] < figures["lockstep_calls"] / 10
    assert figures["failover_p99_ms"] < 10_000


def test_failures_long_outage_expires_stale_codes(demos_en: dict[str, Demo]) -> None:
    """With no secondary, high-priority messages past their expiry are dropped as expired."""
    assert _figures(demos_en["failures"])["long_outage_expired"] > 0


def test_scaling_names_per_channel_rates_and_the_morning_release(demos_en: dict[str, Demo], bundle: Bundle) -> None:
    """Push 400/s × 3 devices, email 200/s, SMS 10/s at peak; 80/s × 36,000 s held, 96 min at 500/s;
    a paced release keeps p99 low where releasing all at once does not."""
    figures = _figures(demos_en["scaling"])
    assert (figures["push_peak_per_s"], figures["email_peak_per_s"], figures["sms_peak_per_s"]) == (1200, 200, 10)
    assert figures["quiet_held"] == 2_880_000 and figures["quiet_release_min"] == 96
    assert figures["quiet_quarter_min"] == 24
    assert figures["quiet_unpaced_p99_ms"] > 10 * figures["quiet_paced_p99_ms"]


def test_estimates_say_8_64_gb_a_day(demos_en: dict[str, Demo]) -> None:
    """1 KB = 1000 B: 1,000 B × 100 req/s × 86,400 = 8.64 GB a day."""
    assert _figures(demos_en["estimates"])["gb_per_day"] == 8.64
    assert "8.64 GB/day" in demos_en["estimates"].explanation


def test_security_costs_agree_with_the_simulation(demos_en: dict[str, Demo], bundle: Bundle) -> None:
    """The demo's monthly figure is the one `coach sim` prices for the same design; SMS dominates, then email."""
    from coach.sim.config import SimConfig
    from coach.sim.cost import estimate_costs

    assert bundle.scenario.simulation is not None and bundle.scenario.costs is not None
    cost = estimate_costs(bundle.scenario.costs, "en", SimConfig.from_defaults(bundle.scenario.simulation))
    figures = _figures(demos_en["security"])
    assert figures["monthly"] == round(cost.total, 2)
    assert [line.id for line in cost.ranked()[:2]] == ["sms.segments", "email.messages"]
    assert 4 <= figures["writes_per_notification"] <= 5


def test_observability_log_lines_carry_trace_ids(demos_en: dict[str, Demo]) -> None:
    """Sampled lines are JSON with traceId and spanId; one trace has a single traceId."""
    lines = [json.loads(line) for line in demos_en["observability"].log_lines]
    assert lines and all("traceId" in line and "spanId" in line for line in lines)
    assert len({line["traceId"] for line in lines}) == 1


def test_security_limits_only_the_abusive_client(demos_en: dict[str, Demo]) -> None:
    """429s go to the abusive client only; costs are priced."""
    figures = _figures(demos_en["security"])
    assert figures["abusive_429"] > 0 and figures["honest_429"] == 0
    assert figures["monthly"] > 0 and figures["per_qps"] > 0


def test_unknown_step_is_a_clear_error(bundle: Bundle) -> None:
    """opening/closing have no demo."""
    with pytest.raises(CoachError, match="no demo for step 'opening'"):
        run_demo(bundle, "opening", "en")


def test_demo_data_matches_the_golden_copy(demos_en: dict[str, Demo]) -> None:
    """Regression: figures and tables of every demo at the default seed (COACH_UPDATE_GOLDEN=1 rewrites)."""
    current = {step: {"figures": _figures(demo), "table": [list(row) for row in demo.table]}
               for step, demo in demos_en.items()}
    if os.environ.get("COACH_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert json.loads(GOLDEN.read_text(encoding="utf-8")) == current


def test_spanish_demo_writes_numbers_the_spanish_way(bundle: Bundle) -> None:
    """The estimates demo says 8,64 M, 86.400 and 8,64 GB/día in Spanish."""
    spanish = run_demo(bundle, "estimates", "es")
    assert "8,64 M" in spanish.explanation and "86.400" in spanish.explanation
    assert "8,64 GB/día" in spanish.explanation


# English-formatted numbers: a thousands comma ("86,400", "1,200.5") or a decimal point that is
# not a Spanish thousands group ("8.64", "0.5"; "2.951" is Spanish for 2951).
_ENGLISH_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d\.(?:\d{1,2}|\d{4,})(?!\d)")


@pytest.mark.parametrize("step", DEMO_STEPS)
def test_spanish_demos_carry_no_english_numbers(bundle: Bundle, step: str) -> None:
    """Title, explanation, figure labels and units, and every table cell write numbers the Spanish way."""
    demo = run_demo(bundle, step, "es")
    texts = [demo.title, demo.explanation, *(f"{f.label} {f.unit}" for f in demo.figures),
             *(cell for row in demo.table for cell in row)]  # log lines are JSON: data, not prose
    found = [(match.group(), text[max(0, match.start() - 30):match.end() + 10])
             for text in texts for match in _ENGLISH_NUMBER.finditer(text)]
    assert found == []


def test_english_number_pattern_tells_the_two_styles_apart() -> None:
    """The check above flags 86,400 and 8.64 and lets 86.400, 8,64, 2.951 and p99 through."""
    assert [m.group() for m in _ENGLISH_NUMBER.finditer("86,400 8.64 1,200.5 0.5")] == ["86,400", "8.64", "1,200.5", "0.5"]
    assert _ENGLISH_NUMBER.findall("86.400 8,64 2.951 p99 1.234.567 0,25 12.960.000") == []


def test_scaling_names_provider_quotas_first_then_key_value_writes(bundle: Bundle) -> None:
    """Per-channel peaks against the facts' quotas: email (200/s of 300/s) is reached first, in
    7 months at 2× a year, then SMS and push; key-value writes come after the quotas."""
    for lang, first, then in (("en", "The first bottleneck is the email provider's quota", "key-value"),
                              ("es", "El primer cuello de botella es la cuota del proveedor de email", "clave-valor")):
        demo = run_demo(bundle, "scaling", lang)
        text = demo.explanation
        assert first in text
        assert text.index(first) < text.index(then, text.index(first))
    figures = _figures(run_demo(bundle, "scaling", "en"))
    assert (figures["email_quota_per_s"], figures["sms_quota_per_s"], figures["push_quota_per_s"]) == (300, 30, 10_000)
    assert figures["email_years_to_quota"] < figures["sms_years_to_quota"] < figures["push_years_to_quota"]
    assert round(figures["email_years_to_quota"] * 12) == 7  # log2(300 / 200) years
    assert "in 7 months" in run_demo(bundle, "scaling", "en").explanation
