"""What the scorer returns: plain, frozen dataclasses (no I/O, no rendering)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.scoring.level import LevelVerdict


@dataclass(frozen=True)
class Evidence:
    """The sentence of an answer that earned an item, with the matched words' offsets."""

    sentence: str
    spans: tuple[tuple[int, int], ...]  # [start, end) char offsets inside `sentence`
    step: str  # the step whose answer holds the sentence (may differ from the item's step)


# Credit levels, weakest first (notes/scoring-model.md): the words are there; the design commits
# to it; it commits and says why (a reason, a figure, a mechanism or a trade-off).
NONE, MENTIONED, DECIDED, JUSTIFIED = "none", "mentioned", "decided", "justified"
CREDITS = (NONE, MENTIONED, DECIDED, JUSTIFIED)
# The share of an item's weight each credit earns: a decision without its reason earns half.
CREDIT_SHARE = {NONE: 0.0, MENTIONED: 0.0, DECIDED: 0.5, JUSTIFIED: 1.0}


@dataclass(frozen=True)
class Why:
    """Why an item stopped where it did: the stage that decided it, for `coach score --explain`.

    `code`: "justified" (the reason found; `kind` says how: "number", "tradeoff" and/or
    "reason", joined with "+"), "no_reason" (decided, nothing said why),
    "cue" (a cue dismissed the mention: `kind` rejected/deferred/hypothetical/question/...,
    `detail` the cue's words), "list" (a bare list of names), "question" (only asked),
    "figure" (the stated figure is off by more than 2×, `detail` the formula), "figure_range" (the
    stated figure lies outside the item's expected range, content `figure`: `detail` the figure),
    "offtopic" (the answer is about another system), "underived" (an estimate figure stated
    but not derived in the estimates), "preview" (a design item stated only in the opening's
    sketch of the topology: it is decided in its own step), "report" (the sheet reports what others
    do or records decisions without taking them, and this sentence is not the author's: voice.py),
    "conversation" (the sheet is a conversation among others, a chat or a meeting: voice.py),
    "aside" (the sheet hardly names the design, a review or a letter: its design words are asides),
    "story" (the sheet tells much of itself in the past, a toast or a memoir, and this sentence is told
    in the past),
    "unsettled" (named, but none of the words the item must be decided with stand near it: content
    `decided_with`, a hot key without how it is handled),
    "missing" (no words of it at all),
    "elsewhere" (the item's step is silent; it was said in another step).
    """

    code: str
    kind: str = ""
    detail: str = ""


@dataclass(frozen=True)
class ItemResult:
    """One checklist item: its credit, the words behind it, and why."""

    id: str
    step: str  # the item's own step
    covered: bool  # credit is decided or justified
    weight: float
    evidence: Evidence | None  # the sentence that earned it (or, when only mentioned, that mentioned it)
    said_in: str | None  # the other step whose answer covered it ("said in step X"), else None
    credit: str = NONE
    why: Why | None = None
    level: str = "mid"  # the level the item signals (content)
    # The credit before a follow-up probe raised it (coach.probes); None: not raised by a probe.
    before_probe: str | None = None

    @property
    def probed(self) -> bool:
        """Its credit came from an answer to a probe, not from the candidate unprompted."""
        return self.before_probe is not None

    @property
    def points(self) -> float:
        """The weight this item earns wherever it was said."""
        return self.weight * CREDIT_SHARE[self.credit]

    @property
    def own_points(self) -> float:
        """The weight it earns in its own step's score: only what was said there, unprompted."""
        if self.said_in:
            return 0.0
        return self.weight * CREDIT_SHARE[self.before_probe] if self.before_probe else self.points


@dataclass(frozen=True)
class ArithmeticFinding:
    """One estimate the candidate stated, checked against the seed's arithmetic."""

    check: str  # "est.daily_volume" | "est.storage" | "est.monthly_volume" | ...
    ok: bool
    stated: float  # base units: requests/day, bytes/day ...
    expected: float
    formula: str  # "100 req/s × 86,400 = 8.64M/day"
    message: str  # in the sheet's language


@dataclass(frozen=True)
class TimingResult:
    """How long the opening or closing took against its target window."""

    step: str
    elapsed_s: float | None  # None: untimed
    window: tuple[int, int]
    score: float | None  # None when untimed
    state: str  # "untimed" | "early" | "in_window" | "over"
    spoken_estimate_s: float  # from word count and words per minute


