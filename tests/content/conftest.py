"""Fixtures for content tests: the small valid framework/scenario pair, and a way to break it."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


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
