"""Fixtures for the simulation tests: the scenario's defaults and a small, fast base config."""

from __future__ import annotations

import pytest

from coach.content import Bundle, Library
from coach.sim.config import SimConfig


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    """The shipped notifications scenario with its framework."""
    return Library(use_user_dir=False).bundle("notifications")


@pytest.fixture
def small(bundle: Bundle) -> SimConfig:
    """The reference design, one channel, a few seconds: fast enough for property tests."""
    assert bundle.scenario.simulation is not None
    return SimConfig.from_defaults(
        bundle.scenario.simulation, duration_s=10.0, peak_factor=1.0, log_sample_rate=0.0, samples=10
    )
