"""Issue 11: the rate limiter's own figures (the shared checks and its table row are in
test_scenarios_common.py and scenario_table.toml): a reference whose numbers agree with the facts."""

from __future__ import annotations

import re

import pytest

from coach.content import Bundle

SCENARIO = "rate-limiter"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_reference_numbers_agree_with_the_facts(bundle: Bundle, lang: str) -> None:
    """The review found a 5 ms timeout against a 2 ms p99 budget and regional headroom stacked on the sync error."""
    ref = {step: text(lang) for step, text in bundle.scenario.reference.items()}  # type: ignore[arg-type]
    # The synchronous Redis timeout fits the limiter's 2 ms p99 budget.
    timeout = re.search(r"(\d+(?:[.,]\d+)?) ms (?:for the synchronous scripts|para los scripts síncronos)", ref["failures"])
    assert timeout and float(timeout.group(1).replace(",", ".")) < 2
    assert "5 ms" not in ref["closing"].replace("1,5 ms", "").replace("1.5 ms", "")
    # Regional shares leave room for the in-region sync error inside the 10 % tolerance.
    assert "105 %" in ref["consistency"] and "110 %" not in ref["consistency"]
    # Every gateway spends only its slice of the synced balance (else 40 gateways spend it 40 times).
    assert re.search(r"slice|porción", ref["architecture"])
    # Costs: 18 nodes × 150 = 2,700; 2,700 + 1,000 + 600 + 200 = 4,500.
    sep = "." if lang == "es" else ","
    for figure in (f"2{sep}700 USD", f"4{sep}500 USD"):
        assert figure in ref["security"] and figure in ref["closing"]
    assert 18 * 150 == 2700 and 2700 + 1000 + 600 + 200 == 4500
    # Authentication traffic is a fact, so the login figures in the estimates can be derived.
    endpoints = next(f for f in bundle.scenario.facts if f.id == "endpoints")
    assert "300" in endpoints.answer.es and "300" in endpoints.answer.en
