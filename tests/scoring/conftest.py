"""Fixtures of the scoring tests: the tiny bundle (see scoring_tiny_bundle.py)."""

from __future__ import annotations

import pytest
from scoring_tiny_bundle import TINY

from coach.content import Bundle


@pytest.fixture(scope="session")
def tiny() -> Bundle:
    """A tiny framework + scenario built in code, independent of shipped content."""
    return TINY
