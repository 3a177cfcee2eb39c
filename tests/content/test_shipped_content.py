"""The shipped framework and scenario: they load through the one loader and meet the spec."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.content import STEP_IDS, Library
from coach.spec import REQUIRED_IDS

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "concepts.md"


@pytest.fixture(scope="module")
def library() -> Library:
    return Library(use_user_dir=False)


def test_every_shipped_file_loads(library: Library) -> None:
    """Every framework and scenario in the package validates and bundles."""
    assert "nine-step" in library.frameworks
    assert "notifications" in library.scenarios
    for scenario_id in library.scenarios:
        bundle = library.bundle(scenario_id)
        assert list(bundle.checklists) == list(STEP_IDS)


def test_every_spec_id_exists_on_its_step(library: Library) -> None:
    """All 57 ids of spec/concepts.md are checklist items of their own step."""
    bundle = library.bundle("notifications")
    where = {item.id: step for step, item in bundle.all_items()}
    assert len(REQUIRED_IDS) == 57
    for item_id, step in REQUIRED_IDS.items():
        assert where.get(item_id) == step, item_id


@pytest.mark.skipif(not SPEC.exists(), reason="shared/spec is beside the checkout only")
def test_spec_table_matches_the_copy_in_code() -> None:
    """coach/spec.py lists exactly the ids of the spec table."""
    ids = set(re.findall(r"^\| [^|]+ \| ([a-z]+\.[a-z_]+) \|", SPEC.read_text("utf-8"), re.M))
    assert ids == set(REQUIRED_IDS)


def test_nine_steps_in_the_seed_order(library: Library) -> None:
    """The framework has opening, the nine numbered steps in order, and closing."""
    framework = library.framework("nine-step")
    assert [s.number for s in framework.steps] == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]
    assert framework.total_budget_s == 45 * 60


def test_opening_and_closing_windows(library: Library) -> None:
    """The templates carry the seed's windows: opening 3–4 min, closing 1–2 min."""
    framework = library.framework("nine-step")
    opening, closing = framework.step("opening"), framework.step("closing")
    assert (opening.window.min_s, opening.window.max_s) == (180, 240)  # type: ignore[union-attr]
    assert (closing.window.min_s, closing.window.max_s) == (60, 120)  # type: ignore[union-attr]


def test_every_text_has_both_languages(library: Library) -> None:
    """Labels, hints and match rules exist in es and en for every item; es reads as Spanish."""
    bundle = library.bundle("notifications")
    for _, item in bundle.all_items():
        assert item.label.es and item.label.en
        assert item.hint.es != item.hint.en, item.id
        assert item.match.es.phrases or item.match.es.together
        assert item.match.en.phrases or item.match.en.together
    spanish = " ".join(item.hint.es for _, item in bundle.all_items())
    assert re.search(r"[áéíóúñ]", spanish), "Spanish hints should carry accents"


def test_reference_answer_for_every_step(library: Library) -> None:
    """The scenario gives a reference answer, in both languages, for all 11 steps."""
    scenario = library.scenario("notifications")
    assert set(scenario.reference) == set(STEP_IDS)


def test_seed_bullets_reach_the_guidance(library: Library) -> None:
    """Key terms of each seed step appear in that step's English guidance."""
    framework = library.framework("nine-step")
    expected = {
        "requirements": ["p95", "availability"],
        "estimates": ["86,400", "peak"],
        "api": ["idempotency", "version"],
        "architecture": ["async", "cache", "ttl", "partition"],
        "consistency": ["eventual", "order", "dedup"],
        "scaling": ["horizontal", "shard"],
        "failures": ["backoff", "jitter", "dlq", "circuit breaker", "timeout"],
        "observability": ["structured", "tracing", "sampling"],
        "security": ["least", "kms", "waf", "gb"],
    }
    for step_id, words in expected.items():
        text = " ".join(framework.step(step_id).guidance.en).lower()
        for word in words:
            assert word in text, (step_id, word)


def test_patterns_and_estimates_carry_the_seed(library: Library) -> None:
    """The seed's key patterns and quick estimates are part of the framework."""
    framework = library.framework("nine-step")
    names = " ".join(p.name.en for p in framework.patterns).lower()
    for pattern in ("cqrs", "event sourcing", "outbox", "cache-aside", "token bucket", "idempotency"):
        assert pattern in names, pattern
    formulas = " ".join(rule.formula for rule in framework.estimates)
    assert "86,400" in formulas


def test_simulation_and_costs_present(library: Library) -> None:
    """The notifications scenario carries simulation defaults and a dated cost table."""
    scenario = library.scenario("notifications")
    assert scenario.simulation is not None
    assert scenario.costs is not None
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", scenario.costs.as_of)
    drivers = {item.driver for item in scenario.costs.items}
    assert {"volume_gb", "requests", "shard_hours"} <= drivers
