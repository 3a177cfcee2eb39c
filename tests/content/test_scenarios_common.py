"""The checks every shipped scenario passes; each scenario's own figures stay in its test_scenario_*.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.content import ITEM_LEVELS, STEP_IDS, Bundle, Library
from coach.sheet import render_answers

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
_LIBRARY = Library(use_user_dir=False)
SHIPPED = sorted(_LIBRARY.scenarios)


@pytest.fixture(scope="module", params=SHIPPED)
def bundle(request: pytest.FixtureRequest) -> Bundle:
    return _LIBRARY.bundle(request.param)


def _reference_sheet(bundle: Bundle, lang: str) -> str:
    answers = {step: text(lang) for step, text in bundle.scenario.reference.items()}  # type: ignore[arg-type]
    return render_answers(bundle.scenario.id, lang, answers)  # type: ignore[arg-type]


def test_every_scenario_file_is_shipped() -> None:
    """Each scenarios/*.toml is one shipped scenario, so the checks below run over all of them."""
    assert len(SHIPPED) == len(list((ROOT / "scenarios").glob("*.toml")))


def test_the_file_validates(bundle: Bundle) -> None:
    """`coach scenarios validate` accepts the shipped file."""
    path = ROOT / "scenarios" / f"{bundle.scenario.id}.toml"
    result = runner.invoke(app, ["scenarios", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"scenario {bundle.scenario.id}")


def test_it_is_listed_with_a_summary_and_a_difficulty(bundle: Bundle) -> None:
    """`coach scenarios list --json` shows it with a summary, a difficulty and a duration."""
    listed = runner.invoke(app, ["scenarios", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    entry = {e["id"]: e for e in json.loads(listed.output)["scenarios"]}[bundle.scenario.id]
    assert entry["summary"] and entry["difficulty"] and entry["duration_min"]
    assert entry["simulation"] is bundle.scenario.has_simulation


def test_its_own_items_have_a_level(bundle: Bundle) -> None:
    """Every item a scenario adds states a level the framework knows."""
    assert all(item.level in ITEM_LEVELS for item in bundle.scenario.items)


def test_the_reference_answers_every_step(bundle: Bundle) -> None:
    """The reference answer has a text for each of the steps, in both languages."""
    assert set(bundle.scenario.reference) == set(STEP_IDS)
    assert all(text.es.strip() and text.en.strip() for text in bundle.scenario.reference.values())


def test_hints_are_imperative(bundle: Bundle) -> None:
    """A hint tells the candidate what to do ("Name…", "Nombra…"), not what someone does."""
    assert not [i.id for i in bundle.scenario.items if re.match(r"^[A-Z][a-z]+(?<!ss)s\b", i.hint.en)]
    assert not [i.id for i in bundle.scenario.items if re.match(r"^(?:Propone|Pone|Hace|Dice)\b", i.hint.es)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_coach_score_reads_the_reference_sheet(bundle: Bundle, lang: str, tmp_path: Path) -> None:
    """`coach score REF.md --json` reads the reference sheet back as this scenario, at senior or above."""
    sheet = tmp_path / f"ref_{lang}.md"
    sheet.write_text(_reference_sheet(bundle, lang), "utf-8")
    result = runner.invoke(app, ["score", str(sheet), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["scenario"] == bundle.scenario.id
    assert data["total"] >= 0.9 and data["level"]["id"] in ("senior", "staff")
