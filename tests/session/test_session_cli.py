"""The session commands through typer's CliRunner (no terminal: --answers, history, export, stats)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from session_helpers import DATA
from typer.testing import CliRunner

from coach.cli import app

SHEET = """<!-- coach: scenario=mini lang=es -->
<!-- step: opening -->
## Apertura
<!-- coach:timing elapsed_s=200 -->
Aclaro el alcance.
<!-- step: requirements -->
## Requisitos
<!-- coach:timing elapsed_s=730 -->
Requisitos funcionales y canales, porque así lo pide el producto.
<!-- step: architecture -->
Una cola y workers.
"""


def _coach(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--content-dir", str(DATA), *args])
    return result.exit_code, result.stdout, result.stderr


def _run_sheet(tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    sheet = tmp_path / "filled.md"
    sheet.write_text(SHEET, encoding="utf-8")
    return _coach("run", "mini", "--answers", str(sheet), *extra)


def test_run_without_a_terminal_exits_2_with_a_hint() -> None:
    """No TTY and no --answers: one line on stderr naming --answers, exit 2."""
    code, _, err = _coach("run", "mini", "--lang", "en")
    assert code == 2
    assert err.strip().splitlines() == [
        "coach: not an interactive terminal; use --answers SHEET.md to run from a filled sheet"
    ]


def test_run_from_sheet_prints_scorecard_and_writes_export(tmp_path: Path) -> None:
    """--answers runs the whole session without prompts, prints the scorecard and exports the sheet."""
    out = tmp_path / "out.md"
    code, stdout, err = _run_sheet(tmp_path, "--export", str(out))
    assert code == 0, err
    assert "Resultado" in stdout and "Total:" in stdout
    assert "1. Requisitos 12:10 de 5:00 ⚠ +07:10 de más" in stdout
    assert out.read_text(encoding="utf-8").startswith("<!-- coach: scenario=mini lang=es framework=mini-step")


def test_exported_sheet_scores_to_the_session_total(tmp_path: Path) -> None:
    """`coach score --json` of the export gives the total stored in the history."""
    out = tmp_path / "out.md"
    assert _run_sheet(tmp_path, "--export", str(out))[0] == 0
    code, stdout, err = _coach("history", "--json")
    stored = json.loads(stdout)["sessions"][0]
    code, stdout, err = _coach("score", str(out), "--json")
    assert code == 0, err
    assert json.loads(stdout)["total"] == stored["total"]


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    """An existing export target is refused before anything runs, and left as it was."""
    out = tmp_path / "out.md"
    out.write_text("mine", encoding="utf-8")
    code, _, err = _run_sheet(tmp_path, "--export", str(out))
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == "mine"
    assert _coach("history", "--json")[1].count('"id"') == 0  # nothing was started
    assert _run_sheet(tmp_path, "--export", str(out), "--force")[0] == 0
    assert out.read_text(encoding="utf-8") != "mine"


def test_export_command_rewrites_the_same_sheet(tmp_path: Path) -> None:
    """`coach export ID` re-scores the stored answers into the same Markdown the run wrote."""
    first = tmp_path / "first.md"
    assert _run_sheet(tmp_path, "--export", str(first))[0] == 0
    session_id = json.loads(_coach("history", "--json")[1])["sessions"][0]["id"]
    code, stdout, err = _coach("export", session_id)
    assert code == 0, err
    assert stdout == first.read_text(encoding="utf-8")


def test_history_json_lists_sessions(tmp_path: Path) -> None:
    """history --json gives id, scenario, mode, language, status, total and duration."""
    _run_sheet(tmp_path)
    _run_sheet(tmp_path, "--mode", "mock")
    sessions = json.loads(_coach("history", "--json")[1])["sessions"]
    assert [s["mode"] for s in sessions] == ["mock", "practice"]
    assert sessions[0]["status"] == "finished"
    assert sessions[0]["duration_s"] == 930.0
    assert sessions[0]["lang"] == "es"


def test_stats_shows_trends_and_most_missed(tmp_path: Path) -> None:
    """stats charts each step across sessions and names the items missed most."""
    _run_sheet(tmp_path)
    _run_sheet(tmp_path)
    code, stdout, _ = _coach("stats", "--lang", "en")
    assert code == 0
    assert "1. Requirements" in stdout and "▇▇" in stdout
    assert "Mentions availability (req.availability; 2 of 2)" in stdout


def test_resume_with_nothing_unfinished_says_so() -> None:
    """resume with no unfinished session points at history, exit 2."""
    code, _, err = _coach("resume")
    assert code == 2 and "coach history" in err


def test_unknown_session_and_bad_mode_are_one_line_errors(tmp_path: Path) -> None:
    """Unknown session ids and modes are user errors: one line, exit 2."""
    code, _, err = _coach("export", "nope")
    assert code == 2 and err.count("\n") == 1 and "unknown session 'nope'" in err
    code, _, err = _run_sheet(tmp_path, "--mode", "exam")
    assert code == 2 and "--mode" in err


def test_corrupt_history_is_reported_not_overwritten(home: Path) -> None:
    """A damaged coach.db gives a clear error and keeps its bytes."""
    db = home / "coach.db"
    db.write_bytes(b"\x00garbage" * 100)
    code, _, err = _coach("history")
    assert code == 2 and "left untouched" in err
    assert db.read_bytes() == b"\x00garbage" * 100


def test_bare_coach_without_terminal_prints_help() -> None:
    """`coach` with no arguments and no terminal shows the help instead of a menu."""
    code, stdout, _ = _coach()
    assert code == 0
    assert "Usage: coach" in stdout and "resume" in stdout


def test_drill_unknown_step_suggests() -> None:
    """drill checks the step id before anything else."""
    code, _, err = _coach("drill", "failure", "--scenario", "mini")
    assert code == 2 and "did you mean 'failures'" in err


def _as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend stdin/stdout are a terminal; keys come from a prompt_toolkit pipe."""
    import coach.cli.interview as cmds

    monkeypatch.setattr(cmds, "_is_terminal", lambda: True)


