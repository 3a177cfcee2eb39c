"""Library fixtures: the tiny-shop content folder and a CLI runner pointed at it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from coach.cli import app

DATA = Path(__file__).parent / "data"

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def _fresh_library() -> None:
    """Each test builds its own library (the user data dir differs per test)."""
    from coach.cli.common import STATE

    STATE._library = None


@pytest.fixture
def coach() -> Invoke:
    """Run `coach --content-dir tests/library/data ARGS...`."""

    def invoke(*args: str, content_dir: Path | None = DATA) -> Result:
        prefix = ["--content-dir", str(content_dir)] if content_dir is not None else []
        return CliRunner().invoke(app, [*prefix, *args])

    return invoke
