"""`coach sim` and `coach demo` through the CLI: JSON contract, rendering, one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app

runner = CliRunner()
FAST = ["--duration", "5", "--qps", "50"]


def test_sim_json_has_the_design_contract_fields() -> None:
    """DESIGN.md: offered, delivered, dlq, retries, latency_ms{p50,p95,p99,mean}, wait_ms{mean,p95}, utilization, seed, parameters."""
    result = runner.invoke(app, ["sim", "notifications", *FAST, "--seed", "7", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("offered", "delivered", "dlq", "retries", "utilization", "seed", "parameters"):
        assert key in data
    assert set(data["latency_ms"]) >= {"p50", "p95", "p99", "mean"}
    assert set(data["wait_ms"]) == {"mean", "p95"}
    assert data["seed"] == 7 and data["parameters"]["qps"] == 50
    assert data["delivered"] + data["dlq"] + data["expired"] + data["in_flight"] == data["published"]


def test_sim_json_is_reproducible() -> None:
    """Same seed, same JSON."""
    first = runner.invoke(app, ["sim", "notifications", *FAST, "--json"]).stdout
    assert runner.invoke(app, ["sim", "notifications", *FAST, "--json"]).stdout == first


def test_sim_summary_renders_charts_in_spanish() -> None:
    """The rich summary: percentiles against the SLO, histogram, queue and DLQ over time, cost."""
    result = runner.invoke(app, ["sim", "notifications", *FAST, "--outage", "1:2", "--lang", "es"])
    assert result.exit_code == 0, result.output
    for text in ("Latencia de entrega", "objetivo", "Histograma de latencia", "Profundidad de la DLQ",
                 "Coste mensual", "circuit breaker"):
        assert text in result.stdout
    assert "│█" in result.stdout


def test_outage_names_any_channel_and_is_repeatable() -> None:
    """`--outage CHANNEL:START:DURATION` for any channel, repeatable; the old START:LEN still works."""
    result = runner.invoke(app, ["sim", "notifications", *FAST, "--outage", "sms:1:2", "--outage", "email:0:1",
                                 "--outage", "3:1", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["parameters"]["outages"] == ["sms:1:2", "email:0:1", "3:1"]
    assert set(data["failed_over_by_channel"]) == {"push", "email", "sms"}
    assert {"expired", "peak_retries_per_s", "bounced_by_channel", "suppressed_by_channel"} <= set(data)


def test_sim_cost_agrees_with_the_demo_and_names_what_dominates() -> None:
    """`coach sim` and `coach demo` give the same monthly figure; SMS dominates, then email."""
    sim = json.loads(runner.invoke(app, ["sim", "notifications", "--duration", "5", "--json"]).stdout)
    demo = json.loads(runner.invoke(app, ["demo", "notifications", "--step", "security", "--json"]).stdout)
    monthly = next(f["value"] for f in demo["demos"][0]["figures"] if f["key"] == "monthly")
    assert sim["cost"]["monthly_total"] == monthly
    assert sim["cost"]["dominant"][:2] == ["sms.segments", "email.messages"]
    assert sim["cost"]["sms"] == {"encoding": "UCS-2", "characters": 96, "segments": 2}
    assert 4 <= sim["cost"]["kv_writes_per_notification"] <= 5


def test_sim_summary_in_spanish_names_the_outage_and_the_dominant_cost() -> None:
    """The Spanish summary says «caída sms:1:2», the mix, and what dominates the bill."""
    result = runner.invoke(app, ["sim", "notifications", *FAST, "--outage", "sms:1:2", "--lang", "es"])
    assert result.exit_code == 0, result.output
    for text in ("caída sms:1:2", "mezcla de canales", "Domina: SMS a España", "segmento(s)",
                 "escrituras clave-valor por notificación", "expirados"):
        assert text in " ".join(result.stdout.split()), text


def test_sim_summary_in_spanish_writes_spanish_numbers() -> None:
    """Money, percentages and the cost table's own Spanish labels read the Spanish way."""
    result = runner.invoke(app, ["sim", "notifications", *FAST, "--lang", "es"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    for expected in ("fallos 2,0 %", "(99 %)", "por cada 1.000 emails", "0,25 vCPU", "~0,004"):
        assert expected in text, expected
    assert re.search(r" \d{1,3}(?:\.\d{3})+,\d{2} USD al mes", text)
    assert not re.search(r"\d,\d{3}\.\d{2} USD", text) and "1,000 emails" not in text


def test_mmc_json_reports_erlang_c_and_littles_law() -> None:
    """--model mmc compares with Erlang C."""
    result = runner.invoke(app, ["sim", "notifications", "--model", "mmc", "--qps", "80", "--workers", "10",
                                 "--service-ms", "100", "--duration", "1000", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["model"] == "mmc" and data["delivered"] == 80_000
    assert abs(data["relative_error"]["mean_response_s"]) < 0.05
    assert data["littles_law_error"] < 0.02


def test_mmc_summary_in_english() -> None:
    """The table shows measured, theory and error."""
    result = runner.invoke(app, ["sim", "notifications", "--model", "mmc", "--qps", "8", "--workers", "2",
                                 "--service-ms", "100", "--duration", "200"])
    assert result.exit_code == 0, result.output
    assert "Erlang C (theory)" in result.stdout and "Little's law" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--outage", "abc"], "coach: --outage: expected CHANNEL:START:DURATION in seconds (e.g. sms:30:60) or START:DURATION, got 'abc'\n"),
    (["--qps", "-1"], "coach: --qps: must be > 0, got -1\n"),
    (["--qps", "lots"], "coach: --qps: expected a number, got 'lots'\n"),
    (["--workers", "2.5"], "coach: --workers: expected a whole number, got '2.5'\n"),
    (["--service-dist", "pareto"], "coach: --service-dist: use exp, const or lognormal, got 'pareto'\n"),
    (["--channels", "fax"], "coach: --channels: expected a comma list of email, push, sms, got 'fax'\n"),
    (["--fail-rate", "2"], "coach: --fail-rate: must be within 0..1, got 2\n"),
    (["--model", "mm1"], "coach: --model: use service or mmc, got 'mm1'\n"),
    (["--log-sample", "2"], "coach: --log-sample: must be within 0..1, got 2\n"),
])
def test_bad_flag_values_exit_2_with_one_line(args: list[str], message: str) -> None:
    """A bad value names the flag on one line of stderr, exit 2."""
    result = runner.invoke(app, ["sim", "notifications", *args])
    assert result.exit_code == 2
    assert result.stderr == message


def test_unknown_scenario_is_one_line() -> None:
    """Unknown scenario: exit 2, one line."""
    result = runner.invoke(app, ["sim", "nope"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_from_sheet(tmp_path: Path) -> None:
    """--from-sheet prints the verdict; --json carries ok, stated and measured."""
    sheet = tmp_path / "answers.md"
    sheet.write_text(
        "<!-- coach: scenario=notifications lang=en -->\n<!-- step: estimates -->\n## 2\n"
        "100 req/s, peak x5.\n<!-- step: requirements -->\n## 1\np99 < 2 s\n<!-- step: scaling -->\n## 6\n"
        "20 workers\n", encoding="utf-8")
    result = runner.invoke(app, ["sim", "notifications", "--from-sheet", str(sheet), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["stated"]["workers"] == 20
    assert "workers meet it" in data["verdict"]
    shown = runner.invoke(app, ["sim", "notifications", "--from-sheet", str(sheet)])
    assert "✗ p99" in shown.stdout
    missing = runner.invoke(app, ["sim", "notifications", "--from-sheet", str(tmp_path / "none.md")])
    assert missing.exit_code == 2 and "none.md: no such file" in missing.stderr


def test_demo_one_step_in_spanish() -> None:
    """coach demo --step renders the step's title, explanation and table."""
    result = runner.invoke(app, ["demo", "notifications", "--step", "api", "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert "API: idempotencia en la práctica" in result.stdout and "409" in result.stdout


def test_demo_json_lists_all_nine() -> None:
    """Without --step, all nine demos, in order."""
    result = runner.invoke(app, ["demo", "notifications", "--json"])
    assert result.exit_code == 0, result.output
    steps = [demo["step"] for demo in json.loads(result.stdout)["demos"]]
    assert steps == ["requirements", "estimates", "api", "architecture", "consistency", "scaling",
                     "failures", "observability", "security"]


def test_demo_unknown_step() -> None:
    """A step without a demo is one line, exit 2."""
    result = runner.invoke(app, ["demo", "notifications", "--step", "closing"])
    assert result.exit_code == 2 and "--step: unknown step 'closing'" in result.stderr


@pytest.mark.parametrize("command", ["sim", "demo"])
def test_help_has_an_example(command: str) -> None:
    """--help is the docstring, with an example invocation."""
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and f"Example: coach {command} notifications" in result.stdout


def test_sampled_log_lines_stay_valid_json_in_spanish() -> None:
    """Numbers are written the Spanish way in the summary, but log lines stay machine-readable."""
    result = runner.invoke(app, ["sim", "notifications", *FAST, "--log-sample", "0.2", "--lang", "es"])
    assert result.exit_code == 0, result.output
    logs = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith('{"t":')]
    assert logs and all(json.loads(line)["traceId"] for line in logs if line.endswith("}"))
    as_json = json.loads(runner.invoke(app, ["sim", "notifications", *FAST, "--log-sample", "0.2", "--json"]).stdout)
    assert as_json["log_lines"] and as_json["parameters"]["log_sample_rate"] == 0.2


def test_backoff_above_the_cap_lifts_the_cap() -> None:
    """--backoff-ms above the scenario's cap is taken as both base and cap, not refused."""
    result = runner.invoke(app, ["sim", "notifications", *FAST, "--backoff-ms", "60000", "--json"])
    assert result.exit_code == 0, result.output
    parameters = json.loads(result.stdout)["parameters"]
    assert parameters["backoff_base_s"] == parameters["backoff_cap_s"] == 60.0
