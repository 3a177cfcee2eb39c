"""Shared fixtures: every test runs with its own COACH_HOME and no language from the machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test reads or writes the real user data dir, or depends on the machine's locale."""
    home = tmp_path_factory.mktemp("coach-home")
    monkeypatch.setenv("COACH_HOME", str(home))
    for var in ("COACH_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "COACH_CONTENT_DIR"):
        monkeypatch.delenv(var, raising=False)
    from coach.cli.common import STATE

    STATE.content_dir = None
    STATE.debug = False
    STATE.lang = None
    yield home


@pytest.fixture
def home(_isolated_home: Path) -> Path:
    """The COACH_HOME of this test."""
    return _isolated_home


@pytest.fixture(scope="session")
def shipped():  # type: ignore[no-untyped-def]
    """The shipped nine-step framework with the notifications scenario (loaded once per run)."""
    from coach.content import Library

    return Library(use_user_dir=False).bundle("notifications")


@pytest.fixture
def covered_ids(shipped):  # type: ignore[no-untyped-def]
    """`covered_ids(step, text)`: the checklist ids one English answer to `step` covers (shipped scenario)."""
    from coach.scoring import score_answers

    def covered(step: str, text: str) -> frozenset[str]:
        return score_answers({step: text}, shipped, "en").covered_ids()

    return covered