@dataclass(frozen=True)
class StepScore:
    """The score of one step's answer."""

    step: str
    score: float  # 0..1
    items: tuple[ItemResult, ...]
    arithmetic: tuple[ArithmeticFinding, ...]  # non-empty only for the estimates step
    timing: TimingResult | None  # opening and closing only
    word_count: int

    interview: float = 0.0  # 0..1: the same, counting items wherever they were said (for the total)

    @property
    def covered(self) -> int:
        """Items covered in this step's own answer."""
        return sum(
            1 for item in self.items
            if item.covered and not item.said_in and item.before_probe in (None, DECIDED, JUSTIFIED)
        )

    @property
    def coverage(self) -> float:
        """Weighted credit earned in this step's own answer, before penalties and timing."""
        total = sum(item.weight for item in self.items)
        if total == 0:
            return 0.0
        return sum(item.own_points for item in self.items) / total


@dataclass(frozen=True)
class SheetScore:
    """A whole sheet: every step in framework order, the total and its level."""

    scenario: str
    lang: str
    total: float  # 0..1: budget-weighted mean of the step scores
    level: str  # level id: below | mid | senior | staff (coach.scoring.level)
    steps: tuple[StepScore, ...]
    verdict: LevelVerdict | None = None  # the level with its label, reasons and next gap
    # who decides (voice.py): "" the author; "report" (the sheet reports what others do or leaves
    # every decision open: only its author's own sentences decide); "conversation" (a chat or a
    # meeting among others: none of its sentences decides); "aside" (a long sheet that hardly names the
    # design, a product review or a letter: none of its sentences decides); "story" (three sentences in
    # ten or more hold a past form, a toast or a memoir: those sentences decide nothing)
    voice: str = ""

    @property
    def reported(self) -> bool:
        return bool(self.voice)

    def step(self, step_id: str) -> StepScore:
        for step in self.steps:
            if step.step == step_id:
                return step
        raise KeyError(step_id)

    def item(self, item_id: str) -> ItemResult:
        for step in self.steps:
            for item in step.items:
                if item.id == item_id:
                    return item
        raise KeyError(item_id)

    def covered_ids(self) -> frozenset[str]:
        return frozenset(item.id for step in self.steps for item in step.items if item.covered)

    def to_json(self) -> dict[str, Any]:
        """The DESIGN.md contract (`coach score --json`), plus extra fields."""
        return {
            "scenario": self.scenario,
            "lang": self.lang,
            "total": round(self.total, 4),
            "level": self.verdict.to_json() if self.verdict is not None else {
                "id": self.level, "label": self.level, "reasons": [], "next": "",
            },
            "steps": [_step_json(step) for step in self.steps],
            "reported": self.reported,
            "voice": self.voice or None,
        }


def _step_json(step: StepScore) -> dict[str, Any]:
    out: dict[str, Any] = {
        "step": step.step,
        "score": round(step.score, 4),
        "interview_score": round(step.interview, 4),
        "covered": step.covered,
        "total": len(step.items),
        "word_count": step.word_count,
        "items": [_item_json(item) for item in step.items],
    }
    if step.step == "estimates" or step.arithmetic:
        out["arithmetic"] = [
            {
                "check": finding.check,
                "ok": finding.ok,
                "stated": finding.stated,
                "expected": finding.expected,
                "formula": finding.formula,
                "message": finding.message,
            }
            for finding in step.arithmetic
        ]
    if step.timing is not None:
        timing = step.timing
        out["timing"] = {
            "elapsed_s": timing.elapsed_s,
            "window": list(timing.window),
            "score": None if timing.score is None else round(timing.score, 4),
            "state": timing.state,
            "spoken_estimate_s": round(timing.spoken_estimate_s, 1),
        }
    return out


def _item_json(item: ItemResult) -> dict[str, Any]:
    evidence = item.evidence
    why = item.why
    return {
        "id": item.id,
        "covered": item.covered,
        "credit": item.credit,
        "evidence": evidence.sentence if evidence else None,
        "spans": [list(span) for span in evidence.spans] if evidence else [],
        "said_in": item.said_in,
        "weight": item.weight,
        "level": item.level,
        "probed": item.probed,
        "before_probe": item.before_probe,
        "why": {"code": why.code, "kind": why.kind, "detail": why.detail} if why else None,
    }