def _invoke_with_keys(keys: str, *args: str) -> tuple[int, str, str]:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        return _coach(*args)


def test_drill_focuses_on_items_missed_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """drill STEP lists what earlier sessions missed on that step, then scores just that step."""
    _run_sheet(tmp_path)
    _as_terminal(monkeypatch)
    code, stdout, err = _invoke_with_keys(
        "requisitos con disponibilidad\x04\r", "drill", "requirements", "--scenario", "mini", "--lang", "es"
    )
    assert code == 0, err
    assert "Lo que más se te escapa aquí" in stdout
    assert "✗ Menciona disponibilidad" in stdout.split("¿Qué requisitos hay?")[0]
    assert "Paso 1/1" in stdout
    drill = json.loads(_coach("history", "--json")[1])["sessions"][0]
    assert drill["mode"] == "drill" and drill["steps"] == ["requirements"]


def test_interactive_run_in_process_offers_the_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole interactive run through pipe input: 11 answers, scorecard, export accepted at the offered path."""
    _as_terminal(monkeypatch)
    monkeypatch.chdir(tmp_path)
    answers = "".join(f"respuesta {n} con cola\x04" for n in range(11))
    code, stdout, err = _invoke_with_keys(
        answers + "\r" + "\x15mine.md\r", "run", "mini", "--lang", "es", "--mode", "mock"
    )
    assert code == 0, err
    assert "Paso 11/11" in stdout and "Resultado" in stdout
    assert (tmp_path / "mine.md").read_text(encoding="utf-8").count("<!-- step: ") == 11


REAL_SHEET = """<!-- coach: scenario=notifications lang=es -->
<!-- step: opening -->
<!-- coach:timing elapsed_s=205 -->
Aclaro el alcance: canales email, push y SMS; pregunto SLAs, volúmenes pico y medio, retención y GDPR.
<!-- step: requirements -->
Funcionales: enviar por canal con plantillas y prioridad. No funcionales: p99 < 2 s, disponibilidad 99.9 %.
<!-- step: estimates -->
100 req/s de media, 8.64M/día; pico x5; eventos de 1 KB, 8.64 GB/día.
<!-- step: scaling -->
20 workers por canal, 8 particiones por userId.
"""


def test_real_scenario_export_has_demos_and_design_check_and_is_reproducible(tmp_path: Path) -> None:
    """notifications from a sheet: the export carries the design check and the nine demos; re-export is identical."""
    sheet, out = tmp_path / "filled.md", tmp_path / "out.md"
    sheet.write_text(REAL_SHEET, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "notifications", "--answers", str(sheet), "--export", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "Tu diseño en la simulación" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert "**Tu diseño en la simulación:** ✗ p99" in text
    assert text.count("**Simulación: ") == 9
    session = json.loads(CliRunner().invoke(app, ["history", "--json"]).stdout)["sessions"][0]
    again = CliRunner().invoke(app, ["export", session["id"]])
    assert again.stdout == text
    scored = json.loads(CliRunner().invoke(app, ["score", str(out), "--json"]).stdout)
    assert scored["total"] == session["total"]


def test_export_into_a_missing_folder_is_refused_before_the_session(tmp_path: Path) -> None:
    """A bad --export folder is caught before any question is asked."""
    code, _, err = _run_sheet(tmp_path, "--export", "/no/such/dir/out.md")
    assert code == 2 and "la carpeta /no/such/dir no existe" in err
    assert json.loads(_coach("history", "--json")[1])["sessions"] == []


def test_failed_export_says_how_to_export_later(tmp_path: Path) -> None:
    """An export that fails at the end (a folder in the way) exits 2 naming the stored session's export command."""
    target = tmp_path / "taken"
    target.mkdir()
    code, _, err = _run_sheet(tmp_path, "--export", str(target), "--force")
    assert code == 2
    session_id = json.loads(_coach("history", "--json")[1])["sessions"][0]["id"]
    assert f"coach export {session_id} --out" in err


