"""Frameworks and scenarios: pydantic models, and the one loader for shipped and user content.

Content is TOML. Shipped files live in the wheel (`coach.content_data`) and are
read through `importlib.resources`; a user directory (`--content-dir`, else
COACH_HOME/content, else the platform data dir) adds or overrides files with
the same validation. Every error names the file and the field path.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from coach.errors import ContentError, Problem, UnknownIdError
from coach.files import read_text as read_text  # re-exported for callers of content
from coach.home import user_content_dir
from coach.home import user_data_dir as user_data_dir  # re-exported (coach.store reads it here)
from coach.i18n import LANGS, Lang
from coach.messages import has, problem, t
from coach.spec import REQUIRED_IDS, SPEC_FRAMEWORK, SPEC_SCENARIO
from coach.steps import FRAMEWORK_STEP_IDS as FRAMEWORK_STEP_IDS  # re-exported
from coach.steps import STEP_IDS as STEP_IDS

_ID = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$"

ItemLevel = Literal["mid", "senior", "staff"]
ITEM_LEVELS: tuple[ItemLevel, ...] = ("mid", "senior", "staff")


def _invalid(key: str, **values: Any) -> ValueError:
    """A validator's error: the catalog line in both languages (`_validation_problems` unwraps it)."""
    return ValueError(problem(key, **values))


def _known_steps_only(steps: Iterable[str]) -> None:
    unknown = [step for step in steps if step not in STEP_IDS]
    if unknown:
        raise _invalid("content.step_id", step=unknown[0], expected=", ".join(STEP_IDS))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A text a user reads, in both languages; neither may be empty."""

    es: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def __call__(self, lang: Lang) -> str:
        return self.es if lang == "es" else self.en


class TextList(_Model):
    """A list of texts (bullets) in both languages, the same length in each."""

    es: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]
    en: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]

    @model_validator(mode="after")
    def _same_length(self) -> TextList:
        if len(self.es) != len(self.en):
            raise _invalid("content.bullets_differ", es=len(self.es), en=len(self.en))
        return self

    def __call__(self, lang: Lang) -> list[str]:
        return self.es if lang == "es" else self.en


class Words(_Model):
    """Words or short phrases per language (not translations of each other: counts may differ)."""

    es: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]
    en: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]

    def __call__(self, lang: Lang) -> list[str]:
        return self.es if lang == "es" else self.en


class MatchRules(_Model):
    """How the scorer recognises an item in one language.

    - `phrases`: any of these, matched on normalised, stemmed tokens in order
      ("dead letter queue" also matches "dead-letter queues", "DLQ" via synonyms).
    - `together`: paraphrase rules; each rule is a list of slots and matches a
      sentence holding one alternative of every slot. Alternatives within a
      slot are separated by `|` ("retry|retries|reintento").
    - `exclude`: phrases in another sense; a match inside one of them does not
      count ("order of magnitude" is not ordering).
    - `quantities`: kinds of stated figures that earn the item on their own, in
      either language ("8,64 millones al día" is a daily volume); see
      coach.scoring.numbers.QUANTITY_TAGS.
    """

    phrases: list[Annotated[str, Field(min_length=1)]] = []
    together: list[Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=2)]] = []
    exclude: list[Annotated[str, Field(min_length=1)]] = []
    quantities: list[
        Literal[
            "rate", "daily_requests", "monthly_requests", "event_bytes", "stored_bytes", "nines", "factor"
        ]
    ] = []

    @model_validator(mode="after")
    def _not_empty(self) -> MatchRules:
        if not self.phrases and not self.together and not self.quantities:
            raise _invalid("content.match_empty")
        return self


class Match(_Model):
    """Matching data per language; both are required (answers mix the two)."""

    es: MatchRules
    en: MatchRules

    def __call__(self, lang: Lang) -> MatchRules:
        return self.es if lang == "es" else self.en


class Probe(_Model):
    """A follow-up an interviewer asks about one item: the question, the level it tests, an escalation.

    The escalation is the harder second question once the first is answered
    ("the cache is down" → "now the database takes 10× its load: what happens?").
    """

    level: ItemLevel = "senior"
    question: Text
    escalation: Text | None = None


class ScenarioProbe(Probe):
    """A probe a scenario adds to any item, its own or its framework's (the framework's stay generic)."""

    item: Annotated[str, Field(pattern=_ID)]


class FailureCard(_Model):
    """A failure scenario for the failures step, with the items a good answer names (its elements)."""

    id: Annotated[str, Field(pattern=_ID)]
    level: ItemLevel = "senior"
    title: Text
    question: Text
    escalation: Text | None = None
    elements: Annotated[list[Annotated[str, Field(pattern=_ID)]], Field(min_length=1)]

    @field_validator("elements")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise _invalid("content.repeated_element")
        return value


class FigureRange(_Model):
    """The range a stated figure must fall in for an estimate item to count ("the index takes 2 GB"
    counts only the strings: the nodes with their top 10 make it ~34 GB). `kind` is a figure's unit as
    coach.scoring.numbers reads it; the item's hint says the expected figure and how it is reached."""

    kind: Literal["bytes", "rate", "count_per_day", "bytes_per_day", "bytes_per_month", "bytes_per_year"]
    min: Annotated[float, Field(gt=0)]
    max: Annotated[float, Field(gt=0)]

    @model_validator(mode="after")
    def _ordered(self) -> FigureRange:
        if self.min >= self.max:
            raise _invalid("content.figure_order", min=self.min, max=self.max)
        return self


