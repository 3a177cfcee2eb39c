"""Measure the scorer against labelled sheets: precision, recall, intervals, adversarial figures.

A labelled set is a folder with `sheets/*.md` and a `labels.toml` holding one
table per sheet (see tests/eval/README.md):

    [sheets."es_01-senior.md"]
    lang = "es"                 # optional: else the sheet's header, else the name's prefix
    kind = "normal"             # normal | salad | rejections | questions | offtopic | dont_know | mixed
    covered = ["opening.scope", ...]   # or ["ALL"]: what a strict interviewer ticks, whole sheet
    justified = [...]           # optional subset of covered
    rejected = [...]            # optional: named but rejected, deferred, asked or listed: must not tick
    dont_know_steps = [...]     # optional: steps answered only "I don't know"
    wrong_checks = [...]        # arithmetic checks that must be flagged

Items are the ids of spec/concepts.md (for the notifications scenario; for any other, its own item ids); an item counts as predicted when the
scorer covers it (decided or justified) anywhere in the sheet. This module is
what `benchmarks/scoring_quality.py` prints and what the quality tests assert.
"""

from __future__ import annotations

import random
import time
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.content import Bundle

ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = ROOT / "tests" / "eval"
BOOTSTRAP_ROUNDS = 2000


@dataclass(frozen=True)
class SheetResult:
    """One sheet: what the labels say against what the scorer covered."""

    name: str
    lang: str
    kind: str
    labelled: frozenset[str]
    predicted: frozenset[str]
    rejected: frozenset[str]
    wrong_expected: frozenset[str]
    wrong_found: frozenset[str]
    ok_checks: int
    total: float
    dont_know_scores: tuple[tuple[str, float], ...]  # (step, the step's own score)
    scenario: str = ""
    mentioned: frozenset[str] = frozenset()  # ids with any credit: what a keyword list would tick

    @property
    def true_positives(self) -> int:
        return len(self.labelled & self.predicted)

    @property
    def false_positives(self) -> frozenset[str]:
        return self.predicted - self.labelled

    @property
    def false_negatives(self) -> frozenset[str]:
        return self.labelled - self.predicted

    @property
    def rejected_ticked(self) -> frozenset[str]:
        return self.rejected & self.predicted

    @property
    def precision(self) -> float:
        return self.true_positives / len(self.predicted) if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / len(self.labelled) if self.labelled else 1.0


def micro(sheets: Sequence[SheetResult]) -> tuple[float, float]:
    """(precision, recall) pooled over the sheets' items."""
    predicted = sum(len(s.predicted) for s in sheets)
    labelled = sum(len(s.labelled) for s in sheets)
    hits = sum(s.true_positives for s in sheets)
    return (hits / predicted if predicted else 1.0, hits / labelled if labelled else 1.0)


def bootstrap(sheets: Sequence[SheetResult], rounds: int = BOOTSTRAP_ROUNDS, seed: int = 7) -> tuple[
    tuple[float, float], tuple[float, float]
]:
    """95 % intervals of micro precision and recall, resampling whole sheets (seeded)."""
    if not sheets:
        return (1.0, 1.0), (1.0, 1.0)
    rng = random.Random(seed)
    precisions, recalls = [], []
    for _ in range(rounds):
        sample = [sheets[rng.randrange(len(sheets))] for _ in sheets]
        p, r = micro(sample)
        precisions.append(p)
        recalls.append(r)
    precisions.sort()
    recalls.sort()
    low, high = int(0.025 * rounds), int(0.975 * rounds) - 1
    return (precisions[low], precisions[high]), (recalls[low], recalls[high])


