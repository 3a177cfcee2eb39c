"""Spaced repetition between sessions: each checklist item is a review card scheduled with FSRS.

A finished session (or drill) rates every item of the steps it ran, from the
credit the scorer gave it (notes/interviewer.md): missed (none or only
mentioned) → Again; covered only after an interviewer's probe → Hard; decided →
Good; justified → Easy. The cards and the review logs live in the store
(migration 3); `coach drill` with no step runs what is due, `coach stats` shows
what is due this week and the items that keep lapsing.

Deterministic by construction: the scheduler runs without fuzzing, each card's id
is derived from its scenario and item id (never the clock), and every time comes
from the caller's UTC-aware clock. `fsrs` is imported inside the functions so
`coach --help` never loads it.

Hook for the probes branch: a probe or failure card is a card like any other,
with `kind` "probe" or "failure" and its own key (e.g. "probe:fail.failover.1");
rate it with `rate_probe` and schedule it with `schedule` like an item.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from typing import TYPE_CHECKING

from coach.scoring.result import DECIDED, JUSTIFIED

if TYPE_CHECKING:
    from fsrs import Scheduler

    from coach.scoring.result import ItemResult, SheetScore


class Rating(IntEnum):
    """FSRS ratings (the same numbers as fsrs.Rating)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


ITEM, PROBE, FAILURE = "item", "probe", "failure"  # card kinds


@dataclass(frozen=True)
class CardReview:
    """One card after one review: what the store keeps (card and log as fsrs JSON)."""

    scenario: str
    key: str  # the item id (or a probe / failure card's key)
    step: str
    kind: str
    card_id: int
    rating: Rating
    reviewed_at: datetime
    due: datetime
    card_json: str  # fsrs Card.to_json(), as JSON text
    log_json: str  # fsrs ReviewLog.to_json(), as JSON text


def card_id(scenario: str, key: str) -> int:
    """A stable card id from the scenario and the item id: the same card in every session."""
    digest = hashlib.sha256(f"{scenario}\0{key}".encode()).hexdigest()
    return int(digest[:13], 16)  # 52 bits: fits SQLite's INTEGER and a JSON number exactly


def rate_item(item: ItemResult, probed: Collection[str] = ()) -> Rating:
    """The rating a session gives an item: missed → Again, covered only after a probe → Hard,
    decided → Good, justified → Easy."""
    if item.credit not in (DECIDED, JUSTIFIED) and not item.covered:
        return Rating.AGAIN
    if item.id in probed:
        return Rating.HARD
    return Rating.EASY if item.credit == JUSTIFIED else Rating.GOOD


def rate_probe(answered: bool, credit: str) -> Rating:
    """Hook for the probes branch: a probe answered with `credit` (a failed probe is Again)."""
    if not answered or credit not in (DECIDED, JUSTIFIED):
        return Rating.AGAIN
    return Rating.EASY if credit == JUSTIFIED else Rating.GOOD


def scheduler() -> Scheduler:
    """The FSRS scheduler: no fuzzing (deterministic), and no minute-long learning steps:
    sessions are days apart, so the first review already schedules in days."""
    from fsrs import Scheduler

    return Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())


def utc(timestamp: float) -> datetime:
    """A unix time as a UTC-aware datetime (what fsrs needs)."""
    return datetime.fromtimestamp(timestamp, UTC)


def schedule(
    ratings: Iterable[tuple[str, str, str, Rating]],
    scenario: str,
    now: datetime,
    known: Mapping[str, str],
) -> list[CardReview]:
    """Review one card per (key, step, kind, rating) at `now`; `known`: key -> stored card JSON."""
    from fsrs import Card
    from fsrs import Rating as FsrsRating

    if now.tzinfo is None or now.utcoffset() != UTC.utcoffset(None):
        raise ValueError("review times must be UTC-aware")
    fsrs = scheduler()
    out = []
    for key, step, kind, rating in ratings:
        stored = known.get(key)
        card = Card.from_json(stored) if stored else Card(card_id=card_id(scenario, key), due=now)
        card, log = fsrs.review_card(card, FsrsRating(int(rating)), review_datetime=now)
        out.append(
            CardReview(
                scenario=scenario, key=key, step=step, kind=kind, card_id=card.card_id, rating=rating,
                reviewed_at=now, due=card.due, card_json=card.to_json(), log_json=log.to_json(),
            )
        )
    return out


def review_session(
    score: SheetScore,
    steps: Collection[str],
    now: datetime,
    known: Mapping[str, str],
    probed: Collection[str] = (),
) -> list[CardReview]:
    """Rate and schedule every item of the steps a session ran."""
    ratings = [
        (item.id, step.step, ITEM, rate_item(item, probed))
        for step in score.steps
        if step.step in steps
        for item in step.items
    ]
    return schedule(ratings, score.scenario, now, known)



@dataclass(frozen=True)
class DuePlan:
    """What a due drill asks in one scenario: its steps (framework order) and the due keys per step."""

    scenario: str
    steps: tuple[str, ...]
    keys: Mapping[str, tuple[str, ...]]  # step -> due card keys, soonest first
    due: int  # cards due in the scenario (some may sit in steps beyond the limit)


def plan_due(
    cards: Iterable[tuple[str, str, str]], step_order: Sequence[str], max_steps: int = 3
) -> list[DuePlan]:
    """Group due cards (scenario, step, key; soonest first) into drills: scenarios by their oldest
    due card, and in each the `max_steps` steps with the most cards due (ties: framework order)."""
    order = {step: i for i, step in enumerate(step_order)}
    grouped: dict[str, dict[str, list[str]]] = {}
    for scenario, step, key in cards:
        if step in order:
            grouped.setdefault(scenario, {}).setdefault(step, []).append(key)
    plans = []
    for scenario, by_step in grouped.items():
        busiest = sorted(by_step, key=lambda s: (-len(by_step[s]), order[s]))[:max_steps]
        steps = tuple(sorted(busiest, key=lambda s: order[s]))
        plans.append(
            DuePlan(scenario, steps, {s: tuple(by_step[s]) for s in steps}, sum(len(k) for k in by_step.values()))
        )
    return plans


def drill_scenario(explicit: str | None, recent: Iterable[str], installed: Collection[str]) -> str | None:
    """The scenario `coach drill STEP` practises: --scenario, else the most recent session's
    scenario still installed, else the only installed one; None when the choice is the user's."""
    if explicit is not None:
        return explicit
    for scenario in recent:  # newest first
        if scenario in installed:
            return scenario
    if len(installed) == 1:
        return next(iter(installed))
    return None
