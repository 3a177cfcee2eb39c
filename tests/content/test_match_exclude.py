"""[match_exclude]: a scenario adds exclude phrases to a framework item, for itself only."""

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


def test_an_unknown_item_in_match_exclude_names_the_field(tmp_path: Path) -> None:
    """A misspelt framework id is an error an author can act on: file, line, field, a suggestion."""
    source = Path(__file__).parents[2] / "scenarios" / "rate-limiter.toml"
    text = source.read_text(encoding="utf-8").replace('"sec.input_validation" = {', '"sec.input_validaton" = {', 1)
    bad = tmp_path / "rate-limiter.toml"
    bad.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["scenarios", "validate", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    assert "match_exclude.sec.input_validaton" in result.output and "sec.input_validation" in result.output
