"""Follow-up probes: which to ask, and what an answer to one earns.

A probe targets items the candidate missed or left shallow (credit `none`,
`mentioned` or `decided`), weighted by the level the probe tests: an
interviewer spends the last minutes where the level is decided. The answer is
scored against the probe's items alone and can raise their credit; the best
credit per item counts in the session total (never in the step's own score,
which is what was said unprompted), and the item is marked `probed` (the FSRS
schedule reads that as "Hard").

Pure: no I/O, no pydantic at import (the warm path of `coach score` uses it).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from coach.scoring.result import (
    CREDITS,
    DECIDED,
    JUSTIFIED,
    MENTIONED,
    NONE,
    ItemResult,
    SheetScore,
    StepScore,
)

if TYPE_CHECKING:
    from datetime import datetime

    from coach.content import Bundle
    from coach.i18n import Lang
    from coach.review import CardReview
    from coach.scoring.level import LevelVerdict

BiText = dict[str, str]  # lang -> text

# How much an interviewer wants to probe a level, and how far an item is from its full credit.
LEVEL_WEIGHT = {"mid": 1.0, "senior": 1.5, "staff": 2.0}
GAP = {NONE: 1.0, MENTIONED: 1.0, DECIDED: 0.5}  # justified: nothing left to probe
FOLLOWUPS_PER_STEP = 3
MOCK_PROBES = 3
CARD_PREFIX = "card:"
ESCALATION_SUFFIX = "+"


@dataclass(frozen=True)
class ProbeText:
    """One askable probe: a reference, its step, the items its answer is scored against, its texts."""

    ref: str  # "fail.dlq#0", its escalation "fail.dlq#0+", a failure card "card:region_down"
    step: str  # the step it belongs to (the item's, or failures for a card)
    items: tuple[str, ...]  # what the answer is scored against
    level: str
    question: BiText
    escalation: BiText | None = None
    title: BiText | None = None  # failure cards only

    @property
    def is_card(self) -> bool:
        return self.ref.startswith(CARD_PREFIX)

    def text(self, lang: Lang) -> str:
        return self.question.get(lang) or self.question.get("en", "")

    def escalated(self) -> ProbeText | None:
        """The escalating second question, as a probe of its own (same items)."""
        if self.escalation is None or self.ref.endswith(ESCALATION_SUFFIX):
            return None
        return replace(self, ref=self.ref + ESCALATION_SUFFIX, question=self.escalation, escalation=None)

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref, "step": self.step, "items": list(self.items), "level": self.level,
            "question": self.question, "escalation": self.escalation, "title": self.title,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProbeText:
        return cls(
            ref=str(data["ref"]), step=str(data["step"]), items=tuple(data["items"]), level=str(data["level"]),
            question=dict(data["question"]),
            escalation=dict(data["escalation"]) if data.get("escalation") else None,
            title=dict(data["title"]) if data.get("title") else None,
        )


@dataclass(frozen=True)
class ProbeAnswer:
    """A probe asked in a session (or read from a sheet) and the candidate's answer to it."""

    ref: str
    step: str
    items: tuple[str, ...]
    after: str  # the step it was asked after, or "end" (mock mode)
    text: str
    elapsed_s: float | None = None


@dataclass(frozen=True)
class Followup:
    """A follow-up for a weak item, for `coach score --json` and its text report."""

    item: str
    question: str
    level: str
    credit: str
    escalation: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item, "question": self.question, "level": self.level, "credit": self.credit,
            "escalation": self.escalation,
        }


END = "end"


def probe_table(content: Bundle) -> tuple[ProbeText, ...]:
    """Every probe of a bundle, in content order: item probes step by step, then failure cards."""
    out: list[ProbeText] = []
    for step_id, item in content.all_items():
        for number, probe in enumerate(content.probes(item.id)):
            out.append(
                ProbeText(
                    ref=f"{item.id}#{number}", step=step_id, items=(item.id,), level=probe.level,
                    question=_bi(probe.question), escalation=_bi(probe.escalation) if probe.escalation else None,
                )
            )
    for card in content.scenario.failure_cards:
        out.append(
            ProbeText(
                ref=CARD_PREFIX + card.id, step="failures", items=tuple(card.elements), level=card.level,
                question=_bi(card.question), escalation=_bi(card.escalation) if card.escalation else None,
                title=_bi(card.title),
            )
        )
    return tuple(out)


def _bi(text: Any) -> BiText:
    return {"es": text.es, "en": text.en}


def find_probe(probes: Iterable[ProbeText], ref: str) -> ProbeText | None:
    """The probe (or escalation) with this reference."""
    base = ref.removesuffix(ESCALATION_SUFFIX)
    for probe in probes:
        if probe.ref == base:
            return probe.escalated() if ref.endswith(ESCALATION_SUFFIX) else probe
    return None


# ---------------------------------------------------------------- choosing


def _items(score: SheetScore) -> dict[str, ItemResult]:
    return {item.id: item for step in score.steps for item in step.items}


