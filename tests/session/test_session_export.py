"""The exported answer sheet: a golden file for a fixed session, and it reads back as the same answers."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest
from session_helpers import simple_score

from coach.content import STEP_IDS, Bundle
from coach.design_check import DesignCheck
from coach.export import render_export
from coach.i18n import Lang
from coach.scoring.result import ArithmeticFinding, SheetScore
from coach.session import Mode, Scorecard, SessionConfig, build_scorecard
from coach.sheet import parse_sheet
from coach.sim.demos import Demo, DemoFigure

GOLDEN = Path(__file__).parent / "golden"

ANSWERS = {
    "opening": "Aclaro el alcance: canales email y push.\nPropongo API → cola → workers.",
    "requirements": "Requisitos funcionales: enviar por canales.\n\n- disponibilidad 99.9 %",
    "estimates": "",
    "api": "POST /v1/notifications con idempotencyKey.",
    "architecture": "Una cola (Kafka) y workers por canal.",
    "consistency": "Eventual; orden por userId.",
    "scaling": "Escalado horizontal de workers.",
    "failures": "Reintentos con backoff y DLQ.",
    "observability": "Logs estructurados.",
    "security": "IAM mínimo y KMS.",
    "closing": "Riesgos: proveedores caídos.",
}
ELAPSED = {step: 60.0 for step in STEP_IDS} | {"opening": 215.0, "requirements": 730.0, "closing": 45.5}


def _score(answers: Mapping[str, str], mini: Bundle, lang: Lang, elapsed: Mapping[str, float]) -> SheetScore:
    """The simple scorer plus two arithmetic findings: the message restating the formula, and not."""
    score = simple_score(answers, mini, lang, elapsed)
    findings = (
        ArithmeticFinding("est.daily_volume", False, 864_000, 8_640_000, "100 req/s × 86,400 = 8.64M/day",
                          "100 req/s × 86,400 = 8.64M/day; you wrote 864k (10× low)"),
        ArithmeticFinding("est.storage", True, 8.64e9, 8.64e9, "1 KB × 100 req/s × 86,400 = 8.64 GB/day", "ok"),
    )
    steps = tuple(replace(s, arithmetic=findings) if s.step == "estimates" else s for s in score.steps)
    return replace(score, steps=steps)


def _card(mini: Bundle, lang: str = "es") -> Scorecard:
    config = SessionConfig(scenario="mini", lang=lang, mode=Mode.PRACTICE)  # type: ignore[arg-type]
    answers = {s: a for s, a in ANSWERS.items() if a}
    score = _score(answers, mini, config.lang, ELAPSED)
    demo = Demo("failures", "Reintentos con backoff", "Un proveedor falla el 5 % de las veces.",
                (DemoFigure("retries", "reintentos", 412, "msg"), DemoFigure("p99", "p99", 1834.5, "ms")))
    design = DesignCheck(False, {"qps": 100}, {"p99_ms": 4800}, "p99 4,8 s > tu objetivo de 2 s", "12 workers lo cumplen")
    return build_scorecard(
        "20261128-0900-abcd", config, mini, score, ANSWERS, ELAPSED,
        design=design, demos={"failures": demo},
    )


@pytest.mark.parametrize("lang", ["es", "en"])
def test_export_matches_golden_file(mini: Bundle, lang: str) -> None:
    """A fixed session exports byte for byte as the golden sheet (COACH_UPDATE_GOLDEN=1 rewrites it)."""
    text = render_export(_card(mini, lang), mini, started_at=1_795_856_400.0)
    golden = GOLDEN / f"export_mini_{lang}.md"
    if os.environ.get("COACH_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_export_reads_back_as_the_same_answers_and_times(mini: Bundle) -> None:
    """parse_sheet of the export returns each answer and elapsed time, and none of coach's additions."""
    sheet = parse_sheet(render_export(_card(mini), mini))
    assert sheet.scenario == "mini" and sheet.lang == "es"
    assert list(sheet.answers) == list(STEP_IDS)
    for step in STEP_IDS:
        assert sheet.text(step) == ANSWERS[step].strip()
        assert sheet.answers[step].elapsed_s == ELAPSED[step]


def test_rescoring_the_export_gives_the_same_scores(mini: Bundle) -> None:
    """Export, re-score, export again: the same sheet."""
    card = _card(mini)
    first = render_export(card, mini)
    sheet = parse_sheet(first)
    answers = {s: a.text for s, a in sheet.answers.items()}
    elapsed = {s: a.elapsed_s for s, a in sheet.answers.items() if a.elapsed_s is not None}
    again = build_scorecard(card.session_id, card.config, mini, _score(answers, mini, "es", elapsed),
                            answers, elapsed, design=card.design, demos=card.demos)
    assert render_export(again, mini) == first
