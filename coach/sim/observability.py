"""Structured JSON log lines with traceId/spanId, sampled per trace."""

from __future__ import annotations

import json
from typing import Any

_MASK64 = (1 << 64) - 1


def _mix(value: int) -> int:
    """A 64-bit integer hash (splitmix64): ids and sampling without touching the run's rng."""
    value = (value + 0x9E3779B97F4A7C15) & _MASK64
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK64
    return value ^ (value >> 31)


class TraceLog:
    """Keeps the first `max_lines` JSON lines of the sampled traces; counts them all.

    A notification is sampled (all its spans or none) when the hash of its id
    falls under the sample rate, so sampling never shifts the random stream:
    the same seed gives the same run at any sample rate.
    """

    __slots__ = ("_seed", "lines", "max_lines", "salt", "sample_rate", "threshold", "total")

    def __init__(self, sample_rate: float, max_lines: int, seed: int) -> None:
        self.sample_rate = sample_rate
        self.threshold = int(sample_rate * (1 << 32))
        self.salt = _mix(seed) & 0xFFFFFFFF
        self._seed = seed
        self.max_lines = max_lines
        self.lines: list[str] = []
        self.total = 0

    def sampled(self, notification_id: int) -> bool:
        # Fibonacci hashing in 32 bits: cheap (it runs per notification) and even enough.
        return ((notification_id * 2654435761) ^ self.salt) & 0xFFFFFFFF < self.threshold

    def trace_id(self, notification_id: int) -> str:
        high = _mix(notification_id ^ self._seed)
        return f"{high:016x}{_mix(high):016x}"

    def span_id(self, notification_id: int, channel: str, attempt: int) -> str:
        salt = sum(ord(ch) << (8 * i) for i, ch in enumerate(channel))
        return f"{_mix(_mix(notification_id ^ self._seed) ^ salt ^ (attempt << 48)):016x}"

    def emit(self, time_s: float, level: str, event: str, **fields: Any) -> None:
        """Write one line (kept while under `max_lines`)."""
        self.total += 1
        if len(self.lines) < self.max_lines:
            record = {"t": round(time_s, 6), "level": level, "event": event, **fields}
            self.lines.append(json.dumps(record, separators=(",", ":"), sort_keys=False))
