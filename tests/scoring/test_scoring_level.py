"""Issue 10: a level (below / mid / senior / staff) from credit and depth, with reasons and the next gap."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.content import Bundle
from coach.scoring import cache, score_answers, score_sheet
from coach.scoring.level import LEVEL_IDS
from coach.sheet import parse_sheet, render_answers

runner = CliRunner()

# A candidate who names every buzzword and decides nothing.
SALAD = {
    "en": (
        "Kafka, Redis, DLQ, circuit breaker, retries, exponential backoff, jitter, sharding, partitioning, "
        "idempotency, outbox, CQRS, event sourcing, tracing, metrics, structured logs, TLS, IAM, KMS, "
        "load balancer, microservices, Kubernetes, rate limiting, cache, SLA, p99, GDPR."
    ),
    "es": (
        "Kafka, Redis, DLQ, circuit breaker, reintentos, backoff exponencial, jitter, sharding, particionado, "
        "idempotencia, outbox, CQRS, trazas, métricas, logs estructurados, TLS, IAM, KMS, balanceador, "
        "microservicios, Kubernetes, rate limiting, caché, SLA, p99, RGPD."
    ),
}



def _reference_sheet(bundle: Bundle, lang: str) -> str:
    """The scenario's reference answers written out as a sheet, with its markers."""
    answers = {step: text(lang) for step, text in bundle.scenario.reference.items()}  # type: ignore[arg-type]
    return render_answers(bundle.scenario.id, lang, answers)  # type: ignore[arg-type]


def _shallow_answers(bundle: Bundle, lang: str) -> dict[str, str]:
    """Every item decided in one bare sentence of its own words: breadth with no reasons."""
    lines: dict[str, list[str]] = {}
    for step, item in bundle.all_items():
        phrases = item.match(lang).phrases  # type: ignore[arg-type]
        if phrases:
            lines.setdefault(step, []).append(("We use " if lang == "en" else "Usamos ") + phrases[0] + ".")
    return {step: " ".join(sentences) for step, sentences in lines.items()}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_reference_sheet_reaches_senior_or_staff(shipped: Bundle, lang: str) -> None:
    """The reference answers, scored as a sheet with its markers, read as senior or staff."""
    result = score_sheet(parse_sheet(_reference_sheet(shipped, lang)), shipped)
    assert result.level in ("senior", "staff")
    assert result.verdict is not None and result.verdict.reasons


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_keyword_salad_stays_below_mid(shipped: Bundle, lang: str) -> None:
    """A list of names in every step is below mid, and the gap says to turn names into decisions."""
    result = score_answers({step.id: SALAD[lang] for step in shipped.framework.steps}, shipped, lang)  # type: ignore[arg-type]
    assert result.level == "below"
    assert result.verdict is not None
    word = "decisions" if lang == "en" else "decisiones"
    assert word in result.verdict.next


@pytest.mark.parametrize("lang", ["es", "en"])
def test_covering_everything_shallowly_stops_at_mid(shipped: Bundle, lang: str) -> None:
    """Items decided with no reasons: wide coverage, no depth, so mid, and the gap is depth."""
    result = score_answers(_shallow_answers(shipped, lang), shipped, lang)  # type: ignore[arg-type]
    credits = Counter(item.credit for step in result.steps for item in step.items)
    assert credits["decided"] > 40 and credits["justified"] <= 5
    assert result.level == "mid"
    assert result.verdict is not None
    assert result.verdict.signals["deep_areas"] == {}
    assert ("go deep" if lang == "en" else "profundiza") in result.verdict.next


def test_no_requirement_clarified_in_the_opening_caps_the_level_at_mid(shipped: Bundle) -> None:
    """The reference without its opening questions stops at mid, and says why."""
    answers = {step: text("en") for step, text in shipped.scenario.reference.items()}
    answers["opening"] = "I will build an API, a queue and per-channel workers."
    result = score_answers(answers, shipped, "en")
    assert result.level == "mid"
    assert result.verdict is not None
    assert "opening" in result.verdict.next.lower()
    assert any("stops at Mid" in reason for reason in result.verdict.reasons)


def test_failures_covered_only_after_a_probe_are_not_raised_unprompted(shipped: Bundle) -> None:
    """The probes hook: items passed as `probed` leave the failures signal."""
    answers = {step: text("en") for step, text in shipped.scenario.reference.items()}
    plain = score_answers(answers, shipped, "en")
    probed = [item.id for item in plain.step("failures").items]
    after = score_answers(answers, shipped, "en", probed=probed)
    assert plain.verdict is not None and after.verdict is not None
    assert plain.verdict.signals["failures"] and after.verdict.signals["failures"] == []
    assert after.level != "staff"


def test_justified_items_say_how_they_were_justified(shipped: Bundle) -> None:
    """A figure is a number, "instead of" a trade-off, "because" a reason."""
    cases = {
        "We partition the stream into 12 partitions.": "number",
        "We put a queue in front of the workers instead of calling providers synchronously.": "tradeoff",
        "We put a queue in front of the workers because providers are slow.": "reason",
    }
    for text, kind in cases.items():
        result = score_answers({"architecture": text}, shipped, "en")
        item = next(i for i in result.step("architecture").items if i.credit == "justified")
        assert item.why is not None and kind in item.why.kind.split("+"), (text, item.why)


def test_item_results_carry_their_content_level(shipped: Bundle) -> None:
    """Each item result has the level its content gives it (not the default)."""
    result = score_answers({}, shipped, "en")
    assert result.item("fail.dr").level == "staff"
    assert result.item("fail.circuit_breaker").level == "senior"


def test_the_level_object_follows_the_contract(shipped: Bundle) -> None:
    """to_json has level {id, label, reasons, next} with an id from the four levels."""
    answers = {step: text("es") for step, text in shipped.scenario.reference.items()}
    level = score_answers(answers, shipped, "es").to_json()["level"]
    assert level["id"] in LEVEL_IDS
    assert isinstance(level["label"], str) and level["label"]
    assert all(isinstance(reason, str) for reason in level["reasons"]) and level["reasons"]
    assert isinstance(level["next"], str) and level["next"]


def test_spanish_labels_read_right(shipped: Bundle) -> None:
    """The Spanish labels are the words a Spanish candidate uses, never a grade like Sobresaliente."""
    labels = [level.label("es") for level in shipped.framework.scoring.levels]
    assert labels == ["Por debajo de mid", "Mid", "Senior", "Staff"]


def test_the_cached_rules_give_the_same_verdict(shipped: Bundle, tmp_path: Path) -> None:
    """Rules read back from the disk cache score the same level, reasons and gap."""
    answers = _shallow_answers(shipped, "es")
    fresh = score_answers(answers, shipped, "es")
    written = json.dumps(cache.to_json(cache.compile_bundle(shipped)))
    cached = score_answers(answers, cache.from_json(json.loads(written)), "es")
    assert cached.verdict == fresh.verdict


def test_coach_score_json_and_report_show_the_level(shipped: Bundle, tmp_path: Path) -> None:
    """`coach score --json` has the level object; the report prints the level, reasons and gap."""
    sheet = tmp_path / "ref.md"
    sheet.write_text(_reference_sheet(shipped, "es"), encoding="utf-8")
    result = runner.invoke(app, ["score", str(sheet), "--json"])
    assert result.exit_code == 0, result.output
    level = json.loads(result.stdout)["level"]
    assert level["id"] in ("senior", "staff")
    report = runner.invoke(app, ["score", str(sheet)])
    assert report.exit_code == 0, report.output
    assert f"Nivel: {level['label']}" in report.stdout
    assert "Sobresaliente" not in report.stdout
