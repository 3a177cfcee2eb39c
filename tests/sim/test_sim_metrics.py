"""The bounded-memory histogram."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.sim.metrics import RELATIVE_ERROR, Histogram


def _exact(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=1e-5, max_value=1e5), min_size=1, max_size=400),
       st.sampled_from([0.5, 0.9, 0.95, 0.99, 1.0]))
def test_percentiles_are_within_the_stated_relative_error(values: list[float], q: float) -> None:
    """Every percentile is within 0.25 % of the exact order statistic."""
    histogram = Histogram()
    for value in values:
        histogram.record(value)
    exact = _exact(values, q)
    assert abs(histogram.percentile(q) - exact) <= exact * RELATIVE_ERROR * 1.0001
    assert histogram.count == len(values)
    assert math.isclose(histogram.mean, sum(values) / len(values), rel_tol=1e-9)


def test_memory_does_not_grow_with_samples() -> None:
    """A million samples use the same buckets as one."""
    histogram = Histogram()
    size = len(histogram.counts)
    rng = random.Random(3)
    for _ in range(200_000):
        histogram.record(rng.expovariate(10))
    assert len(histogram.counts) == size
    assert histogram.count == 200_000


def test_zeros_and_merge() -> None:
    """Zero waits count as zeros; merging adds counts and sums."""
    left, right = Histogram(), Histogram()
    for value in (0.0, 0.0, 0.0, 0.2):
        left.record(value)
    right.record(0.4)
    assert left.percentile(0.5) == 0.0
    left.merge(right)
    assert left.count == 5
    assert math.isclose(left.mean, 0.6 / 5)
    assert abs(left.percentile(1.0) - 0.4) <= 0.4 * RELATIVE_ERROR


def test_bins_put_every_sample_somewhere() -> None:
    """Chart bins add up to the count."""
    histogram = Histogram()
    for value in (0.001, 0.01, 0.1, 1.0, 10.0):
        histogram.record(value)
    assert histogram.bins([0.0, 0.05, 0.5, math.inf]) == [2, 1, 2]