class ChecklistItem(_Model):
    """One point an interviewer ticks: stable id, label, hint, weight, matching data."""

    id: Annotated[str, Field(pattern=_ID)]
    label: Text
    hint: Text  # one sentence: what a strong answer says
    weight: Annotated[float, Field(gt=0, le=5)] = 1.0
    needs_number: bool = False  # e.g. est.qps: "a number of requests per second", not just "QPS"
    # the stated figure must fall in this range (its sentence or the next two) to count
    figure: FigureRange | None = None
    # the interview level the point signals when a candidate brings it up unprompted:
    # "mid" (the basics every answer needs), "senior" (depth on the hard parts),
    # "staff" (trade-offs across teams, regions and vendors)
    level: ItemLevel = "mid"
    # Cue kinds that do not void this item's words (coach/scoring/cues.py): a roadmap is made of
    # deferrals ("later we add campaigns"), an estimate of assumptions ("maybe 350/s at peak"),
    # the opening of questions and stated assumptions ("what volumes do we expect?", "I assume
    # GDPR applies?").
    allow_cues: list[Literal["deferred", "hedged", "hypothetical", "question"]] = []
    # What makes THIS item justified, when the framework's reason words are not the point:
    # growing backoff is decided, jitter justifies it (spec/concepts.md).
    justify_with: Words | None = None
    # Words without which a match only mentions THIS item, in its sentence or the next two: a hot key
    # is decided when the answer says how it is handled ("…one shard → local aggregation, sub-buckets").
    decided_with: Words | None = None
    match: Match
    probes: list[Probe] = []  # follow-ups about this item (a scenario adds more with [[probes]])


class Window(_Model):
    """A target speaking window for the opening or the closing."""

    min_s: Annotated[int, Field(gt=0)]
    max_s: Annotated[int, Field(gt=0)]

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.min_s > self.max_s:
            raise _invalid("content.window_order", min_s=self.min_s, max_s=self.max_s)
        return self


class Step(_Model):
    """One step of a framework (or the opening / closing template)."""

    id: str
    number: Annotated[int, Field(ge=0, le=9)]  # 0 for opening and closing
    title: Text
    question: Text  # what an interviewer asks
    guidance: TextList  # every bullet the seed gives for this step
    budget_s: Annotated[int, Field(gt=0)]
    window: Window | None = None  # opening and closing only
    items: list[ChecklistItem] = []

    @field_validator("id")
    @classmethod
    def _known_step(cls, value: str) -> str:
        _known_steps_only([value])
        return value


class Pattern(_Model):
    """A key pattern of the framework (CQRS, outbox, token bucket ...)."""

    id: Annotated[str, Field(pattern=_ID)]
    name: Text
    summary: Text
    steps: list[str]  # where it applies


class EstimateRule(_Model):
    """A quick-estimate rule of thumb, with its formula."""

    id: Annotated[str, Field(pattern=_ID)]
    formula: str  # language-neutral, e.g. "QPS × 86,400 = req/day"
    text: Text


LevelId = Literal["below", "mid", "senior", "staff"]
LEVEL_IDS: tuple[LevelId, ...] = ("below", "mid", "senior", "staff")
# What a level can ask of a sheet (coach.scoring.level computes each one):
# total (0..1); covered_mid/_senior/_staff: the share of that level's items decided or
# justified; deep_areas: areas answered in depth; tradeoffs: decisions with a trade-off
# stated; numbers: decisions carried by a figure outside the opening and the estimates;
# failures: failure items raised by the candidate; cost / operations: those items justified.
LevelSignal = Literal[
    "total", "covered_mid", "covered_senior", "covered_staff", "deep_areas", "tradeoffs", "numbers",
    "failures", "cost", "operations",
]


class Level(_Model):
    """An interview level (below / mid / senior / staff) and what it needs beyond the one under it."""

    id: LevelId
    label: Text
    needs: dict[LevelSignal, Annotated[float, Field(ge=0)]] = {}


class LevelRules(_Model):
    """How the credit and depth of a sheet's items make a level (coach.scoring.level).

    An area (a step) is answered in depth when at least `deep_justified` of its items,
    and `deep_share` of them, are justified, one of them with a figure or a trade-off.
    Gates: fewer than `clarify_min` of the `clarify` items in the opening caps the level
    at `clarify_cap`; when more than `keyword_share` of the items a sheet names are only
    mentioned (a keyword list), the level is below mid.
    """

    areas: list[str] = list(FRAMEWORK_STEP_IDS)
    deep_justified: Annotated[int, Field(ge=1)] = 3
    deep_share: Annotated[float, Field(ge=0, le=1)] = 0.5
    clarify: list[str] = []
    clarify_min: Annotated[int, Field(ge=0)] = 1
    clarify_cap: LevelId = "mid"
    keyword_share: Annotated[float, Field(gt=0, le=1)] = 0.5
    failure_steps: list[str] = ["failures"]
    number_skip: list[str] = ["opening", "estimates"]  # figures there are estimates, not design numbers
    cost: list[str] = []  # item ids
    operations: list[str] = []  # item ids
    tradeoff: Words | None = None  # words that state a trade-off ("a costa de", "instead of")

    @field_validator("areas", "failure_steps", "number_skip")
    @classmethod
    def _known_steps(cls, value: list[str]) -> list[str]:
        _known_steps_only(value)
        return value


