"""Session fixtures: a small content bundle, a fake clock, an in-memory store, a simple scorer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from session_helpers import FakeClock, load_mini, simple_score

from coach.content import Bundle
from coach.session import Engines
from coach.store import Store


@pytest.fixture
def mini() -> Bundle:
    """The small 11-step content bundle of tests/session/data."""
    return load_mini()


@pytest.fixture
def clock() -> FakeClock:
    """A clock the test advances by hand."""
    return FakeClock()


@pytest.fixture
def store() -> Iterator[Store]:
    """An in-memory history database with a ticking fake wall clock."""
    ticks = iter(range(10_000))
    with Store(":memory:", now=lambda: 1_790_000_000.0 + next(ticks)) as db:
        yield db


@pytest.fixture
def engines() -> Engines:
    """The simple substring scorer; no simulation."""
    return Engines(score_answers=simple_score)
