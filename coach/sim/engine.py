"""A lean discrete-event engine: virtual clock, a heap of (time, seq, callback, arg).

Nothing here reads the wall clock. Ties in time break on the insertion
sequence, so the same seed and the same schedule calls give the same run.
Events are plain tuples and callbacks are bound methods taking one argument:
no per-event objects, which is what makes 1M customers affordable in Python.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable
from typing import Any

Callback = Callable[[Any], None]
Event = tuple[float, int, Callback, Any]


class Engine:
    """Virtual time and the pending events; `run(until=...)` or `step()` advance it."""

    __slots__ = ("events_run", "heap", "now", "rng", "sequence")

    def __init__(self, rng: random.Random, start: float = 0.0) -> None:
        self.now = start
        self.rng = rng  # the one source of randomness, passed in by the caller
        # Hot models may push `(time, next(sequence), callback, arg)` onto `heap`
        # themselves (heapq.heappush), skipping a method call per event.
        self.heap: list[Event] = []
        self.sequence = itertools.count()
        self.events_run = 0

    def schedule(self, delay: float, callback: Callback, arg: Any = None) -> None:
        """Call `callback(arg)` `delay` seconds of virtual time from now."""
        if delay < 0:
            raise ValueError(f"cannot schedule in the past (delay {delay})")
        heapq.heappush(self.heap, (self.now + delay, next(self.sequence), callback, arg))

    def schedule_at(self, time: float, callback: Callback, arg: Any = None) -> None:
        """Call `callback(arg)` at virtual time `time` (not before now)."""
        if time < self.now:
            raise ValueError(f"cannot schedule at {time}, before now ({self.now})")
        heapq.heappush(self.heap, (time, next(self.sequence), callback, arg))

    def peek(self) -> float:
        """The time of the next event, or infinity when none is pending."""
        return self.heap[0][0] if self.heap else float("inf")

    @property
    def pending(self) -> int:
        """How many events wait in the heap."""
        return len(self.heap)

    def step(self) -> bool:
        """Run the next event; False when there is none."""
        if not self.heap:
            return False
        time, _, callback, arg = heapq.heappop(self.heap)
        self.now = time
        self.events_run += 1
        callback(arg)
        return True

    def run(self, until: float | None = None) -> int:
        """Run events up to and including time `until` (all of them if None); return how many.

        With `until`, the clock ends at `until` even if the heap empties earlier.
        """
        heap, pop = self.heap, heapq.heappop
        count = 0
        if until is None:
            while heap:
                time, _, callback, arg = pop(heap)
                self.now = time
                count += 1
                callback(arg)
        else:
            while heap and heap[0][0] <= until:
                time, _, callback, arg = pop(heap)
                self.now = time
                count += 1
                callback(arg)
            if until > self.now:
                self.now = until
        self.events_run += count
        return count