class ScoringSettings(_Model):
    """Scoring settings that belong in content, not code."""

    levels: Annotated[list[Level], Field(min_length=4, max_length=4)]
    level: LevelRules = LevelRules()
    words_per_minute: dict[Lang, Annotated[int, Field(gt=0)]]
    estimate_tolerance: Annotated[float, Field(gt=0, lt=1)] = 0.10
    # A stated figure off by more than this factor does not cover its estimate item (spec: 2×).
    estimate_cover_factor: Annotated[float, Field(gt=1)] = 2.0
    # Words that give a decision its reason, mechanism or trade-off ("because", "so that",
    # "a costa de"): a decided item with one of these (or a figure) in its sentence or the
    # next is `justified`. Per language, compiled like checklist phrases.
    justify: Words | None = None

    @model_validator(mode="after")
    def _levels_in_order(self) -> ScoringSettings:
        ids = tuple(level.id for level in self.levels)
        if ids != LEVEL_IDS:
            raise _invalid("content.levels_order", expected=", ".join(LEVEL_IDS), got=", ".join(ids))
        missing = [lang for lang in LANGS if lang not in self.words_per_minute]
        if missing:
            raise _invalid("content.words_per_minute", missing=", ".join(missing))
        return self


class Framework(_Model):
    """A framework: its steps in order, opening and closing included."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    title: Text
    summary: Text
    steps: list[Step]
    patterns: list[Pattern] = []
    estimates: list[EstimateRule] = []
    observability: TextList | None = None  # the minimum observability the seed asks for
    security: TextList | None = None
    scoring: ScoringSettings

    @model_validator(mode="after")
    def _steps_complete(self) -> Framework:
        ids = [step.id for step in self.steps]
        if ids != list(STEP_IDS):
            raise _invalid("content.steps_order", expected=", ".join(STEP_IDS), got=", ".join(ids))
        for step in self.steps:
            has_window = step.id in ("opening", "closing")
            if has_window and step.window is None:
                raise _invalid("content.needs_window", step=step.id)
            if not has_window and step.window is not None:
                raise _invalid("content.no_window", step=step.id)
        return self

    def find_step(self, value: str) -> Step | None:
        """The step a user typed: its id or its title in either language (any case), or its
        number (1-9, as numbered in the framework); None when nothing matches."""
        wanted = " ".join(value.split()).casefold()
        if wanted.isdigit():
            number = int(wanted)
            return next((s for s in self.steps if s.number == number and s.number > 0), None)
        for step in self.steps:
            names = (step.id, step.title.es, step.title.en)
            if wanted in (name.casefold() for name in names):
                return step
        return None

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        hint = suggest(step_id, STEP_IDS)
        raise UnknownIdError(problem("content.unknown_step", step=step_id, hint=hint))

    @property
    def total_budget_s(self) -> int:
        return sum(step.budget_s for step in self.steps)


class ScenarioItem(ChecklistItem):
    """A scenario checklist item, attached to a step."""

    step: str

    @field_validator("step")
    @classmethod
    def _known_step(cls, value: str) -> str:
        _known_steps_only([value])
        return value


class Fact(_Model):
    """What the interviewer answers when the candidate asks about a topic.

    `match` recognises a question about it, in the checklist items' format and
    with the scorer's compiler (coach.interviewer); without it, the topic's words are the phrases.
    """

    id: Annotated[str, Field(pattern=_ID)]
    topic: Text
    answer: Text
    match: Match | None = None


class SimulationDefaults(_Model):
    """Defaults for `coach sim` and the demos (the reference design at its nominal load)."""

    qps: Annotated[float, Field(gt=0)]
    peak_factor: Annotated[float, Field(ge=1)]
    duration_s: Annotated[float, Field(gt=0)]
    channels: Annotated[list[Literal["email", "push", "sms"]], Field(min_length=1)]
    workers_per_channel: Annotated[int, Field(gt=0)]
    partitions: Annotated[int, Field(gt=0)]
    service_ms: Annotated[float, Field(gt=0)]
    service_dist: Literal["exp", "const", "lognormal"]
    fail_rate: Annotated[float, Field(ge=0, le=1)]
    timeout_ms: Annotated[float, Field(gt=0)]
    retries: Annotated[int, Field(ge=0)]
    backoff_base_ms: Annotated[float, Field(gt=0)]
    backoff_cap_ms: Annotated[float, Field(gt=0)]
    breaker_failure_threshold: Annotated[int, Field(gt=0)] | None = None  # unused: the breaker trips on error rate
    # Simulation v2 (issue 9): channel mix, retry budget and expiry per priority, a breaker on
    # error rate over a window, failover, receipts, quiet hours. Defaults keep older files valid.
    channel_mix: dict[Literal["email", "push", "sms"], Annotated[float, Field(ge=0, le=1)]] = {}
    push_devices: Annotated[int, Field(ge=1)] = 1
    retry_budget_high_s: Annotated[float, Field(ge=0)] = 0.0
    retry_budget_normal_s: Annotated[float, Field(ge=0)] = 0.0
    expiry_high_s: Annotated[float, Field(ge=0)] = 0.0
    expiry_normal_s: Annotated[float, Field(ge=0)] = 0.0
    breaker_window_s: Annotated[float, Field(gt=0)] = 10.0
    breaker_min_calls: Annotated[int, Field(gt=0)] = 20
    breaker_error_rate: Annotated[float, Field(gt=0, le=1)] = 0.5
    failover: bool = False
    bounce_rate: Annotated[float, Field(ge=0, le=1)] = 0.0
    suppressed_rate: Annotated[float, Field(ge=0, le=1)] = 0.0
    quiet_hours_s: Annotated[float, Field(ge=0)] = 0.0
    release_per_s: Annotated[float, Field(ge=0)] = 0.0
    # Provider quotas (sends a second per channel, from the facts) and traffic growth a year:
    # the scaling demo names the first channel whose peak reaches its quota, and when.
    provider_quota_per_s: dict[Literal["email", "push", "sms"], Annotated[float, Field(gt=0)]] = {}
    growth_per_year: Annotated[float, Field(ge=1)] = 1.0
    breaker_open_s: Annotated[float, Field(gt=0)]
    breaker_half_open_calls: Annotated[int, Field(gt=0)]
    idempotency_ttl_s: Annotated[float, Field(gt=0)]
    rate_limit_per_client_qps: Annotated[float, Field(gt=0)]
    rate_limit_burst: Annotated[int, Field(gt=0)]
    event_size_bytes: Annotated[int, Field(gt=0)]
    retention_days: Annotated[int, Field(gt=0)]
    users: Annotated[int, Field(gt=0)]
    high_priority_share: Annotated[float, Field(ge=0, le=1)]
    slo_p95_ms: Annotated[float, Field(gt=0)]
    slo_p99_ms: Annotated[float, Field(gt=0)]
    log_sample_rate: Annotated[float, Field(ge=0, le=1)]
    shard_throughput_qps: Annotated[float, Field(gt=0)]
    seed: int = 42


class CostItem(_Model):
    """One illustrative unit price; `driver` says what the cost grows with."""

    id: Annotated[str, Field(pattern=_ID)]
    label: Text
    driver: Literal["volume_gb", "requests", "invocations", "gb_seconds", "shard_hours", "messages",
                    "kv_writes", "sms_segments", "worker_hours"]
    unit: Text  # e.g. "per million requests"
    price: Annotated[float, Field(ge=0)]
    per: Annotated[float, Field(gt=0)] = 1.0  # the price is for this many units of the driver


class CostTable(_Model):
    """Illustrative unit prices, dated and editable; not a quote."""

    as_of: str
    currency: str
    note: Text
    items: Annotated[list[CostItem], Field(min_length=1)]
    sms_sample: str = ""  # a typical SMS in the users' language: its encoding and length set the segments


class Grounding(_Model):
    """What ties an answer to this scenario, so an answer about another system earns only generic items."""

    # Words only an answer about this system keeps using ("notification", "notificación").
    anchors: Words
    # Items that are really about this scenario (its contract, its providers, its preferences).
    items: list[Annotated[str, Field(pattern=_ID)]] = []
    # On topic when the anchors occur at least this often, and at least once per `per_words` words.
    min_mentions: Annotated[int, Field(ge=1)] = 3
    per_words: Annotated[int, Field(ge=50)] = 400
    # Shorter answers are not judged off topic: a few lines say too little either way.
    min_words: Annotated[int, Field(ge=0)] = 200


Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")


class ExcludeWords(_Model):
    """Extra `exclude` phrases per language for one framework item, in one scenario."""

    es: list[Annotated[str, Field(min_length=1)]] = []
    en: list[Annotated[str, Field(min_length=1)]] = []


class ExtraRules(_Model):
    """Extra `phrases` and `together` rules in one language for one framework item, in one scenario."""

    phrases: list[Annotated[str, Field(min_length=1)]] = []
    together: list[Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=2)]] = []


class ExtraMatch(_Model):
    """A framework item's matching in one scenario's own words, per language (see `match_extra`)."""

    es: ExtraRules = ExtraRules()
    en: ExtraRules = ExtraRules()


class Scenario(_Model):
    """A scenario: the brief, the facts, scenario checklist items, reference answers."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    framework: str
    title: Text
    # What the menu and `coach scenarios list` show beside the title: one line, the
    # difficulty, and the minutes a full rehearsal takes (default: the framework's budget).
    summary: Text | None = None
    difficulty: Difficulty = "medium"
    duration_min: Annotated[int, Field(gt=0, le=240)] | None = None
    brief: Text
    api_example: str = ""  # code, the same in both languages
    facts: list[Fact] = []
    items: list[ScenarioItem] = []
    reference: dict[str, Text] = {}  # step id -> what a strong senior candidate says
    simulation: SimulationDefaults | None = None
    costs: CostTable | None = None
    # Without [simulation], `coach demo` says so and lists these: the figures a candidate
    # computes by hand for this scenario ("3,5 M redirects a day / 86.400 s ≈ 40 req/s").
    hand_estimates: TextList | None = None
    grounding: Grounding | None = None
    probes: list[ScenarioProbe] = []  # follow-ups on any item, this scenario's wording
    failure_cards: list[FailureCard] = []  # failures-step scenarios; elements are item ids
    # This scenario's wording of a framework item's hint ("emit notificationId in every log
    # line"): the framework's hints stay generic, each scenario says it in its own terms.
    hints: dict[str, Text] = {}
    # Phrases in this scenario's own sense that must not earn a framework item: in a rate
    # limiter, "a rate-limit filter in the gateway" is the system itself, not edge protection.
    match_exclude: dict[str, ExcludeWords] = {}
    # This scenario's words for a framework item: "create a short link, redirect, see its clicks"
    # are the functional requirements of a URL shortener, "send a push or an email" of notifications.
    match_extra: dict[str, ExtraMatch] = {}

    @field_validator("reference")
    @classmethod
    def _reference_steps(cls, value: dict[str, Text]) -> dict[str, Text]:
        _known_steps_only(value)
        return value

    @property
    def has_simulation(self) -> bool:
        return self.simulation is not None

    def one_line(self, lang: Lang) -> str:
        """The summary; without one, the brief's first sentence (Markdown emphasis removed)."""
        if self.summary is not None:
            return " ".join(self.summary(lang).split())
        text = " ".join(self.brief(lang).replace("*", "").split())
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        return first if len(first) <= 120 else first[:119].rstrip() + "…"