def test_ctrl_c_at_the_export_offer_keeps_the_finished_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C when the sheet is offered exits 130, says how to export later, and the session stays finished."""
    _as_terminal(monkeypatch)
    answers = "".join(f"respuesta {n}\x04" for n in range(11))
    code, stdout, _ = _invoke_with_keys(answers + "\x03", "run", "mini", "--lang", "en", "--mode", "mock")
    assert code == 130
    session = json.loads(_coach("history", "--json")[1])["sessions"][0]
    assert session["status"] == "finished"
    assert f"coach export {session['id']} --out SHEET.md" in stdout


def test_interrupted_session_can_be_exported_and_resumed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C mid-run: exit 130 with the resume command; export shows the answers so far; resume finishes it."""
    _as_terminal(monkeypatch)
    code, stdout, _ = _invoke_with_keys("aclaro el alcance\x04requisitos a med\x03", "run", "mini", "--lang", "es", "--mode", "mock")
    assert code == 130
    session_id = json.loads(_coach("history", "--json")[1])["sessions"][0]["id"]
    assert f"coach resume {session_id}" in stdout
    sheet = _coach("export", session_id)[1]
    assert "aclaro el alcance" in sheet and "requisitos a med" not in sheet  # drafts are not answers
    rest = "ias y canales\x04" + "".join(f"paso {n}\x04" for n in range(9)) + "\x1b[B\r"
    code, stdout, err = _invoke_with_keys(rest, "resume", session_id)
    assert code == 0, err
    record = json.loads(_coach("history", "--json")[1])["sessions"][0]
    assert record["status"] == "finished" and record["answered"] == 11
    final = _coach("export", session_id)[1]
    assert "requisitos a medias y canales" in final
