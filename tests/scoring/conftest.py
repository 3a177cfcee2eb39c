"""Fixtures of the scoring tests: the tiny bundle (see scoring_tiny_bundle.py)."""

from __future__ import annotations

import pytest
from scoring_tiny_bundle import TINY

from coach.content import Bundle


@pytest.fixture(scope="session")
def tiny() -> Bundle:
    """A tiny framework + scenario built in code, independent of shipped content."""
    return TINY


@pytest.fixture(scope="session")
def shipped_like() -> Bundle:
    """The tiny bundle with one more phrase: same ids, different matching data."""
    from scoring_tiny_bundle import TINY_ITEMS, _framework

    from coach.content import Framework, Scenario, bundle

    data = _framework()
    for step in data["steps"]:
        if step["id"] == "closing":
            step["items"] = [dict(TINY_ITEMS["closing"][0])]
            step["items"][0]["match"] = {
                "es": {"phrases": ["pruebas de carga", "pruebas de estrés"]},
                "en": {"phrases": ["load tests", "stress tests"]},
            }
    scenario = Scenario.model_validate(
        {"id": "tiny", "framework": "tiny-frame", "title": {"es": "T", "en": "T"}, "brief": {"es": "b", "en": "b"}}
    )
    return bundle(Framework.model_validate(data), scenario)