@dataclass(frozen=True)
class Checklist:
    """The items scored on one step: the framework's first, then the scenario's."""

    step: Step
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Bundle:
    """A scenario with its framework, validated together."""

    framework: Framework
    scenario: Scenario
    checklists: dict[str, Checklist] = field(default_factory=dict)

    def items(self, step_id: str) -> tuple[ChecklistItem, ...]:
        return self.checklists[step_id].items

    def all_items(self) -> Iterator[tuple[str, ChecklistItem]]:
        for step_id, checklist in self.checklists.items():
            for item in checklist.items:
                yield step_id, item

    def item(self, item_id: str) -> tuple[str, ChecklistItem]:
        for step_id, item in self.all_items():
            if item.id == item_id:
                return step_id, item
        raise UnknownIdError(problem("content.unknown_item", item=item_id, hint=""))

    def probes(self, item_id: str) -> tuple[Probe, ...]:
        """An item's probes: its own (content order), then the scenario's for it."""
        _, item = self.item(item_id)
        extra = (p for p in self.scenario.probes if p.item == item_id)
        return (*item.probes, *extra)

    def failure_card(self, card_id: str) -> FailureCard:
        for card in self.scenario.failure_cards:
            if card.id == card_id:
                return card
        raise UnknownIdError(problem("content.unknown_card", card=card_id))


