"""A lean discrete-event engine: virtual clock, a heap of (time, seq, callback, arg).

Nothing here reads the wall clock. Ties in time break on the insertion
sequence, so the same seed and the same schedule calls give the same run.
Events are plain tuples and callbacks are bound methods taking one argument:
no per-event objects, which is what makes 1M customers affordable in Python.

One recurring process (an arrival stream) can live outside the heap as the
engine's `source`: it is ordered against the events exactly as if it were in
the heap (by time, then scheduling order), and costs no push or pop.
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections.abc import Callable
from typing import Any

Callback = Callable[[Any], None]
Event = tuple[float, float, Callback, Any]  # (time, sequence, callback, arg); float: the stop mark's inf
Source = Callable[[], float]  # does its work at `now`, returns when to run next (math.inf: never)


class _Stop(Exception):
    """Raised by the stop mark: ends `run` without a test per event."""


def _stop(_: object) -> None:
    """The callback of the stop mark `run(until=...)` pushes: (until, inf, _stop, None)."""
    raise _Stop


class Engine:
    """Virtual time and the pending events; `run(until=...)` or `step()` advance it."""

    __slots__ = ("events_run", "heap", "now", "rng", "sequence", "source", "source_at")

    def __init__(self, rng: random.Random, start: float = 0.0) -> None:
        self.now = start
        self.rng = rng  # the one source of randomness, passed in by the caller
        # Hot models may push `(time, next(sequence), callback, arg)` onto `heap`
        # themselves (heapq.heappush), skipping a method call per event.
        self.heap: list[Event] = []
        self.sequence = itertools.count()
        self.events_run = 0
        self.source: Source | None = None
        self.source_at: tuple[float, int] = (math.inf, -1)  # (time, sequence) of the source's next run

    def set_source(self, time: float, source: Source) -> None:
        """Run `source()` at virtual time `time`, then whenever it says (see `Source`).

        Its place among same-time events is taken now, as `schedule_at` would.
        """
        if time < self.now:
            raise ValueError(f"cannot schedule at {time}, before now ({self.now})")
        self.source = source
        self.source_at = (time, next(self.sequence))

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
        """The time of the next event (the source's included), or infinity when none is pending."""
        return min(self.heap[0][0] if self.heap else math.inf, self.source_at[0])

    @property
    def pending(self) -> int:
        """How many events wait (the source's next run counts as one)."""
        return len(self.heap) + (self.source_at[0] < math.inf)

    def _run_source(self) -> None:
        self.now = self.source_at[0]
        assert self.source is not None
        self.source_at = (self.source(), next(self.sequence))

    def step(self) -> bool:
        """Run the next event; False when there is none."""
        if self.heap and self.heap[0] < self.source_at:
            time, _, callback, arg = heapq.heappop(self.heap)
            self.now = time
            callback(arg)
        elif self.source_at[0] < math.inf:
            self._run_source()
        else:
            return False
        self.events_run += 1
        return True

    def run(self, until: float | None = None) -> int:
        """Run events up to and including time `until` (all of them if None); return how many.

        With `until`, the clock ends at `until` even if the heap empties earlier.
        """
        heap, pop = self.heap, heapq.heappop
        start = self.now
        count, stopped = 0, False
        if self.source is not None and self.source_at[0] < math.inf:
            count, stopped = self._run_with_source(math.inf if until is None else until)
        if stopped:
            pass
        elif until is None:
            while heap:
                time, _, callback, arg = pop(heap)
                self.now = time
                count += 1
                callback(arg)
        else:
            # A stop mark after every event at `until` replaces a bounds check per event:
            # the heap is never empty before it, and its callback raises _Stop.
            heapq.heappush(heap, (until, math.inf, _stop, None))
            try:
                while True:
                    time, _, callback, arg = pop(heap)
                    self.now = time
                    count += 1
                    callback(arg)
            except _Stop:
                count -= 1  # the stop mark is no event
        if until is not None:
            self.now = until if until > start else start  # (the stop mark set it to `until`)
        self.events_run += count
        return count

    def _run_with_source(self, until: float) -> tuple[int, bool]:
        """Merge the heap with the source's runs in (time, sequence) order, up to `until`
        or the source's end; return (events run, whether `until` was reached)."""
        heap, pop, sequence, source, never = self.heap, heapq.heappop, self.sequence, self.source, math.inf
        assert source is not None
        mark = (until, never, _stop, None)
        heapq.heappush(heap, mark)
        source_at = self.source_at
        count = 0
        try:
            while True:
                if heap[0] < source_at:  # a 4-tuple against a 2-tuple: time, then sequence
                    time, _, callback, arg = pop(heap)
                    self.now = time
                    count += 1
                    callback(arg)
                else:
                    self.now = source_at[0]
                    count += 1
                    source_at = self.source_at = (source(), next(sequence))
                    if source_at[0] == never:  # the source is done: the rest is a plain run
                        # Take the mark out (found by identity, not by comparing events).
                        heap[next(i for i, event in enumerate(heap) if event is mark)] = heap[-1]
                        heap.pop()
                        heapq.heapify(heap)
                        return count, False
        except _Stop:
            return count - 1, True
