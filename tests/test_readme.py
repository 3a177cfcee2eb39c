"""README.md stays true: its two start commands match CI, and its tested transcripts match the program."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TESTED = re.findall(r"<!-- tested -->\n```console\n(.*?)```", README, re.S)


def test_readme_has_tested_transcripts() -> None:
    """At least the two transcripts of the quickstart are checked."""
    assert len(TESTED) >= 2


@pytest.mark.parametrize("block", TESTED, ids=lambda b: b.splitlines()[0])
def test_transcript_matches_the_program(block: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Running the command shown gives the output shown (80 columns, English, no colour)."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    command, *expected = block.rstrip("\n").split("\n")
    assert command.startswith("$ coach ")
    result = CliRunner().invoke(app, command.removeprefix("$ coach ").split())
    assert result.exit_code == 0, result.stderr
    got = [line.rstrip() for line in result.stdout.rstrip("\n").split("\n")]
    assert got == [line.rstrip() for line in expected]


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run ends with exactly the test command README gives."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ".venv/bin/python -m pytest -q"
    assert command in ci
    assert f"python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && {command}" in README
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/coach run notifications" in README