# ---------------------------------------------------------------- loading


@dataclass(frozen=True)
class Source:
    """Where a content file came from, for error messages."""

    name: str  # shown to the user: a path, or "<package>/frameworks/x.toml"
    text: str


def _format_loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or problem("content.top_level")


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_toml(source: Source) -> dict[str, Any]:
    """Parse TOML behind the shape guards (size, nesting, dotted keys); a syntax error names file:line:col."""
    from coach.toml_guard import loads_guarded

    try:
        return loads_guarded(source.text, source.name)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_POS.search(message)
        if where:
            reason = _TOML_POS.sub("", message).strip()
            raise ContentError(
                problem("content.invalid_toml_at", name=source.name, line=where[1], column=where[2], reason=reason)
            ) from None
        raise ContentError(problem("content.invalid_toml", name=source.name, reason=message)) from None


_STRING_RE = re.compile(r'"(?:\\.|[^"\\])*"|\'[^\']*\'')
_KEY_RE = re.compile(r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*=")
_LOC_RE = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _key_parts(key: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in key.split("."))


def toml_lines(text: str) -> dict[tuple[int | str, ...], int]:
    """Where each table and key of a TOML text starts: field path (as pydantic reports it) -> line.

    An approximation good for error messages: `[[items]]` counts array entries, dotted keys
    (`match.es.phrases`) record every prefix, multi-line strings and arrays are skipped.
    """
    index: dict[tuple[int | str, ...], int] = {}
    counts: dict[tuple[str, ...], int] = {}  # array-of-tables path -> its last index
    table: tuple[int | str, ...] = ()
    open_quote = ""
    depth = 0
    for number, raw in enumerate(text.splitlines(), 1):
        if open_quote:
            if raw.count(open_quote) % 2 == 1:
                open_quote = ""
            continue
        line = raw.strip()
        if depth > 0 or not line or line.startswith("#"):
            depth = max(0, depth + _brackets(line))
            continue
        if line.startswith("["):
            is_array = line.startswith("[[")
            inner = line[2:line.find("]]")] if is_array else line[1:line.find("]")]
            parts = _key_parts(inner)
            path: list[int | str] = []
            for i, part in enumerate(parts):
                path.append(part)
                if i < len(parts) - 1 and parts[: i + 1] in counts:
                    path.append(counts[parts[: i + 1]])
            if is_array:
                counts[parts] = counts.get(parts, -1) + 1
                for nested in [k for k in counts if len(k) > len(parts) and k[: len(parts)] == parts]:
                    del counts[nested]
                path.append(counts[parts])
            table = tuple(path)
            for end in range(1, len(table) + 1):
                index.setdefault(table[:end], number)
            index[table] = number
            continue
        match = _KEY_RE.match(raw)
        if match is None:
            continue
        keys = _key_parts(match[1])
        for end in range(1, len(keys) + 1):
            index.setdefault((*table, *keys[:end]), number)
        value = raw[match.end():]
        for quote in ('"""', "'''"):
            if value.count(quote) % 2 == 1:
                open_quote = quote
        if not open_quote:
            depth = max(0, _brackets(value))
    return index


def _brackets(line: str) -> int:
    """Open minus closed square brackets outside strings and comments."""
    bare = _STRING_RE.sub("", line).split("#")[0]
    return bare.count("[") - bare.count("]")


def _parse_loc(where: str) -> tuple[int | str, ...]:
    return tuple(int(m[2]) if m[2] else m[1] for m in _LOC_RE.finditer(where))


def with_lines(name: str, text: str, problems: Iterable[str]) -> list[str]:
    """`file: field: message` -> `file:LINE: field: message` where the field is found in `text`.

    A bilingual Problem keeps both languages: the field, and so the line, is the same in each.
    """
    if not text:
        return list(problems)
    index = toml_lines(text)
    out: list[str] = []
    prefix = f"{name}: "
    for entry in problems:
        if not entry.startswith(prefix) or ": " not in entry[len(prefix):]:
            out.append(entry)
            continue
        where = entry[len(prefix):].split(": ", 1)[0]
        loc = _parse_loc(where)
        line = next((index[loc[:end]] for end in range(len(loc), 0, -1) if loc[:end] in index), None)
        def at_line(text: str, line: int = line or 0) -> str:
            return f"{name}:{line}: {text.removeprefix(prefix)}"

        if line is None:
            out.append(entry)
        elif isinstance(entry, Problem):
            out.append(entry.reworded(at_line))
        else:
            out.append(at_line(entry))
    return out


def _pydantic_problem(error: Any) -> Problem:
    """One pydantic error as a catalog line: a validator's own Problem, else a line per error type."""
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    cause = ctx.get("error")
    if isinstance(cause, ValueError) and cause.args and isinstance(cause.args[0], Problem):
        return cause.args[0]
    key = f"content.pydantic_{error['type']}"
    if not has(key):
        return problem("content.pydantic_other", kind=error["type"])
    numbers = {name: ctx.pop(name) for name in ("gt", "ge", "lt", "le") if isinstance(ctx.get(name), int | float)}
    if isinstance(ctx.get("expected"), str):  # "'mid', 'senior' or 'staff'"
        expected = ctx["expected"]
        ctx["expected"] = Problem(expected, expected.replace("' or '", "' o '"))
    return problem(key, numbers=numbers, **ctx)


def _validation_problems(name: str, exc: ValidationError) -> list[str]:
    problems: list[str] = []
    for error in exc.errors():
        loc = _format_loc(tuple(error["loc"]))
        if error["type"] == "missing":
            message = problem("content.missing_translation" if loc.endswith((".es", ".en")) else "content.field_required")
        elif error["type"] == "extra_forbidden":
            message = problem("content.extra_field")
        else:
            message = _pydantic_problem(error)
        problems.append(problem("content.at", name=name, field=loc, problem=message))
    return problems


def _validate_ids(name: str, items: Iterable[tuple[str, str]]) -> list[str]:
    seen: dict[str, str] = {}
    problems: list[str] = []
    for where, item_id in items:
        if item_id in seen:
            duplicate = problem("content.duplicate_id", id=item_id, first=seen[item_id])
            problems.append(problem("content.at", name=name, field=where, problem=duplicate))
        else:
            seen[item_id] = where
    return problems


def parse_framework(source: Source) -> Framework:
    """Validate one framework file."""
    data = parse_toml(source)
    try:
        framework = Framework.model_validate(data)
    except ValidationError as exc:
        raise ContentError(*with_lines(source.name, source.text, _validation_problems(source.name, exc))) from None
    ids = [
        (f"steps[{i}].items[{j}].id", item.id)
        for i, step in enumerate(framework.steps)
        for j, item in enumerate(step.items)
    ]
    problems = _validate_ids(source.name, ids)
    if problems:
        raise ContentError(*with_lines(source.name, source.text, problems))
    return framework


def parse_scenario(source: Source) -> Scenario:
    """Validate one scenario file on its own (its framework is checked by `bundle`)."""
    data = parse_toml(source)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ContentError(*with_lines(source.name, source.text, _validation_problems(source.name, exc))) from None
    problems = _validate_ids(
        source.name, [(f"items[{i}].id", item.id) for i, item in enumerate(scenario.items)]
    )
    if problems:
        raise ContentError(*with_lines(source.name, source.text, problems))
    return scenario


def bundle(framework: Framework, scenario: Scenario, scenario_name: str = "", text: str = "") -> Bundle:
    """Join a scenario to its framework: ids unique across both, checklists per step.

    `text`, the scenario file's TOML, lets each problem name its line.
    """
    name = scenario_name or scenario.id
    seen = {item.id for step in framework.steps for item in step.items}
    problems: list[str] = []
    for i, item in enumerate(scenario.items):
        if item.id in seen:
            duplicate = problem("content.duplicate_framework_id", id=item.id, framework=framework.id)
            problems.append(problem("content.at", name=name, field=f"items[{i}].id", problem=duplicate))
    if problems:
        raise ContentError(*with_lines(name, text, problems))
    tables = (("hints", scenario.hints), ("match_exclude", scenario.match_exclude), ("match_extra", scenario.match_extra))
    for table, ids in tables:
        for item_id in ids:
            if item_id not in seen:
                not_item = problem("content.not_framework_item", hint=suggest(item_id, seen))
                problems.append(problem("content.at", name=name, field=f"{table}.{item_id}", problem=not_item))
    if problems:
        raise ContentError(*with_lines(name, text, problems))
    checklists = {}
    for step in framework.steps:
        extra = tuple(item for item in scenario.items if item.step == step.id)
        own = tuple(_in_scenario(item, scenario) for item in step.items)
        checklists[step.id] = Checklist(step=step, items=(*own, *extra))
    if (framework.id, scenario.id) == (SPEC_FRAMEWORK, SPEC_SCENARIO):
        problems = _missing_spec_ids(name, checklists)
    # A renamed item is reported once as missing (above), then wherever a probe still names it.
    problems += _probe_problems(name, scenario, set(seen) | {item.id for item in scenario.items})
    if problems:
        raise ContentError(*with_lines(name, text, problems))
    return Bundle(framework=framework, scenario=scenario, checklists=checklists)


def _in_scenario(item: ChecklistItem, scenario: Scenario) -> ChecklistItem:
    """A framework item in this scenario's words: its hint ([hints]), extra excludes ([match_exclude])
    and extra phrases and paraphrase rules ([match_extra])."""
    update: dict[str, Any] = {}
    if item.id in scenario.hints:
        update["hint"] = scenario.hints[item.id]
    exclude = scenario.match_exclude.get(item.id)
    extra = scenario.match_extra.get(item.id)
    if exclude is not None or extra is not None:
        rules: dict[str, MatchRules] = {}
        for lang in ("es", "en"):
            own: MatchRules = getattr(item.match, lang)
            added = getattr(extra, lang) if extra is not None else ExtraRules()
            rules[lang] = own.model_copy(update={
                "phrases": [*own.phrases, *added.phrases],
                "together": [*own.together, *added.together],
                "exclude": [*own.exclude, *(getattr(exclude, lang) if exclude is not None else [])],
            })
        update["match"] = item.match.model_copy(update=rules)
    return item.model_copy(update=update) if update else item


def _probe_problems(name: str, scenario: Scenario, known: set[str]) -> list[str]:
    """Probes name an existing item; failure cards have unique ids and existing elements."""
    problems: list[str] = []

    def unknown_item(field: str, item_id: str) -> None:
        unknown = problem("content.unknown_item", item=item_id, hint=suggest(item_id, known))
        problems.append(problem("content.at", name=name, field=field, problem=unknown))

    for i, probe in enumerate(scenario.probes):
        if probe.item not in known:
            unknown_item(f"probes[{i}].item", probe.item)
    seen: dict[str, int] = {}
    for i, card in enumerate(scenario.failure_cards):
        if card.id in seen:
            duplicate = problem("content.duplicate_id", id=card.id, first=f"failure_cards[{seen[card.id]}]")
            problems.append(problem("content.at", name=name, field=f"failure_cards[{i}].id", problem=duplicate))
        seen.setdefault(card.id, i)
        for j, element in enumerate(card.elements):
            if element not in known:
                unknown_item(f"failure_cards[{i}].elements[{j}]", element)
    return problems


def _missing_spec_ids(name: str, checklists: dict[str, Checklist]) -> list[str]:
    """Every id of spec/concepts.md must exist, on its own step."""
    where = {item.id: step_id for step_id, cl in checklists.items() for item in cl.items}
    problems: list[str] = []
    for item_id, step_id in REQUIRED_IDS.items():
        if item_id not in where:
            problems.append(problem("content.missing_required", name=name, item=item_id, step=step_id))
        elif where[item_id] != step_id:
            problems.append(
                problem("content.wrong_step", name=name, item=item_id, step=where[item_id], expected=step_id)
            )
    return problems


def suggest(name: str, choices: Iterable[str]) -> Problem:
    """"; did you mean 'x'?" (or "; ¿quisiste decir 'x'?"), or nothing when no name is close."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.5)
    if not close:
        return Problem("", "")
    return problem("content.did_you_mean", name=close[0])


def _shipped(kind: str) -> Traversable:
    # frameworks/ and scenarios/ are mapped to these packages (pyproject.toml), so one
    # lookup works in the wheel and in an editable install alike.
    return resources.files(f"coach.content_data.{kind}")


@dataclass(frozen=True)
class ScenarioEntry:
    """One row of the scenario list, in one language."""

    id: str
    title: str
    summary: str
    difficulty: str
    difficulty_label: str
    duration_min: int | None
    framework: str
    simulation: bool
    source: str


class Library:
    """All frameworks and scenarios: shipped ones, overridden by a user directory.

    A user directory may hold `frameworks/*.toml` and `scenarios/*.toml`; a file
    whose id matches a shipped one replaces it. A user file that cannot be used
    is skipped, not fatal: its first problem goes to `skipped` and to `on_skip`
    (the CLI prints it once), and the shipped content keeps working.
    """

    def __init__(
        self,
        content_dir: Path | None = None,
        *,
        use_user_dir: bool = True,
        on_skip: Callable[[str], None] | None = None,
    ) -> None:
        if content_dir is None and use_user_dir:
            content_dir = user_content_dir()
        elif content_dir is not None and not content_dir.is_dir():
            raise ContentError(problem("content.not_a_dir", path=content_dir))
        self.content_dir = content_dir
        self.skipped: list[str] = []
        self._on_skip = on_skip
        self._frameworks: dict[str, Framework] | None = None
        self._scenarios: dict[str, tuple[str, Scenario]] | None = None
        self._texts: dict[str, str] = {}  # scenario file -> its TOML, for line numbers in errors

    def _skip(self, exc: ContentError) -> None:
        first = exc.problems[0] if exc.problems else str(exc)
        more = len(exc.problems) - 1
        line = problem("content.skipped_more", problem=first, more=more) if more > 0 else problem("content.skipped", problem=first)
        self.skipped.append(line)
        if self._on_skip is not None:
            self._on_skip(line)

    def _sources(self, kind: str) -> list[Source]:
        sources = []
        for entry in sorted(_shipped(kind).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                sources.append(Source(f"<coach>/{kind}/{entry.name}", entry.read_text("utf-8")))
        if self.content_dir is not None and (self.content_dir / kind).is_dir():
            for path in sorted((self.content_dir / kind).glob("*.toml")):
                try:
                    sources.append(Source(str(path), read_text(path)))
                except ContentError as exc:
                    self._skip(exc)
        return sources

    def _parse_all(self, kind: str, parse: Callable[[Source], Any]) -> list[tuple[Source, Any]]:
        parsed = []
        for source in self._sources(kind):
            try:
                parsed.append((source, parse(source)))
            except ContentError as exc:
                if source.name.startswith("<coach>/"):
                    raise  # shipped content is a bug, not a user's file
                self._skip(exc)
        return parsed

    @property
    def frameworks(self) -> dict[str, Framework]:
        if self._frameworks is None:
            self._frameworks = {}
            for _, framework in self._parse_all("frameworks", parse_framework):
                self._frameworks[framework.id] = framework
        return self._frameworks

    @property
    def scenarios(self) -> dict[str, tuple[str, Scenario]]:
        if self._scenarios is None:
            self._scenarios = {}
            for source, scenario in self._parse_all("scenarios", parse_scenario):
                self._scenarios[scenario.id] = (source.name, scenario)
                self._texts[source.name] = source.text
        return self._scenarios

    def framework(self, framework_id: str) -> Framework:
        try:
            return self.frameworks[framework_id]
        except KeyError:
            hint = suggest(framework_id, self.frameworks)
            raise UnknownIdError(problem("content.unknown_framework", framework=framework_id, hint=hint)) from None

    def scenario(self, scenario_id: str) -> Scenario:
        try:
            return self.scenarios[scenario_id][1]
        except KeyError:
            hint = suggest(scenario_id, self.scenarios)
            known = ", ".join(sorted(self.scenarios))
            raise UnknownIdError(problem("content.unknown_scenario", scenario=scenario_id, hint=hint, known=known)) from None

    def duration_min(self, scenario: Scenario) -> int | None:
        """Minutes a full rehearsal takes: the scenario's own figure, else its framework's budget."""
        if scenario.duration_min is not None:
            return scenario.duration_min
        framework = self.frameworks.get(scenario.framework)
        return None if framework is None else round(framework.total_budget_s / 60)

    def catalogue(self, lang: Lang) -> list[ScenarioEntry]:
        """Every usable scenario as the menu and `coach scenarios list` show it, sorted by id."""
        return [
            ScenarioEntry(
                id=scenario.id,
                title=scenario.title(lang),
                summary=scenario.one_line(lang),
                difficulty=scenario.difficulty,
                difficulty_label=t(f"content.difficulty_{scenario.difficulty}", lang),
                duration_min=self.duration_min(scenario),
                framework=scenario.framework,
                simulation=scenario.has_simulation,
                source=source,
            )
            for source, scenario in sorted(self.scenarios.values(), key=lambda entry: entry[1].id)
        ]

    def bundle(self, scenario_id: str) -> Bundle:
        scenario = self.scenario(scenario_id)
        name = self.scenarios[scenario_id][0]
        if scenario.framework not in self.frameworks:
            raise ContentError(_unknown_framework(name, scenario.framework, self.frameworks))
        return bundle(self.frameworks[scenario.framework], scenario, name, self._texts.get(name, ""))


def _unknown_framework(name: str, framework_id: str, known: Iterable[str]) -> Problem:
    """`file: framework: unknown framework 'x'; did you mean 'y'?`, in both languages."""
    hint = suggest(framework_id, known)
    unknown = problem("content.unknown_framework", framework=framework_id, hint=hint)
    return problem("content.at", name=name, field="framework", problem=unknown)


def validate_file(path: Path, library: Library | None = None) -> Problem:
    """Validate a user-written framework or scenario file; return what it is, in both languages.

    A scenario is also checked against its framework (ids unique across both).
    """
    from coach.files import CONTENT_MAX_BYTES, STDIN, read_input

    name = "<stdin>" if str(path) == STDIN else str(path)
    source = Source(name, read_input(path, limit_bytes=CONTENT_MAX_BYTES, stdin_ok=True))
    data = parse_toml(source)
    if "steps" in data:
        framework = parse_framework(source)
        return problem("content.is_framework", id=framework.id)
    scenario = parse_scenario(source)
    library = library or Library()
    if scenario.framework not in library.frameworks:
        raise ContentError(*with_lines(name, source.text, [_unknown_framework(name, scenario.framework, library.frameworks)]))
    bundle(library.frameworks[scenario.framework], scenario, name, source.text)
    return problem("content.is_scenario", id=scenario.id)


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario format, for editor completion."""
    return Scenario.model_json_schema()


def framework_schema() -> dict[str, Any]:
    """The JSON Schema of the framework format."""
    return Framework.model_json_schema()