@dataclass
class Report:
    """Every sheet of a set, with pooled figures."""

    name: str
    sheets: list[SheetResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return micro(self.sheets)[0]

    @property
    def recall(self) -> float:
        return micro(self.sheets)[1]

    @property
    def arithmetic_ok(self) -> bool:
        return all(s.wrong_expected == s.wrong_found for s in self.sheets)

    def by_lang(self, lang: str) -> list[SheetResult]:
        return [s for s in self.sheets if s.lang == lang]

    def of_kind(self, kind: str) -> list[SheetResult]:
        return [s for s in self.sheets if s.kind == kind]


def _lang_of(name: str, entry: dict[str, object], header: str | None) -> str:
    lang = entry.get("lang") or header
    if isinstance(lang, str) and lang in ("es", "en"):
        return lang
    return "es" if name.startswith("es") or "-es" in name else "en"


def evaluate(set_dir: Path) -> Report:
    """Score every labelled sheet of a set folder and compare with its labels."""
    from coach.content import Library
    from coach.scoring import score_sheet
    from coach.sheet import read_sheet
    from coach.spec import SPEC_SCENARIO

    labels = tomllib.loads((set_dir / "labels.toml").read_text("utf-8"))["sheets"]
    library = Library(use_user_dir=False)
    bundles = {}
    report = Report(name=set_dir.name)
    started = time.perf_counter()
    for name in sorted(labels):
        entry = labels[name]
        sheet = read_sheet(set_dir / "sheets" / name)
        # The sets written before the scenario library have headerless sheets about the spec scenario.
        scenario = sheet.scenario or str(entry.get("scenario") or SPEC_SCENARIO)
        if scenario not in bundles:
            bundles[scenario] = library.bundle(scenario)
        result = score_sheet(sheet, bundles[scenario])
        spec_ids = labelled_ids(bundles[scenario])
        covered = entry.get("covered", [])
        labelled = spec_ids if covered == ["ALL"] else frozenset(covered)
        unknown = (labelled | frozenset(entry.get("rejected", []))) - spec_ids
        if unknown:
            raise SystemExit(f"{set_dir.name}/{name}: labels name unknown ids {sorted(unknown)}")
        findings = result.step("estimates").arithmetic
        dont_know = tuple((step, result.step(step).score) for step in entry.get("dont_know_steps", []))
        report.sheets.append(
            SheetResult(
                name=name,
                lang=_lang_of(name, entry, sheet.lang),
                kind=str(entry.get("kind", "normal")),
                labelled=labelled,
                predicted=result.covered_ids() & spec_ids,
                rejected=frozenset(entry.get("rejected", [])) - labelled,
                wrong_expected=frozenset(entry.get("wrong_checks", [])),
                wrong_found=frozenset(f.check for f in findings if not f.ok),
                ok_checks=sum(1 for f in findings if f.ok),
                total=result.total,
                dont_know_scores=dont_know,
                scenario=scenario,
                mentioned=frozenset(
                    item.id for step in result.steps for item in step.items if item.credit != "none"
                ) & spec_ids,
            )
        )
    report.seconds = time.perf_counter() - started
    return report


def labelled_ids(content: Bundle) -> frozenset[str]:
    """The ids a labelled set may name: spec/concepts.md for the spec scenario, else every item of the bundle."""
    from coach.spec import REQUIRED_IDS, SPEC_FRAMEWORK, SPEC_SCENARIO

    if (content.framework.id, content.scenario.id) == (SPEC_FRAMEWORK, SPEC_SCENARIO):
        return frozenset(REQUIRED_IDS)
    return frozenset(item.id for _, item in content.all_items())


def sets_under(folder: Path) -> list[Path]:
    """The labelled set folders directly under `folder`, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if (p / "labels.toml").is_file())


def summary_lines(report: Report) -> Iterable[str]:
    """Human-readable figures of a set: per language with a 95 % interval, then adversarial."""
    for lang in ("es", "en", None):
        sheets = report.sheets if lang is None else report.by_lang(lang)
        if not sheets:
            continue
        (p, r) = micro(sheets)
        (p_lo, p_hi), (r_lo, r_hi) = bootstrap(sheets)
        label = "all" if lang is None else lang
        yield (
            f"{report.name:<10} {label:<3} {len(sheets):>2} sheets  precision {p:.3f} [{p_lo:.2f}-{p_hi:.2f}]"
            f"  recall {r:.3f} [{r_lo:.2f}-{r_hi:.2f}]"
        )
    # honest candidates and adversarial sheets apart: the writer's `kind` ("normal" is an honest sheet)
    for group, honest in (("honest", True), ("adversarial", False)):
        for lang in ("es", "en"):
            sheets = [s for s in report.by_lang(lang) if (s.kind == "normal") == honest]
            if sheets and len(sheets) < len(report.by_lang(lang)):
                (p, r) = micro(sheets)
                yield f"{report.name:<10} {lang} {group:<11} {len(sheets):>2} sheets  precision {p:.3f}  recall {r:.3f}"
    # the naive baseline: every item whose words appear at all (a keyword list, no cues, no lists)
    naive = [replace(s, predicted=s.mentioned) for s in report.sheets]
    (p, r) = micro(naive)
    yield f"{report.name:<10} naive keyword baseline (any mention ticks): precision {p:.3f}  recall {r:.3f}"
    scenarios = sorted({s.scenario for s in report.sheets})
    if len(scenarios) > 1:  # a library set: the figures per scenario (micro-averaged, both languages)
        for scenario in scenarios:
            of_scenario = [s for s in report.sheets if s.scenario == scenario]
            (p, r) = micro(of_scenario)
            yield f"{report.name:<10} {scenario:<14} {len(of_scenario):>2} sheets  precision {p:.3f}  recall {r:.3f}"
    salads = report.of_kind("salad")
    if salads:
        yield f"{report.name:<10} salad total: " + ", ".join(f"{s.name} {s.total:.0%}" for s in salads)
    rejected = [(s.name, sorted(s.rejected_ticked)) for s in report.sheets if s.rejected]
    if rejected:
        named = sum(len(s.rejected) for s in report.sheets)
        ticked = sum(len(s.rejected_ticked) for s in report.sheets)
        yield f"{report.name:<10} rejected/deferred/asked items ticked: {ticked} of {named}" + "".join(
            f"\n    {name}: {items}" for name, items in rejected if items
        )
    dont_know = [(s.name, step, score) for s in report.sheets for step, score in s.dont_know_scores]
    if dont_know:
        worst = max(score for _, _, score in dont_know)
        yield f"{report.name:<10} 'I don't know' steps: highest own-step score {worst:.0%} over {len(dont_know)} steps"
    yield f"{report.name:<10} arithmetic findings match the labels: {'yes' if report.arithmetic_ok else 'NO'}"
