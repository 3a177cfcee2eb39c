"""Precision and recall of the scorer on the labelled evaluation sets (tests/eval/).

    python benchmarks/scoring_quality.py                 # every set: train/ and sealed/, summaries
    python benchmarks/scoring_quality.py --details       # plus each sheet and its false positives/negatives
    python benchmarks/scoring_quality.py --set sealed/s1 # one set (a folder under tests/eval/)

`train/` sets may be tuned on; `sealed/` sets are measured once before any
tuning (tests/eval/README.md keeps their figures with dates). Per language,
figures carry a bootstrap 95 % interval over sheets; adversarial sets also
print the keyword-salad total, the rejected items that ticked and the highest
own-step score of an "I don't know" step. The core is coach/scoring/evaluation.py.
"""

from __future__ import annotations

import sys

from coach.scoring.evaluation import EVAL_DIR, Report, evaluate, sets_under, summary_lines


def _print_sheets(report: Report) -> None:
    print(f"{'sheet':<40} {'lang':<4} {'kind':<10} {'labels':>6} {'pred':>5} {'TP':>4} {'prec':>6} "
          f"{'recall':>7} {'total':>6}  arithmetic")
    for s in report.sheets:
        arith = "ok" if s.wrong_expected == s.wrong_found else (
            f"MISMATCH expected {sorted(s.wrong_expected)} found {sorted(s.wrong_found)}"
        )
        print(f"{s.name:<40} {s.lang:<4} {s.kind:<10} {len(s.labelled):>6} {len(s.predicted):>5} "
              f"{s.true_positives:>4} {s.precision:>6.3f} {s.recall:>7.3f} {s.total:>6.0%}  {arith}")
        for item in sorted(s.false_positives):
            print(f"    FP {item}")
        for item in sorted(s.false_negatives):
            print(f"    FN {item}")


def main(argv: list[str]) -> int:
    unknown = [a for i, a in enumerate(argv) if a not in ("--details", "--set") and (i == 0 or argv[i - 1] != "--set")]
    if unknown or argv[-1:] == ["--set"]:
        print("usage:\n" + "\n".join(__doc__.strip().splitlines()[2:5]), file=sys.stderr)
        return 2
    details = "--details" in argv
    if "--set" in argv:
        chosen = [EVAL_DIR / argv[argv.index("--set") + 1]]
        if not (chosen[0] / "labels.toml").is_file():
            print(f"scoring_quality: no labelled set at {chosen[0]}", file=sys.stderr)
            return 2
    else:
        chosen = sets_under(EVAL_DIR / "train") + sets_under(EVAL_DIR / "sealed")
    for folder in chosen:
        report = evaluate(folder)
        report.name = f"{folder.parent.name}/{folder.name}"
        if details:
            _print_sheets(report)
        for line in summary_lines(report):
            print(line)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
