"""The warm path of `coach score`: rules and labels from the cache, keyed by the content bytes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from coach.cli import app

ROOT = Path(__file__).resolve().parents[2]
SHEET = ROOT / "tests" / "eval" / "train" / "main" / "sheets" / "en_medium.md"
runner = CliRunner()

_PROBE = """
import sys
from coach.cli import main
try:
    main()
except SystemExit:
    pass
print("CONTENT_LOADED=" + str("coach.content" in sys.modules), file=sys.stderr)
print("PYDANTIC_LOADED=" + str("pydantic" in sys.modules), file=sys.stderr)
"""


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"COACH_HOME": str(home), "PATH": "/usr/bin:/bin", "COACH_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env, check=True
    )


def test_the_second_run_loads_no_content_and_scores_the_same(tmp_path: Path) -> None:
    """Cold run: content loaded, warm file written. Warm run: same JSON, no coach.content, no pydantic."""
    cold = _run(tmp_path, "score", str(SHEET), "--json")
    assert "CONTENT_LOADED=True" in cold.stderr
    assert list((tmp_path / "cache").glob("rules-notifications-*.json"))
    warm = _run(tmp_path, "score", str(SHEET), "--json")
    assert "CONTENT_LOADED=False" in warm.stderr
    # typer's parameter adapters import pydantic unless coach.cli._plain_params spares them
    assert "PYDANTIC_LOADED=False" in warm.stderr
    assert json.loads(warm.stdout) == json.loads(cold.stdout)
    table = _run(tmp_path, "score", str(SHEET))
    assert "CONTENT_LOADED=False" in table.stderr
    assert "Score for" in table.stdout and "hint:" in table.stdout


def test_editing_a_user_content_file_changes_the_key(home: Path) -> None:
    """A user scenario file that overrides the shipped one is read on the next run (cold path again)."""
    first = runner.invoke(app, ["score", str(SHEET), "--lang", "en"])
    assert first.exit_code == 0, first.output
    shipped = (ROOT / "scenarios" / "notifications.toml").read_text("utf-8")
    user = home / "content" / "scenarios"
    user.mkdir(parents=True)
    (user / "notifications.toml").write_text(
        shipped.replace('title = { es = "Servicio de notificaciones multicanal"', 'title = { es = "X"', 1)
        .replace('en = "Multi-channel notification service"', 'en = "Renamed for the test"', 1),
        encoding="utf-8",
    )
    from coach.cli.common import STATE

    STATE._library = None  # a new process: the library looks for the user directory again
    again = runner.invoke(app, ["score", str(SHEET), "--lang", "en"])
    assert again.exit_code == 0, again.output
    assert "Renamed for the test" in again.output
    assert len(list((home / "cache").glob("rules-notifications-*.json"))) == 2


def test_a_bad_content_dir_is_still_an_error_when_a_warm_file_exists(home: Path, tmp_path: Path) -> None:
    """The warm path never hides the loader's error about --content-dir."""
    assert runner.invoke(app, ["score", str(SHEET)]).exit_code == 0
    result = runner.invoke(app, ["--content-dir", str(tmp_path / "missing"), "score", str(SHEET)])
    assert result.exit_code == 2
    assert "--content-dir" in result.output


def test_a_corrupt_warm_file_falls_back_to_the_cold_path(home: Path) -> None:
    """Garbage in the warm file: scored from content, and the file is rewritten."""
    assert runner.invoke(app, ["score", str(SHEET), "--json"]).exit_code == 0
    (path,) = (home / "cache").glob("rules-notifications-*.json")
    path.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["score", str(SHEET), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["scenario"] == "notifications"
    assert json.loads(path.read_text("utf-8"))["labels"]["scenario_title"]["en"]
