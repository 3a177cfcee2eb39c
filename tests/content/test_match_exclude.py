"""[match_exclude] and [match_extra]: a scenario adds exclude phrases or its own words to a framework item, for itself only."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.content import Library
from coach.scoring import score_answers

EDGE = "A rate-limit filter in each gateway throttles abusive API keys at the edge."


@pytest.mark.parametrize(("scenario", "earned"), [("rate-limiter", False), ("notifications", True)])
def test_rate_limiting_at_the_gateway_is_the_rate_limiter_itself(scenario: str, earned: bool) -> None:
    """In the rate limiter, limiting at the gateway is the product; elsewhere it is edge protection."""
    bundle = Library(use_user_dir=False).bundle(scenario)
    covered = score_answers({"security": EDGE}, bundle, "en").covered_ids()
    assert ("sec.input_validation" in covered) is earned


def test_real_input_validation_still_counts_in_the_rate_limiter() -> None:
    bundle = Library(use_user_dir=False).bundle("rate-limiter")
    text = "The admin API validates every rule against a JSON schema and rejects unknown fields; a WAF sits in front."
    assert "sec.input_validation" in score_answers({"security": text}, bundle, "en").covered_ids()


def _validate_misspelt(tmp_path: Path, scenario: str, written: str, misspelt: str) -> str:
    """`coach scenarios validate` on a copy of a shipped scenario with one id misspelt; exit 2, its output."""
    source = Path(__file__).parents[2] / "scenarios" / f"{scenario}.toml"
    bad = tmp_path / f"{scenario}.toml"
    bad.write_text(source.read_text(encoding="utf-8").replace(written, misspelt, 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["scenarios", "validate", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    return result.output


def test_an_unknown_item_in_match_exclude_names_the_field(tmp_path: Path) -> None:
    """A misspelt framework id is an error an author can act on: file, line, field, a suggestion."""
    output = _validate_misspelt(tmp_path, "rate-limiter", '"sec.input_validation" = {', '"sec.input_validaton" = {')
    assert "match_exclude.sec.input_validaton" in output and "sec.input_validation" in output


FUNCTIONS = {
    "url-shortener": "Users create a short link and anyone who opens it is redirected to the long URL.",
    "chat": "Users send messages one to one and in groups, and receive them on every device.",
    "news-feed": "People publish posts, follow accounts and read a ranked home feed.",
}


@pytest.mark.parametrize("scenario", sorted(FUNCTIONS))
def test_match_extra_reads_the_functions_of_each_scenario(scenario: str) -> None:
    """[match_extra]: req.functional is earned by this scenario's own operations, not another's."""
    library = Library(use_user_dir=False)
    text = FUNCTIONS[scenario]
    assert "req.functional" in score_answers({"requirements": text}, library.bundle(scenario), "en").covered_ids()
    assert "req.functional" not in score_answers({"requirements": text}, library.bundle("payments"), "en").covered_ids()


def test_a_functional_label_counts_but_non_functional_does_not() -> None:
    bundle = Library(use_user_dir=False).bundle("payments")
    said = score_answers({"requirements": "Funcionales: cobrar, reembolsar y pagar a vendedores."}, bundle, "es")
    assert "req.functional" in said.covered_ids()
    said = score_answers({"requirements": "No funcionales: latencia baja y durabilidad."}, bundle, "es")
    assert "req.functional" not in said.covered_ids()


def test_an_unknown_item_in_match_extra_names_the_field(tmp_path: Path) -> None:
    output = _validate_misspelt(tmp_path, "chat", '[match_extra."req.functional"]', '[match_extra."req.functionl"]')
    assert "match_extra.req.functionl" in output and "req.functional" in output