def _need(probe: ProbeText, items: Mapping[str, ItemResult]) -> float:
    """How much a probe is worth asking: its level's weight × the biggest gap among its items."""
    gaps = [items[i].weight * GAP[items[i].credit] for i in probe.items if i in items and items[i].credit in GAP]
    if not gaps:
        return 0.0
    return LEVEL_WEIGHT.get(probe.level, 1.0) * max(gaps)


def followups(
    score: SheetScore, probes: Sequence[ProbeText], lang: Lang, per_step: int = FOLLOWUPS_PER_STEP
) -> dict[str, list[Followup]]:
    """Per step, the follow-ups for its weakest items (missed or shallow, weighted by level), best first.

    Deterministic: ties keep the items' checklist order. One probe per item (its first).
    """
    items = _items(score)
    first: dict[str, ProbeText] = {}
    for probe in probes:
        if not probe.is_card and probe.items[0] not in first:
            first[probe.items[0]] = probe
    out: dict[str, list[Followup]] = {}
    for step in score.steps:
        ranked = []
        for order, item in enumerate(step.items):
            found = first.get(item.id)
            need = _need(found, items) if found else 0.0
            if found is not None and need > 0:
                ranked.append((-need, order, found, item))
        ranked.sort(key=lambda entry: (entry[0], entry[1]))
        out[step.step] = [
            Followup(
                item=item.id, question=probe.text(lang), level=probe.level, credit=item.credit,
                escalation=(probe.escalation or {}).get(lang),
            )
            for _, _, probe, item in ranked[:per_step]
        ]
    return out


def add_followups(data: dict[str, Any], score: SheetScore, probes: Sequence[ProbeText], lang: Lang) -> dict[str, Any]:
    """Put each step's `followups` into a `SheetScore.to_json()` object (DESIGN.md contract)."""
    found = followups(score, probes, lang)
    for step in data.get("steps", []):
        step["followups"] = [f.to_json() for f in found.get(step["step"], [])]
    return data


def pick_probes(
    score: SheetScore,
    probes: Sequence[ProbeText],
    *,
    steps: Sequence[str],
    count: int,
    seed: int | str,
    asked: Iterable[str] = (),
) -> list[ProbeText]:
    """Draw up to `count` probes for `steps`, each with probability ∝ its need (level × gap × weight).

    Seeded (same seed, same answers: same probes). Never repeats a probe or an item
    already probed; candidates are taken in content order before the draw.
    """
    rng = random.Random(f"coach-probe:{seed}")
    items = _items(score)
    done = set(asked)
    probed_items = {i for p in probes if p.ref in done for i in p.items}
    pool = [
        (probe, need)
        for probe in probes
        if probe.step in steps and probe.ref not in done and not set(probe.items) & probed_items
        and (need := _need(probe, items)) > 0
    ]
    chosen: list[ProbeText] = []
    while pool and len(chosen) < count:
        total = sum(need for _, need in pool)
        point = rng.random() * total
        index = 0
        for index, (_, need) in enumerate(pool):  # noqa: B007 - the index is the result
            point -= need
            if point < 0:
                break
        probe = pool[index][0]
        chosen.append(probe)
        pool = [(p, n) for p, n in pool if not set(p.items) & set(probe.items)]
    return chosen


# ---------------------------------------------------------------- scoring answers


_RANK = {credit: rank for rank, credit in enumerate(CREDITS)}


def probe_credits(
    answer: ProbeAnswer, score_text: Callable[[Mapping[str, str]], SheetScore]
) -> dict[str, ItemResult]:
    """What one probe answer earns for each of its items (scored on its own, in its items' steps)."""
    if not answer.text.strip():
        return {}
    from coach.scoring.scorer import OWN_ANSWER_ONLY

    # Opening and closing items are earned only in their own answers: put the text there too.
    places = {answer.step} | {item.split(".")[0] for item in answer.items if item.startswith(OWN_ANSWER_ONLY)}
    result = score_text({place: answer.text for place in sorted(places)})
    found = _items(result)
    return {item: found[item] for item in answer.items if item in found}


# The level of a sheet from its steps, its total and the items covered only after a probe
# (coach.scoring.level.assess_level, bound to a framework's rules and a language).
AssessLevel = Callable[[Sequence[StepScore], float, Collection[str]], "LevelVerdict"]


