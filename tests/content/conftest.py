"""Fixtures for content tests: the small valid framework/scenario pair, a way to break it, and the
shipped scenarios with their reference answers."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from coach.content import Bundle, Library
from coach.sheet import render_answers

FIXTURES = Path(__file__).parent / "fixtures"
_LIBRARY = Library(use_user_dir=False)


@cache
def _shipped_bundle(scenario_id: str) -> Bundle:
    return _LIBRARY.bundle(scenario_id)


@pytest.fixture(scope="session")
def shipped_bundle() -> Callable[[str], Bundle]:
    """`shipped_bundle(id)`: the shipped bundle of one scenario, loaded once per run."""
    return _shipped_bundle


@pytest.fixture(scope="module")
def bundle(request: pytest.FixtureRequest) -> Bundle:
    """The shipped bundle of the test module's `SCENARIO`."""
    return _shipped_bundle(request.module.SCENARIO)


def _reference_answers(bundle: Bundle, lang: str) -> dict[str, str]:
    return {step: text(lang) for step, text in bundle.scenario.reference.items()}  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def reference_answers() -> Callable[[Bundle, str], dict[str, str]]:
    """`reference_answers(bundle, lang)`: the scenario's reference answer in one language, step by step."""
    return _reference_answers


@pytest.fixture(scope="session")
def reference_sheet() -> Callable[[Bundle, str], str]:
    """`reference_sheet(bundle, lang)`: the reference answer as a Markdown answer sheet."""

    def sheet(bundle: Bundle, lang: str) -> str:
        return render_answers(bundle.scenario.id, lang, _reference_answers(bundle, lang))  # type: ignore[arg-type]

    return sheet


@pytest.fixture
def mini_framework_text() -> str:
    """The text of a small valid framework."""
    return (FIXTURES / "mini-framework.toml").read_text(encoding="utf-8")


@pytest.fixture
def mini_scenario_text() -> str:
    """The text of a small valid scenario on that framework."""
    return (FIXTURES / "mini-scenario.toml").read_text(encoding="utf-8")


@pytest.fixture
def content_dir(tmp_path: Path, mini_framework_text: str, mini_scenario_text: str) -> Path:
    """A user content dir holding the mini framework and scenario."""
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "frameworks" / "mini.toml").write_text(mini_framework_text, encoding="utf-8")
    (tmp_path / "scenarios" / "mini-scenario.toml").write_text(mini_scenario_text, encoding="utf-8")
    return tmp_path
