"""`coach scenarios`, `coach frameworks`, `coach sheet` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.content import Library
from coach.spec import REQUIRED_IDS

runner = CliRunner()


def test_scenarios_list_json() -> None:
    """The list names notifications, its title in the chosen language, and its simulation."""
    result = runner.invoke(app, ["scenarios", "list", "--json", "--lang", "es"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    row = next(r for r in payload["scenarios"] if r["id"] == "notifications")
    assert row["simulation"] is True
    assert payload["lang"] == "es"
    assert "notificaciones" in row["title"].lower()


def test_scenarios_show_json_has_all_spec_ids() -> None:
    """--json dumps the validated content with every spec id."""
    result = runner.invoke(app, ["scenarios", "show", "notifications", "--json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    ids = {item_id for ids in payload["checklists"].values() for item_id in ids}
    assert set(REQUIRED_IDS) <= ids
    assert payload["scenario"]["id"] == "notifications"
    assert payload["framework"]["id"] == "nine-step"


def test_scenarios_show_text_in_spanish() -> None:
    """The text view shows questions, items and hints in Spanish."""
    result = runner.invoke(app, ["scenarios", "show", "notifications", "--lang", "es"])
    assert result.exit_code == 0
    assert "Pregunta:" in result.stdout
    assert "fail.circuit_breaker" in result.stdout


def test_unknown_scenario_exits_2_with_suggestion() -> None:
    """A typo gets one line on stderr, a suggestion, exit 2, no traceback."""
    result = runner.invoke(app, ["scenarios", "show", "notificatons"])
    assert result.exit_code == 2
    assert result.stderr.startswith("coach: unknown scenario 'notificatons'; did you mean 'notifications'?")
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_frameworks_show_windows_and_patterns() -> None:
    """The framework view shows the opening/closing windows, patterns and estimates."""
    result = runner.invoke(app, ["frameworks", "show", "nine-step", "--lang", "en"])
    assert result.exit_code == 0
    assert "window 3:00–4:00" in result.stdout
    assert "window 1:00–2:00" in result.stdout
    assert "86,400" in result.stdout
    assert "CQRS" in result.stdout


def test_sheet_to_stdout_in_spanish() -> None:
    """The blank sheet carries the header line and the 11 markers."""
    result = runner.invoke(app, ["sheet", "notifications", "--lang", "es"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!-- coach: scenario=notifications lang=es")
    assert result.stdout.count("<!-- step: ") == 11


def test_sheet_out_refuses_to_overwrite(tmp_path: Path) -> None:
    """--out writes a file once; a second time needs --force."""
    out = tmp_path / "s.md"
    assert runner.invoke(app, ["sheet", "notifications", "--out", str(out)]).exit_code == 0
    again = runner.invoke(app, ["sheet", "notifications", "--out", str(out)])
    assert again.exit_code == 2
    assert "--force" in again.stderr
    assert runner.invoke(app, ["sheet", "notifications", "--out", str(out), "--force"]).exit_code == 0


def test_validate_ok_and_broken(tmp_path: Path) -> None:
    """validate prints OK per good file and exits 2 naming the bad one."""
    good = Path(__file__).parents[1] / "content" / "fixtures" / "mini-framework.toml"
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\ntitle = {es = "a", en = "b"\n', encoding="utf-8")
    result = runner.invoke(app, ["scenarios", "validate", str(good), str(bad)])
    assert result.exit_code == 2
    assert f"OK {good}: framework mini" in result.stdout
    assert result.stderr.startswith(f"coach: {bad}:2:")


def test_schema_is_json_schema() -> None:
    """schema prints the scenario JSON Schema with its fields."""
    result = runner.invoke(app, ["scenarios", "schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Scenario"
    assert {"id", "framework", "items", "reference"} <= set(schema["properties"])


def test_content_dir_adds_scenarios(tmp_path: Path) -> None:
    """--content-dir adds user scenarios to the list."""
    fixtures = Path(__file__).parents[1] / "content" / "fixtures"
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "frameworks" / "mini.toml").write_text((fixtures / "mini-framework.toml").read_text("utf-8"), "utf-8")
    (tmp_path / "scenarios" / "m.toml").write_text((fixtures / "mini-scenario.toml").read_text("utf-8"), "utf-8")
    result = runner.invoke(app, ["--content-dir", str(tmp_path), "scenarios", "list", "--json"])
    assert result.exit_code == 0
    assert {"mini-scenario", "notifications"} <= {r["id"] for r in json.loads(result.stdout)["scenarios"]}


def test_broken_user_content_is_reported_once_and_skipped(tmp_path: Path) -> None:
    """A broken user file is one stderr line with file:line:col; the shipped scenarios still list (issue 12)."""
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "x.toml").write_text("id = \n", encoding="utf-8")
    result = runner.invoke(app, ["--content-dir", str(tmp_path), "scenarios", "list", "--json"])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"coach: {tmp_path / 'scenarios' / 'x.toml'}:1:")
    assert result.stderr.count("\n") == 1 and "skipped" in result.stderr
    assert "notifications" in {r["id"] for r in json.loads(result.stdout)["scenarios"]}


def test_errors_speak_spanish_when_the_user_does() -> None:
    """With --lang es, an unknown scenario is reported in Spanish, suggestion included."""
    result = runner.invoke(app, ["sheet", "notificaciones", "--lang", "es"])
    assert result.exit_code == 2
    assert result.stderr == (
        "coach: escenario desconocido 'notificaciones'; ¿quisiste decir 'notifications'? "
        f"(disponibles: {', '.join(sorted(Library(use_user_dir=False).scenarios))})\n"
    )


def test_errors_follow_coach_lang(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without --lang, COACH_LANG picks the language of error lines too."""
    monkeypatch.setenv("COACH_LANG", "es")
    result = runner.invoke(app, ["scenarios", "validate", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    assert result.stderr == f"coach: {tmp_path / 'nope.toml'}: el fichero no existe\n"


def test_lang_flag_reaches_errors_raised_before_the_command_resolves_it(tmp_path: Path) -> None:
    """`coach score missing.md --lang es` fails in Spanish even though the sheet was never read."""
    result = runner.invoke(app, ["score", str(tmp_path / "falta.md"), "--lang", "es"])
    assert result.exit_code == 2
    assert result.stderr == f"coach: {tmp_path / 'falta.md'}: el fichero no existe\n"