def apply_probes(
    score: SheetScore,
    answers: Sequence[ProbeAnswer],
    score_text: Callable[[Mapping[str, str]], SheetScore],
    budgets: Mapping[str, int],
    assess: AssessLevel | None = None,
) -> SheetScore:
    """Raise each probed item to the best credit its probe answers earned; recompute the totals.

    A raised item is `probed`: it counts in the session total (the step's interview
    score) but not in the step's own score. `budgets` weigh the steps as the scorer does.
    `assess` recomputes the level (and its reasons) on the raised items, with the items
    covered only after a probe passed as `probed` (not raised unprompted); without it
    the level stays as scored.
    """
    best: dict[str, ItemResult] = {}
    for answer in answers:
        for item_id, earned in probe_credits(answer, score_text).items():
            held = best.get(item_id)
            if held is None or _RANK[earned.credit] > _RANK[held.credit]:
                best[item_id] = earned
    if not best:
        return score
    steps = []
    for step in score.steps:
        items = []
        for item in step.items:
            won = best.get(item.id)
            if won is not None and _RANK[won.credit] > _RANK[item.credit]:
                item = replace(
                    item, credit=won.credit, covered=won.credit in (DECIDED, JUSTIFIED),
                    evidence=won.evidence, why=won.why, before_probe=item.credit,
                )
            items.append(item)
        steps.append(_rescored(step, tuple(items)))
    if all(new is old for new, old in zip(steps, score.steps, strict=True)):
        return score  # nothing raised: exactly the same score (no float noise)
    # The change the raised items make, on whatever total the scorer computed.
    total = min(1.0, max(0.0, score.total + _total(steps, budgets) - _total(score.steps, budgets)))
    raised = replace(score, steps=tuple(steps), total=total)
    if assess is None:
        return raised
    verdict = assess(raised.steps, total, probed_items(raised))
    return replace(raised, level=verdict.id, verdict=verdict)


def probed_items(score: SheetScore) -> frozenset[str]:
    """Items covered only after a probe: raised to decided or justified from none or mentioned.

    An item decided unprompted and justified after a probe was covered before it: not here.
    """
    return frozenset(
        item.id
        for step in score.steps
        for item in step.items
        if item.covered and item.before_probe is not None and item.before_probe not in (DECIDED, JUSTIFIED)
    )


def _rescored(step: StepScore, items: tuple[ItemResult, ...]) -> StepScore:
    """The step's interview score with the raised items; its own score is unchanged (probes are not unprompted)."""
    if items == step.items:
        return step
    weight = sum(item.weight for item in step.items)
    before = sum(item.points for item in step.items)
    after = sum(item.points for item in items)
    interview = step.interview
    if weight > 0:
        # The same penalties and timing factor as the scorer applies (interview = points/weight × factor).
        interview = min(1.0, max(0.0, step.interview + (after - before) / weight * _factor(step)))
    return replace(step, items=items, interview=interview)


def _factor(step: StepScore) -> float:
    from coach.scoring.scorer import ARITHMETIC_PENALTY, TIMING_SHARE

    factor = ARITHMETIC_PENALTY ** sum(1 for finding in step.arithmetic if not finding.ok)
    if step.timing is not None and step.timing.score is not None:
        factor *= (1 - TIMING_SHARE) + TIMING_SHARE * step.timing.score
    return factor


def _total(steps: Sequence[StepScore], budgets: Mapping[str, int]) -> float:
    """Budget-weighted mean of each step's interview score, as the scorer's total."""
    weighted = [(budgets.get(step.step, 1), step.interview) for step in steps if step.items]
    weight = sum(w for w, _ in weighted)
    if weight == 0:
        return 0.0
    return min(1.0, max(0.0, sum(w * s for w, s in weighted) / weight))


def credit_after(score: SheetScore, answer: ProbeAnswer) -> dict[str, str]:
    """Each item of a probe answer with its credit in a scored sheet (for the export and the screen)."""
    items = _items(score)
    return {item: items[item].credit for item in answer.items if item in items}


def is_raise(before: str, after: str) -> bool:
    return _RANK.get(after, 0) > _RANK.get(before, 0)



# ---------------------------------------------------------------- spaced repetition


PROBE_KEY, FAILURE_KEY = "probe:", "failure:"  # review card keys: probe:<ref>, failure:<card id>


def review_key(ref: str) -> str:
    """A probe's review card key: `probe:fail.dlq#0` (an escalation keeps its `+`), `failure:region_down`."""
    if ref.startswith(CARD_PREFIX):
        return FAILURE_KEY + ref.removeprefix(CARD_PREFIX)
    return PROBE_KEY + ref


def probe_reviews(
    answers: Sequence[ProbeAnswer], score: SheetScore, scenario: str, now: datetime, known: Mapping[str, str]
) -> list[CardReview]:
    """Each probe asked (and each failure card) as a review card (coach.review hooks).

    Rated with `coach.review.rate_probe` on the weakest credit its items hold after the
    session (a failure card wants all its elements); an empty answer is Again. A probe
    asked twice (a resumed sheet) is reviewed once, with its last answer.
    """
    from coach.review import FAILURE, PROBE, rate_probe, schedule

    items = _items(score)
    last: dict[str, ProbeAnswer] = {}
    for answer in answers:
        last[review_key(answer.ref)] = answer
    ratings = []
    for key, answer in last.items():
        credits = [items[i].credit for i in answer.items if i in items]
        weakest = min(credits, key=lambda credit: _RANK[credit]) if credits else NONE
        kind = FAILURE if key.startswith(FAILURE_KEY) else PROBE
        ratings.append((key, answer.step, kind, rate_probe(bool(answer.text.strip()), weakest)))
    return schedule(ratings, scenario, now, known)
