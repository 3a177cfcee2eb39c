"""`coach score`: each step carries the follow-ups an interviewer would ask, and probe blocks count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app

WEAK = """<!-- coach: scenario=notifications lang={lang} -->

<!-- step: architecture -->
## 4
{arch}

<!-- step: failures -->
## 7
{fail}
"""

PROBE = """
<!-- probe: fail.circuit_breaker#0 step=failures items=fail.circuit_breaker after=failures -->
### Repregunta 1
<!-- coach:prompt -->
> **¿Dónde pones los circuit breakers?**
<!-- /coach:prompt -->

{answer}
"""

TEXTS = {
    "es": ("API, Kafka y workers por canal.", "Reintentos y DLQ.",
           "Pongo un circuit breaker por proveedor que se abre con un 50 % de errores en 30 s, "
           "porque así dejamos de martillear a un proveedor caído."),
    "en": ("API, Kafka and workers per channel.", "Retries and a DLQ.",
           "I put a circuit breaker per provider that opens at 50 % errors over 30 s, "
           "because that way we stop hammering a provider that is down."),
}


def _score(tmp_path: Path, text: str, *args: str) -> dict:  # type: ignore[type-arg]
    sheet = tmp_path / "sheet.md"
    sheet.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(sheet), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_step_has_followups_for_its_weakest_items(tmp_path: Path, lang: str) -> None:
    """`followups` [{item, question, level}] on every step, in the sheet's language, missed or shallow items only."""
    arch, fail, _ = TEXTS[lang]
    data = _score(tmp_path, WEAK.format(lang=lang, arch=arch, fail=fail))
    steps = {step["step"]: step for step in data["steps"]}
    assert all("followups" in step for step in data["steps"])
    failures = steps["failures"]["followups"]
    assert 1 <= len(failures) <= 3
    credits = {item["id"]: item["credit"] for item in steps["failures"]["items"]}
    for followup in failures:
        assert set(followup) >= {"item", "question", "level"}
        assert credits[followup["item"]] in ("none", "mentioned", "decided")
        assert followup["level"] in ("mid", "senior", "staff")
    assert ("¿" in failures[0]["question"]) == (lang == "es")


def test_a_probe_block_raises_the_item_and_the_total(tmp_path: Path) -> None:
    """A sheet's probe answer earns its item (marked probed) and raises the total, not the step's own score."""
    arch, fail, answer = TEXTS["es"]
    plain = _score(tmp_path, WEAK.format(lang="es", arch=arch, fail=fail))
    probed = _score(tmp_path, WEAK.format(lang="es", arch=arch, fail=fail) + PROBE.format(answer=answer))
    item = next(i for s in probed["steps"] for i in s["items"] if i["id"] == "fail.circuit_breaker")
    assert item["credit"] == "justified" and item["probed"] and item["before_probe"] == "none"
    assert probed["total"] > plain["total"]
    before = next(s for s in plain["steps"] if s["step"] == "failures")
    after = next(s for s in probed["steps"] if s["step"] == "failures")
    assert after["score"] == before["score"] and after["interview_score"] > before["interview_score"]
    assert "fail.circuit_breaker" not in [f["item"] for f in after["followups"]]


def test_text_report_ends_each_step_with_its_followups(tmp_path: Path) -> None:
    """The text report lists the follow-ups at the end of the step."""
    arch, fail, _ = TEXTS["en"]
    sheet = tmp_path / "sheet.md"
    sheet.write_text(WEAK.format(lang="en", arch=arch, fail=fail), encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(sheet)])
    assert result.exit_code == 0
    assert "Follow-ups an interviewer would ask:" in result.output
