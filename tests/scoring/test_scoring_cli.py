"""`coach score` and `coach estimate` through typer's CliRunner: exit codes, output, JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.content import Bundle

runner = CliRunner()

SHEET = """<!-- coach: scenario=tiny lang=en -->
# Tiny

<!-- step: opening -->
## Opening
<!-- coach:timing elapsed_s=200 -->
Clarify the scope and the channels first.

<!-- step: estimates -->
## 2. Estimates
We expect 100 req/s, which gives 864k requests per day.

<!-- step: failures -->
## 7. Failures
We stop calling the vendor for a while and let a few test calls through later.
"""


@pytest.fixture
def sheet(tmp_path: Path, tiny: Bundle, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A filled sheet for the tiny scenario, with the CLI pointed at the tiny bundle."""
    monkeypatch.setattr("coach.cli.score_cmds.load_bundle", lambda scenario_id: tiny)
    path = tmp_path / "sheet.md"
    path.write_text(SHEET, encoding="utf-8")
    return path


def test_score_json_follows_the_contract(sheet: Path) -> None:
    """--json prints one object: scenario, lang, total, steps[{step, score, items[{id, covered, evidence}]}]."""
    result = runner.invoke(app, ["score", str(sheet), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scenario"] == "tiny" and data["lang"] == "en"
    assert 0 <= data["total"] <= 1
    steps = {step["step"]: step for step in data["steps"]}
    assert list(steps) == [
        "opening", "requirements", "estimates", "api", "architecture", "consistency",
        "scaling", "failures", "observability", "security", "closing",
    ]
    breaker = next(item for item in steps["failures"]["items"] if item["id"] == "fail.circuit_breaker")
    assert breaker["covered"] is True
    assert breaker["evidence"].startswith("We stop calling the vendor")
    (finding,) = steps["estimates"]["arithmetic"]
    assert finding["check"] == "est.daily_volume" and finding["ok"] is False
    assert (finding["stated"], finding["expected"]) == (864000, 8640000)
    assert finding["formula"] == "100 req/s × 86,400 = 8.64M/day"
    assert all(0 <= step["score"] <= 1 for step in data["steps"])


def test_score_table_shows_evidence_hints_and_arithmetic(sheet: Path) -> None:
    """The rendered report holds the per-step table, evidence with highlights, hints, findings, timing."""
    result = runner.invoke(app, ["score", str(sheet)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Score for Tiny" in out
    assert "«scope»" in out  # highlighted evidence (no terminal: «» marks)
    assert "hint: hint fail.dlq" in out
    assert "✗ 100 req/s × 86,400 = 8.64M/day; you wrote 864k (10× low)" in out
    assert "Timing: ✓ 3:20 inside the window 3:00–4:00" in out
    assert "Total:" in out


def test_score_in_spanish(sheet: Path) -> None:
    """--lang es renders every label in Spanish."""
    result = runner.invoke(app, ["score", str(sheet), "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert "Puntuación de Tiny" in result.stdout
    assert "escribiste 864 mil (10× menos)" in result.stdout
    assert "pista: pista fail.dlq" in result.stdout


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    """An unreadable file: exit 2 and one line naming it."""
    result = runner.invoke(app, ["score", str(tmp_path / "nope.md")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "nope.md" in result.stderr


def test_invalid_utf8_is_one_line_exit_2(tmp_path: Path) -> None:
    """Bytes that are not UTF-8: exit 2, one line."""
    path = tmp_path / "bad.md"
    path.write_bytes(b"<!-- step: opening -->\n\xff\xfe oops\n")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "UTF-8" in result.stderr and result.stderr.strip().count("\n") == 0


def test_no_step_markers_is_one_line_exit_2(tmp_path: Path) -> None:
    """A file with no step markers: exit 2, one line."""
    path = tmp_path / "plain.md"
    path.write_text("just some notes\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "no step markers" in result.stderr and result.stderr.strip().count("\n") == 0


def test_estimate_json() -> None:
    """coach estimate --json gives each figure with its formula."""
    result = runner.invoke(app, ["estimate", "--qps", "100", "--peak", "5", "--event-size", "1KB", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    figures = {figure["key"]: figure for figure in data["figures"]}
    assert figures["requests_per_day"]["value"] == 8_640_000
    assert figures["requests_per_day"]["formula"] == "100 req/s × 86,400 = 8.64M/day"
    assert figures["bytes_per_day"]["value"] == 8.64e9
    assert figures["shards"]["value"] == 1


def test_estimate_table_in_spanish() -> None:
    """The calculator prints each figure beside its formula, in Spanish with --lang es."""
    result = runner.invoke(app, ["estimate", "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert "peticiones al día" in result.stdout
    assert "100 req/s × 86.400 = 8,64 M/día" in result.stdout


def test_estimate_bad_size_is_exit_2() -> None:
    """An unreadable --event-size: exit 2 with one line naming the flag."""
    result = runner.invoke(app, ["estimate", "--event-size", "1XB"])
    assert result.exit_code == 2
    assert "--event-size" in result.stderr


def test_estimate_zero_throughput_is_exit_2() -> None:
    """A zero shard throughput is refused, not divided by."""
    result = runner.invoke(app, ["estimate", "--partitions-throughput", "0"])
    assert result.exit_code == 2
    assert "--partitions-throughput" in result.stderr


def test_commands_have_help_with_an_example() -> None:
    """score and estimate --help show an example invocation."""
    for command in ("score", "estimate"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert f"coach {command}" in result.stdout


def test_loading_the_cli_does_not_import_the_scorer() -> None:
    """`coach --help` stays light: the score commands import scoring only when they run."""
    import subprocess
    import sys

    code = "import sys, coach.cli; print(any(m.startswith('coach.scoring') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


REPORT_SHEET = """<!-- coach: scenario=tiny lang={lang} -->
# Tiny

<!-- step: failures -->
## 7. Failures
{body}
"""
REPORT_BODY = {
    "en": " ".join(f"Postmortem {n} describes a circuit breaker in front of the vendor." for n in range(14)),
    "es": " ".join(f"La mayoría de los equipos suele usar un circuit breaker, como en el caso {n}." for n in range(14)),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_sheet_that_reports_is_told_so_in_its_language(sheet: Path, lang: str) -> None:
    """The voice stage's verdict reaches the user: a line under the level, and `reported` in the JSON."""
    sheet.write_text(REPORT_SHEET.format(lang=lang, body=REPORT_BODY[lang]), encoding="utf-8")
    shown = runner.invoke(app, ["score", str(sheet), "--lang", lang])
    assert shown.exit_code == 0, shown.output
    flat = " ".join(shown.output.split())
    assert ("only your own decisions count" if lang == "en" else "solo cuentan tus propias decisiones") in flat
    data = json.loads(runner.invoke(app, ["score", str(sheet), "--json"]).stdout)
    assert data["reported"] is True
    breaker = next(i for s in data["steps"] for i in s["items"] if i["id"] == "fail.circuit_breaker")
    assert (breaker["covered"], breaker["why"]["code"]) == (False, "report")


CHAT_BODY = "\n".join(
    f"[22:0{n}] Marta: yo pondría un circuit breaker delante del proveedor {n}.\n"
    f"[22:0{n}] Dani: vale, un circuit breaker por proveedor, el {n}."
    for n in range(4)
)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_conversation_among_others_is_told_so_in_its_language(sheet: Path, lang: str) -> None:
    """A chat export between two people, neither the interview's: a line under the level, and
    `voice` "conversation" in the JSON; the circuit breaker they talk about is only mentioned."""
    sheet.write_text(REPORT_SHEET.format(lang=lang, body=CHAT_BODY), encoding="utf-8")
    shown = runner.invoke(app, ["score", str(sheet), "--lang", lang])
    assert shown.exit_code == 0, shown.output
    flat = " ".join(shown.output.split())
    assert ("a conversation among others" if lang == "en" else "una conversación entre otros") in flat
    data = json.loads(runner.invoke(app, ["score", str(sheet), "--json"]).stdout)
    assert (data["reported"], data["voice"]) == (True, "conversation")
    breaker = next(i for s in data["steps"] for i in s["items"] if i["id"] == "fail.circuit_breaker")
    assert (breaker["covered"], breaker["why"]["code"]) == (False, "conversation")


def test_a_candidate_s_sheet_is_not_a_report(sheet: Path) -> None:
    data = json.loads(runner.invoke(app, ["score", str(sheet), "--json"]).stdout)
    assert data["reported"] is False and data["voice"] is None
    assert "only your own decisions count" not in " ".join(runner.invoke(app, ["score", str(sheet)]).output.split())
