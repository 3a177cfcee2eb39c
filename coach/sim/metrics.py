"""Streaming metrics: gauges sampled over time and bounded-memory histograms.

Counters are plain attributes of the service (one integer add each, on the hot path).

Percentiles never come from a list of every sample: `Histogram` keeps counts in
log-linear buckets (200 per natural-log unit, so a bucket spans 0.5 % and its
midpoint is within 0.25 % of any value in it), a fixed few thousand integers
whatever the number of samples.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Public so the hottest loops (M/M/c, the service) can inline `record`: the bucket index is
# trunc((log2(value) - BUCKET_LOG2_LOW) * BUCKETS_PER_LOG2) for value > ZERO_BELOW, the same
# buckets as 200 per unit of ln(x): math.log2 takes one argument and costs a third of
# math.log here (which parses an optional base).
BUCKETS_PER_LN = _PER_LN = 200  # buckets per unit of ln(x): width exp(1/200) - 1 = 0.50 %
ZERO_BELOW = _LOW = 1e-7  # seconds; anything at or below counts as zero (a wait that did not happen)
_HIGH = 1e7
BUCKET_LN_LOW = _LN_LOW = math.log(_LOW)
BUCKET_COUNT = _SIZE = int((math.log(_HIGH) - _LN_LOW) * _PER_LN) + 1  # an index >= this: use `record`
BUCKET_LOG2_LOW = _LOG2_LOW = math.log2(_LOW)
BUCKETS_PER_LOG2 = _PER_LOG2 = _PER_LN * math.log(2)
RELATIVE_ERROR = math.exp(0.5 / _PER_LN) - 1  # worst case of a reported percentile
_log2 = math.log2
_trunc = math.trunc  # int(x) for a float, through a cheaper call


class Histogram:
    """Counts of positive values (seconds) in log-linear buckets, plus their exact sum.

    `record` is on the hot path of every run, so it does the least it can:
    the count, the minimum and the maximum are derived from the buckets.
    """

    __slots__ = ("counts", "overflow", "total", "zeros")

    def __init__(self) -> None:
        self.counts = [0] * _SIZE
        self.zeros = 0  # values <= 1e-7 s: recorded, reported as 0 (a wait that did not happen)
        self.overflow = 0.0  # largest value beyond the last bucket, if any (kept there)
        self.total = 0.0

    def record(self, value: float) -> None:
        """Add one value."""
        self.total += value
        if value > _LOW:
            try:
                self.counts[_trunc((_log2(value) - _LOG2_LOW) * _PER_LOG2)] += 1
            except IndexError:
                self.counts[-1] += 1
                self.overflow = max(self.overflow, value)
        else:
            self.zeros += 1

    def merge(self, other: Histogram) -> None:
        """Add another histogram's counts into this one."""
        self.counts = [a + b for a, b in zip(self.counts, other.counts, strict=True)]
        self.zeros += other.zeros
        self.total += other.total
        self.overflow = max(self.overflow, other.overflow)

    @property
    def count(self) -> int:
        """How many values were recorded."""
        return self.zeros + sum(self.counts)

    @property
    def mean(self) -> float:
        """The exact mean (0 when empty)."""
        count = self.count
        return self.total / count if count else 0.0

    @property
    def max(self) -> float:
        """The largest value, within RELATIVE_ERROR (0 when empty)."""
        for index in range(_SIZE - 1, -1, -1):
            if self.counts[index]:
                return self.overflow if index == _SIZE - 1 and self.overflow else _mid(index)
        return 0.0

    def percentile(self, q: float) -> float:
        """The q-quantile (0 < q <= 1), within RELATIVE_ERROR; 0 when empty."""
        count = self.count
        if not count:
            return 0.0
        rank = max(1, math.ceil(q * count))
        if rank <= self.zeros:
            return 0.0
        seen = self.zeros
        for index, bucket in enumerate(self.counts):
            seen += bucket
            if seen >= rank:
                return _mid(index)
        return self.max  # pragma: no cover - the ranks always end inside the buckets

    def bins(self, edges: list[float]) -> list[int]:
        """Counts between consecutive `edges` (seconds), for a terminal chart.

        A bucket goes to the bin holding its midpoint; the first bin also takes zeros,
        the last everything above it.
        """
        out = [0] * (len(edges) - 1)
        if not out:
            return out
        out[0] += self.zeros
        position = 0
        for index, bucket in enumerate(self.counts):
            if not bucket:
                continue
            value = _mid(index)
            while position < len(out) - 1 and value >= edges[position + 1]:
                position += 1
            out[position] += bucket
        return out


def _mid(index: int) -> float:
    """The geometric midpoint of a bucket."""
    return math.exp(_LN_LOW + (index + 0.5) / _PER_LN)


@dataclass
class TimeSeries:
    """A gauge sampled at a fixed interval of virtual time."""

    name: str
    interval_s: float
    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)

    @property
    def peak(self) -> float:
        return max(self.values, default=0.0)
