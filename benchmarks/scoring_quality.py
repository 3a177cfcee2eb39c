"""Precision and recall of the scorer on the labelled evaluation set (tests/eval/).

    python benchmarks/scoring_quality.py            # micro and per-sheet figures
    python benchmarks/scoring_quality.py --details  # plus every false positive / negative
    python benchmarks/scoring_quality.py --holdout  # tests/eval/holdout (written after tuning the main set)
    python benchmarks/scoring_quality.py --set holdout2  # any set under tests/eval/ (holdout2: written last)
    python benchmarks/scoring_quality.py --set holdout3  # 12 sheets by an independent writer
    python benchmarks/scoring_quality.py --set holdout4  # 10 sheets by a second independent writer

Without --set/--holdout it prints the main set sheet by sheet, then one summary
line per holdout set (holdout, holdout2, holdout3, holdout4).

Items are the ids of spec/concepts.md (labels were written against those);
an item counts as predicted when the scorer covers it anywhere in the sheet.
Arithmetic: every check listed in `wrong_checks` must be flagged, no other.
"""

from __future__ import annotations

import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "eval"
HOLDOUT_SETS = ("holdout", "holdout2", "holdout3", "holdout4")


@dataclass
class SheetResult:
    name: str
    labelled: frozenset[str]
    predicted: frozenset[str]
    wrong_expected: frozenset[str]
    wrong_found: frozenset[str]
    ok_checks: int

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
    def precision(self) -> float:
        return self.true_positives / len(self.predicted) if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / len(self.labelled) if self.labelled else 1.0


@dataclass
class Report:
    sheets: list[SheetResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        predicted = sum(len(s.predicted) for s in self.sheets)
        return sum(s.true_positives for s in self.sheets) / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        labelled = sum(len(s.labelled) for s in self.sheets)
        return sum(s.true_positives for s in self.sheets) / labelled if labelled else 1.0

    @property
    def arithmetic_ok(self) -> bool:
        return all(s.wrong_expected == s.wrong_found for s in self.sheets)


def evaluate(eval_dir: Path = EVAL_DIR) -> Report:
    """Score every sheet of the set and compare with its labels."""
    from coach.content import Library
    from coach.scoring import score_sheet
    from coach.sheet import read_sheet
    from coach.spec import REQUIRED_IDS

    labels = tomllib.loads((eval_dir / "labels.toml").read_text("utf-8"))["sheets"]
    library = Library(use_user_dir=False)
    bundles = {}
    spec_ids = frozenset(REQUIRED_IDS)
    report = Report()
    started = time.perf_counter()
    for name in sorted(labels):
        sheet = read_sheet(eval_dir / "sheets" / name)
        scenario = sheet.scenario or "notifications"
        if scenario not in bundles:
            bundles[scenario] = library.bundle(scenario)
        result = score_sheet(sheet, bundles[scenario])
        covered = labels[name]["covered"]
        labelled = spec_ids if covered == ["ALL"] else frozenset(covered)
        unknown = labelled - spec_ids
        if unknown:
            raise SystemExit(f"{name}: labels name unknown ids {sorted(unknown)}")
        findings = result.step("estimates").arithmetic
        report.sheets.append(
            SheetResult(
                name=name,
                labelled=labelled,
                predicted=result.covered_ids() & spec_ids,
                wrong_expected=frozenset(labels[name].get("wrong_checks", [])),
                wrong_found=frozenset(f.check for f in findings if not f.ok),
                ok_checks=sum(1 for f in findings if f.ok),
            )
        )
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str]) -> int:
    details = "--details" in argv
    chosen = EVAL_DIR
    if "--holdout" in argv:
        chosen = EVAL_DIR / "holdout"
    if "--set" in argv:
        chosen = EVAL_DIR / argv[argv.index("--set") + 1]
    report = evaluate(chosen)
    print(f"{'sheet':<34} {'labels':>6} {'pred':>5} {'TP':>4} {'prec':>6} {'recall':>7}  arithmetic")
    for s in report.sheets:
        arith = "ok" if s.wrong_expected == s.wrong_found else (
            f"MISMATCH expected {sorted(s.wrong_expected)} found {sorted(s.wrong_found)}"
        )
        arith += f" ({len(s.wrong_found)} flagged, {s.ok_checks} right)"
        print(
            f"{s.name:<34} {len(s.labelled):>6} {len(s.predicted):>5} {s.true_positives:>4} "
            f"{s.precision:>6.3f} {s.recall:>7.3f}  {arith}"
        )
        if details:
            for item in sorted(s.false_positives):
                print(f"    FP {item}")
            for item in sorted(s.false_negatives):
                print(f"    FN {item}")
    print()
    print(f"micro precision {report.precision:.3f}  micro recall {report.recall:.3f}  "
          f"over {len(report.sheets)} sheets ({report.seconds * 1000:.0f} ms)")
    print(f"arithmetic findings match the labels: {'yes' if report.arithmetic_ok else 'NO'}")
    if chosen == EVAL_DIR:
        print()
        for name in HOLDOUT_SETS:
            other = evaluate(EVAL_DIR / name)
            wrong = [s.name for s in other.sheets if s.wrong_expected != s.wrong_found]
            print(f"{name:<9} micro precision {other.precision:.3f}  micro recall {other.recall:.3f}  "
                  f"over {len(other.sheets)} sheets; arithmetic "
                  + ("matches the labels" if not wrong else f"MISMATCH on {', '.join(wrong)}"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
