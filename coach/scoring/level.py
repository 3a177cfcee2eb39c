"""A level (below / mid / senior / staff) from the credit and depth of a sheet's items, with reasons.

Not the percentage alone: in the spirit of the public rubrics (notes/interviewer.md),
a level is read from breadth (the share of each level's items covered), depth (areas
where the candidate justified several decisions, one with a figure or a trade-off),
trade-offs stated, figures that shape the design, failures raised by the candidate,
cost and operations. The thresholds live in content (framework `[scoring.level]` and
`[[scoring.levels]]`: each level lists what it needs beyond the one below); this
module only measures. Two gates come first: a sheet that mostly names things without
deciding them (a keyword list) is below mid; one that clarifies too few requirements
in the opening is capped (at mid).

The verdict cites the items behind it (`reasons`) and names the one gap that blocks
the next level (`next`), in the sheet's language. Items covered only after an
interviewer's probe (the probes branch passes them as `probed`) count for coverage
but not as raised unprompted.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coach.i18n import Lang
from coach.messages import t
from coach.scoring.result import DECIDED, JUSTIFIED, MENTIONED, ItemResult, StepScore

if TYPE_CHECKING:
    from coach.content import Bundle
    from coach.scoring.result import SheetScore

LEVEL_IDS = ("below", "mid", "senior", "staff")
ITEM_LEVELS = ("mid", "senior", "staff")
# How a justified item was justified (Why.kind of a justified item, joined with "+").
BY_NUMBER, BY_TRADEOFF, BY_REASON = "number", "tradeoff", "reason"
_SHOWN = 3  # items cited per reason


@dataclass(frozen=True)
class LevelSpec:
    """The level rules of a framework, as plain data (cached with the compiled rules)."""

    labels: Mapping[str, Mapping[str, str]]  # level id -> lang -> label
    needs: Mapping[str, Mapping[str, float]]  # level id -> signal -> minimum
    titles: Mapping[str, Mapping[str, str]]  # step id -> lang -> title
    item_labels: Mapping[str, Mapping[str, str]]  # item id -> lang -> label
    areas: tuple[str, ...]
    deep_justified: int = 3
    deep_share: float = 0.5
    clarify: tuple[str, ...] = ()
    clarify_min: int = 1
    clarify_cap: str = "mid"
    keyword_share: float = 0.5
    failure_steps: tuple[str, ...] = ("failures",)
    number_skip: tuple[str, ...] = ("opening", "estimates")
    cost: tuple[str, ...] = ()
    operations: tuple[str, ...] = ()

    def label(self, level_id: str, lang: str) -> str:
        return self.labels.get(level_id, {}).get(lang, level_id)

    def item(self, item_id: str, lang: str) -> str:
        return self.item_labels.get(item_id, {}).get(lang, item_id)

    def title(self, step_id: str, lang: str) -> str:
        return self.titles.get(step_id, {}).get(lang, step_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "labels": self.labels, "needs": self.needs, "titles": self.titles,
            "item_labels": self.item_labels, "areas": list(self.areas),
            "deep_justified": self.deep_justified, "deep_share": self.deep_share,
            "clarify": list(self.clarify), "clarify_min": self.clarify_min, "clarify_cap": self.clarify_cap,
            "keyword_share": self.keyword_share, "failure_steps": list(self.failure_steps),
            "number_skip": list(self.number_skip), "cost": list(self.cost), "operations": list(self.operations),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LevelSpec:
        def nested(raw: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
            return {str(k): dict(v) for k, v in raw.items()}

        return cls(
            labels=nested(data["labels"]), needs=nested(data["needs"]), titles=nested(data["titles"]),
            item_labels=nested(data["item_labels"]), areas=tuple(data["areas"]),
            deep_justified=int(data["deep_justified"]), deep_share=float(data["deep_share"]),
            clarify=tuple(data["clarify"]), clarify_min=int(data["clarify_min"]),
            clarify_cap=str(data["clarify_cap"]), keyword_share=float(data["keyword_share"]),
            failure_steps=tuple(data["failure_steps"]), number_skip=tuple(data["number_skip"]),
            cost=tuple(data["cost"]), operations=tuple(data["operations"]),
        )


def level_spec(content: Bundle) -> LevelSpec:
    """The level rules of a loaded bundle."""
    scoring = content.framework.scoring
    rules = scoring.level
    langs = ("es", "en")
    return LevelSpec(
        labels={lv.id: {lang: lv.label(lang) for lang in langs} for lv in scoring.levels},  # type: ignore[arg-type]
        needs={lv.id: {str(k): v for k, v in lv.needs.items()} for lv in scoring.levels},
        titles={s.id: {lang: s.title(lang) for lang in langs} for s in content.framework.steps},  # type: ignore[arg-type]
        item_labels={i.id: {lang: i.label(lang) for lang in langs} for _, i in content.all_items()},  # type: ignore[arg-type]
        areas=tuple(rules.areas),
        deep_justified=rules.deep_justified,
        deep_share=rules.deep_share,
        clarify=tuple(rules.clarify),
        clarify_min=rules.clarify_min,
        clarify_cap=rules.clarify_cap,
        keyword_share=rules.keyword_share,
        failure_steps=tuple(rules.failure_steps),
        number_skip=tuple(rules.number_skip),
        cost=tuple(rules.cost),
        operations=tuple(rules.operations),
    )


@dataclass(frozen=True)
class LevelVerdict:
    """The level of a sheet: id, label, the evidence behind it and the gap to the next one."""

    id: str
    label: str
    reasons: tuple[str, ...]
    next: str
    signals: Mapping[str, Any] = field(default_factory=dict)  # what was measured (ids per signal)

    def to_json(self) -> dict[str, Any]:
        """The DESIGN.md `level` object, plus the measured signals."""
        return {
            "id": self.id, "label": self.label, "reasons": list(self.reasons), "next": self.next,
            "signals": dict(self.signals),
        }


def shown_verdict(score: SheetScore, labels: Mapping[str, Mapping[str, str]], lang: str) -> LevelVerdict | None:
    """The verdict to show: the scorer's, else one made from the level id (None for an unknown id,
    such as the percentage bands older sessions stored)."""
    if score.verdict is not None:
        return score.verdict
    if score.level not in labels:
        return None
    return LevelVerdict(id=score.level, label=labels[score.level].get(lang, score.level), reasons=(), next="")


def content_labels(content: Bundle) -> dict[str, dict[str, str]]:
    """Level id -> lang -> label, from a framework."""
    return {lv.id: {"es": lv.label("es"), "en": lv.label("en")} for lv in content.framework.scoring.levels}


@dataclass(frozen=True)
class Signals:
    """What a sheet shows, measured once: item ids behind each signal."""

    total: float
    by_level: Mapping[str, tuple[int, int]]  # item level -> (covered, all)
    deep: tuple[tuple[str, tuple[str, ...]], ...]  # (area, justified ids) answered in depth
    near: tuple[str, int, tuple[str, ...]] | None  # the area closest to depth: (area, missing, decided ids)
    tradeoffs: tuple[str, ...]
    numbers: tuple[str, ...]
    failures: tuple[str, ...]
    cost: tuple[str, ...]
    operations: tuple[str, ...]
    clarified: tuple[str, ...]
    mentioned: tuple[str, ...]  # items named but only mentioned
    named: int  # items with any words (mentioned, decided or justified)
    missing: Mapping[str, tuple[str, ...]]  # item level -> uncovered ids, heaviest first
    failure_missing: tuple[str, ...]
    cost_missing: tuple[str, ...]
    operations_missing: tuple[str, ...]
    plain: tuple[str, ...]  # decided, or justified by a reason word only: where a trade-off or figure would go

    def value(self, signal: str) -> float:
        if signal == "total":
            return self.total
        if signal.startswith("covered_"):
            covered, count = self.by_level.get(signal.removeprefix("covered_"), (0, 0))
            return covered / count if count else 1.0
        if signal == "deep_areas":
            return float(len(self.deep))
        return float(len(getattr(self, signal)))

    def to_json(self) -> dict[str, Any]:
        return {
            "total": round(self.total, 4),
            "covered": {lvl: {"covered": c, "of": n} for lvl, (c, n) in self.by_level.items()},
            "deep_areas": {area: list(ids) for area, ids in self.deep},
            "tradeoffs": list(self.tradeoffs),
            "numbers": list(self.numbers),
            "failures": list(self.failures),
            "cost": list(self.cost),
            "operations": list(self.operations),
            "clarified": list(self.clarified),
            "mentioned": len(self.mentioned),
            "named": self.named,
        }


def justified_by(item: ItemResult) -> frozenset[str]:
    """How a justified item was justified: number, tradeoff and/or reason (empty otherwise)."""
    if item.credit != JUSTIFIED or item.why is None:
        return frozenset()
    return frozenset(part for part in item.why.kind.split("+") if part) or frozenset({BY_REASON})


def measure(steps: Sequence[StepScore], total: float, spec: LevelSpec, probed: Collection[str] = ()) -> Signals:
    """Every signal of a sheet (items counted once, in their own step, wherever they were said)."""
    items = [item for step in steps for item in step.items]
    covered = [i for i in items if i.credit in (DECIDED, JUSTIFIED)]
    by_weight = sorted(items, key=lambda i: (-i.weight, i.id))
    by_level = {
        lvl: (sum(1 for i in covered if i.level == lvl), sum(1 for i in items if i.level == lvl))
        for lvl in ITEM_LEVELS
    }
    missing = {lvl: tuple(i.id for i in by_weight if i.level == lvl and i.credit not in (DECIDED, JUSTIFIED)) for lvl in ITEM_LEVELS}
    deep: list[tuple[str, tuple[str, ...]]] = []
    near: tuple[str, int, tuple[str, ...]] | None = None
    for step in steps:
        if step.step not in spec.areas or not step.items:
            continue
        justified = [i for i in step.items if i.credit == JUSTIFIED]
        sharp = any(justified_by(i) & {BY_NUMBER, BY_TRADEOFF} for i in justified)
        needed = max(spec.deep_justified, math.ceil(spec.deep_share * len(step.items)))
        if len(justified) >= needed and sharp:
            deep.append((step.step, tuple(i.id for i in justified)))
            continue
        gap = max(1, needed - len(justified))
        upgradable = tuple(i.id for i in sorted(step.items, key=lambda i: (-i.weight, i.id)) if i.credit != JUSTIFIED)
        if near is None or gap < near[1]:
            near = (step.step, gap, upgradable)
    justified_items = [i for i in items if i.credit == JUSTIFIED]
    raised = [i for i in covered if i.step in spec.failure_steps and i.id not in probed]
    return Signals(
        total=total,
        by_level=by_level,
        deep=tuple(deep),
        near=near,
        tradeoffs=tuple(i.id for i in justified_items if BY_TRADEOFF in justified_by(i)),
        numbers=tuple(
            i.id for i in justified_items
            if BY_NUMBER in justified_by(i) and i.step not in spec.number_skip
        ),
        failures=tuple(i.id for i in raised),
        cost=tuple(i.id for i in justified_items if i.id in spec.cost),
        operations=tuple(i.id for i in justified_items if i.id in spec.operations),
        clarified=tuple(i.id for i in covered if i.id in spec.clarify),
        mentioned=tuple(i.id for i in items if i.credit == MENTIONED),
        named=sum(1 for i in items if i.credit != "none"),
        missing=missing,
        failure_missing=tuple(i.id for i in by_weight if i.step in spec.failure_steps and i.id not in {r.id for r in raised}),
        cost_missing=tuple(i.id for i in by_weight if i.id in spec.cost and i.credit != JUSTIFIED),
        operations_missing=tuple(i.id for i in by_weight if i.id in spec.operations and i.credit != JUSTIFIED),
        plain=tuple(
            i.id for i in by_weight
            if i.step not in spec.number_skip
            and (i.credit == DECIDED or (i.credit == JUSTIFIED and justified_by(i) == {BY_REASON}))
        ),
    )


def assess_level(
    steps: Sequence[StepScore], total: float, spec: LevelSpec, lang: str, probed: Collection[str] = ()
) -> LevelVerdict:
    """The level a sheet reaches, the reasons behind it and the gap that blocks the next one."""
    signals = measure(steps, total, spec, probed)
    words = _Words(spec, lang)
    keyword_list = signals.named > 0 and len(signals.mentioned) / signals.named > spec.keyword_share
    cap = len(LEVEL_IDS) - 1
    if len(signals.clarified) < spec.clarify_min and spec.clarify and spec.clarify_cap in LEVEL_IDS:
        cap = LEVEL_IDS.index(spec.clarify_cap)
    reached = 0
    blocker: str | None = None
    if keyword_list:
        blocker = "gate.keywords"
    else:
        for index, level_id in enumerate(LEVEL_IDS[1:], start=1):
            unmet = [s for s, minimum in spec.needs.get(level_id, {}).items() if signals.value(s) < minimum - 1e-9]
            if unmet:
                blocker = unmet[0]
                break
            if index > cap:
                blocker = "gate.clarify"
                break
            reached = index
    level_id = LEVEL_IDS[reached]
    reasons = words.reasons(signals, keyword_list, cap)
    if reached == len(LEVEL_IDS) - 1 or blocker is None:
        gap = words.t("top")
    else:
        gap = words.gap(blocker, LEVEL_IDS[reached + 1], signals)
    return LevelVerdict(
        id=level_id,
        label=spec.label(level_id, lang),
        reasons=tuple(reasons),
        next=gap,
        signals=signals.to_json(),
    )


# ---------------------------------------------------------------- words


class _Words:
    """The reasons and the gap, in the sheet's language."""

    def __init__(self, spec: LevelSpec, lang: str) -> None:
        self.spec = spec
        self.lang: Lang = "es" if lang == "es" else "en"

    def t(self, key: str, **values: object) -> str:
        return t(f"level.{key}", self.lang, **values)

    def items(self, ids: Iterable[str], limit: int = _SHOWN) -> str:
        ids = list(ids)
        if not ids:
            return self.t("none")
        shown = ", ".join(self.spec.item(i, self.lang) for i in ids[:limit])
        return shown + (", …" if len(ids) > limit else "")

    def reasons(self, s: Signals, keyword_list: bool, cap: int) -> list[str]:
        spec = self.spec
        out: list[str] = []
        if keyword_list:
            out.append(self.t("keywords", n=len(s.mentioned), named=s.named, items=self.items(s.mentioned)))
        if spec.clarify:
            values = {"n": len(s.clarified), "of": len(spec.clarify), "items": self.items(s.clarified)}
            if cap < len(LEVEL_IDS) - 1:
                out.append(self.t("clarify_cap", **values, min=spec.clarify_min, cap=spec.label(LEVEL_IDS[cap], self.lang)))
            else:
                out.append(self.t("clarified", **values))
        share = {lvl: f"{c}/{n}" for lvl, (c, n) in s.by_level.items()}
        out.append(self.t("breadth", **share))
        if s.deep:
            deepest = sorted(s.deep, key=lambda entry: -len(entry[1]))[:_SHOWN]
            areas = "; ".join(
                self.t("area", title=spec.title(area, self.lang), n=len(ids), items=self.items(ids, 2))
                for area, ids in deepest
            ) + (f"; +{len(s.deep) - _SHOWN}" if len(s.deep) > _SHOWN else "")
            out.append(self.t("deep" if len(s.deep) > 1 else "deep_one", n=len(s.deep), areas=areas))
        else:
            closest = spec.title(s.near[0], self.lang) if s.near else "—"
            out.append(self.t("deep_none", area=closest))
        out.append(self.t("tradeoffs", n=len(s.tradeoffs), items=self.items(s.tradeoffs)) if s.tradeoffs else self.t("tradeoffs_none"))
        out.append(self.t("numbers", n=len(s.numbers), items=self.items(s.numbers)) if s.numbers else self.t("numbers_none"))
        out.append(self.t("failures", n=len(s.failures), items=self.items(s.failures)) if s.failures else self.t("failures_none"))
        if spec.cost or spec.operations:
            out.append(self.t("cost_ops", cost=self.items(s.cost), ops=self.items(s.operations)))
        return out

    def gap(self, blocker: str, level_id: str, s: Signals) -> str:
        spec = self.spec
        level = spec.label(level_id, self.lang)
        want = spec.needs.get(level_id, {}).get(blocker, 0.0)
        if blocker == "gate.keywords":
            return self.t("gap.gate.keywords", level=level, items=self.items(s.mentioned))
        if blocker == "gate.clarify":
            missing = [i for i in spec.clarify if i not in s.clarified]
            return self.t(
                "gap.gate.clarify", level=level, min=spec.clarify_min, items=self.items(missing, 5),
                cap=spec.label(spec.clarify_cap, self.lang),
            )
        if blocker == "total":
            return self.t("gap.total", level=level, want=_pct(want), have=_pct(s.total))
        if blocker.startswith("covered_"):
            kind = blocker.removeprefix("covered_")
            covered, count = s.by_level.get(kind, (0, 0))
            return self.t(
                "gap.covered", level=level, want=_pct(want), have=f"{covered}/{count}",
                kind=spec.label(kind, self.lang), items=self.items(s.missing.get(kind, ())),
            )
        have = int(s.value(blocker))
        wanted = math.ceil(want)
        if blocker == "deep_areas":
            area, more, upgradable = s.near if s.near else ("", 1, ())
            return self.t(
                "gap.deep_areas", level=level, want=wanted, have=have, area=spec.title(area, self.lang),
                more=more, items=self.items(upgradable),
            )
        if blocker == "failures":
            return self.t("gap.failures", level=level, want=wanted, have=have, items=self.items(s.failure_missing))
        if blocker == "cost":
            return self.t("gap.cost", level=level, items=self.items(s.cost_missing))
        if blocker == "operations":
            return self.t("gap.operations", level=level, items=self.items(s.operations_missing))
        # tradeoffs, numbers: the decisions justified only by a reason word are the ones to sharpen
        return self.t(f"gap.{blocker}", level=level, want=wanted, have=have, items=self.items(s.plain))


def _pct(value: float) -> str:
    return f"{round(value * 100)} %"
