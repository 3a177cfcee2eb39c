"""The discrete-event engine: ordering, clock, run/step."""

from __future__ import annotations

import math
import random

import pytest

from coach.sim.engine import Engine


def test_events_run_in_time_order_and_ties_in_insertion_order() -> None:
    """Events with equal times run in the order they were scheduled."""
    engine = Engine(random.Random(1))
    seen: list[tuple[float, str]] = []
    for delay, name in ((2.0, "c"), (1.0, "a"), (1.0, "b"), (0.5, "first")):
        engine.schedule(delay, lambda arg: seen.append((engine.now, arg)), name)
    engine.run()
    assert seen == [(0.5, "first"), (1.0, "a"), (1.0, "b"), (2.0, "c")]


def test_run_until_stops_at_the_horizon_and_leaves_later_events() -> None:
    """run(until=t) runs events at or before t, sets the clock to t, keeps the rest."""
    engine = Engine(random.Random(1))
    seen: list[float] = []
    for time_s in (1.0, 2.0, 3.0):
        engine.schedule_at(time_s, lambda _: seen.append(engine.now))
    assert engine.run(until=2.0) == 2
    assert seen == [1.0, 2.0] and engine.now == 2.0 and engine.pending == 1
    assert engine.peek() == 3.0


def test_step_runs_one_event_and_reports_an_empty_heap() -> None:
    """step() runs exactly one event; False once nothing is pending."""
    engine = Engine(random.Random(1))
    engine.schedule(1.5, lambda _: engine.schedule(1.0, lambda _: None))
    assert engine.step() and engine.now == 1.5
    assert engine.step() and engine.now == 2.5
    assert not engine.step()
    assert engine.events_run == 2


def test_scheduling_in_the_past_is_refused() -> None:
    """A negative delay or an absolute time before now is a bug, not an event."""
    engine = Engine(random.Random(1))
    engine.schedule(1.0, lambda _: None)
    engine.run()
    with pytest.raises(ValueError):
        engine.schedule(-0.1, lambda _: None)
    with pytest.raises(ValueError):
        engine.schedule_at(0.5, lambda _: None)


def test_callbacks_can_schedule_at_the_current_time() -> None:
    """A zero delay runs after the current event, before anything later."""
    engine = Engine(random.Random(1))
    order: list[str] = []

    def first(_: object) -> None:
        order.append("first")
        engine.schedule(0.0, lambda _: order.append("same time"))

    engine.schedule(1.0, first)
    engine.schedule(1.0 + 1e-9, lambda _: order.append("later"))
    engine.run()
    assert order == ["first", "same time", "later"]


def _source_run(use_source: bool, drive: str) -> list[tuple[float, str]]:
    """One schedule, driven by `drive`; the arrival process lives in the source or in the heap."""
    engine = Engine(random.Random(1))
    log: list[tuple[float, str]] = []
    arrivals = iter([0.0, 1.0, 1.0, 2.0, 3.5])
    times = [next(arrivals)]

    def event(name: str) -> None:
        log.append((engine.now, name))
        if name == "e1":  # an event that schedules another at the current time
            engine.schedule(0.0, event, "e1-child")

    def arrive() -> float:
        log.append((engine.now, "src"))
        upcoming = next(arrivals, math.inf)
        times.append(upcoming)
        return upcoming

    def arrive_in_heap(_: object) -> None:
        upcoming = arrive()
        if upcoming < math.inf:
            engine.schedule_at(upcoming, arrive_in_heap)

    engine.schedule_at(1.0, event, "e1")  # before the source: wins the tie at t=1
    if use_source:
        engine.set_source(times[0], arrive)
    else:
        engine.schedule_at(times[0], arrive_in_heap)
    engine.schedule_at(2.0, event, "e2")  # after the source: loses the tie at t=2
    if drive == "run":
        engine.run()
    elif drive == "until":
        engine.run(until=1.0)
        log.append((engine.now, "pause"))
        engine.run(until=2.5)
        log.append((engine.now, "pause"))
        engine.run()
    else:
        while engine.step():
            pass
    return log


@pytest.mark.parametrize("drive", ["run", "until", "step"])
def test_a_source_is_ordered_exactly_as_heap_events(drive: str) -> None:
    """An arrival stream kept outside the heap runs in the same (time, sequence) order as in it."""
    assert _source_run(True, drive) == _source_run(False, drive)
    assert ("pause" in {name for _, name in _source_run(True, drive)}) == (drive == "until")
