"""`coach score` and `coach estimate`: explainable scoring of a sheet, and the estimate calculator.

Scoring, content and the renderers (coach/ui/score_report.py) are imported inside the
commands so `coach --help` stays fast.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.common import (
    JsonOption,
    LangOption,
    console,
    emit_json,
    fail_on_error,
    load_bundle,
    resolve,
)
from coach.messages import problem, t

if TYPE_CHECKING:
    from coach.i18n import Lang
    from coach.scoring.cache import Labels
    from coach.scoring.rules import CompiledBundle


# Far beyond any system an interview asks about, and far from float overflow in the products.
_ESTIMATE_RANGES: dict[str, tuple[float, float]] = {
    "--qps": (0, 1e12),
    "--peak": (1, 1e6),
    "--retention-days": (1, 36_500),
    "--partitions-throughput": (0, 1e12),
}
_MAX_EVENT_BYTES = 1e15


def score(
    sheet_path: Annotated[
        Path, typer.Argument(metavar="SHEET.md", help="A filled or exported answer sheet; - reads standard input.")
    ],
    as_json: JsonOption = False,
    lang: LangOption = None,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", help="Scenario id when the sheet header names none (default: the only one installed)."),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Say, for every item, which stage decided its credit and why."),
    ] = False,
) -> None:
    """Score an answer sheet: each checklist point, its credit and the words that earned it.

    Credit per point: justified (decided, with a reason, figure or trade-off), decided
    (half points), mentioned (words only: a list, a question, rejected or deferred) or none.
    A step's score counts only its own answer; points said elsewhere count in the total.

    Example: coach score my-sheet.md --lang es --explain   (or: cat my-sheet.md | coach score -)
    """
    with fail_on_error(), _collector_paused():
        from coach.scoring.scorer import score_sheet
        from coach.sheet import read_sheet

        sheet = read_sheet(sheet_path)
        rules, labels = _rules(sheet.scenario or scenario or _only_scenario(sheet_path))
        chosen: Lang = resolve(lang) if lang is not None else sheet.lang or resolve(None)
        result = score_sheet(sheet, rules, chosen)
        if as_json:
            from coach.probes import add_followups

            emit_json(add_followups(result.to_json(), result, labels.probes, chosen))
            return
        from coach.ui.score_report import render_score

        render_score(console(), result, labels, chosen, explain)


def estimate(
    qps: Annotated[float, typer.Option("--qps", help="Average requests per second.")] = 100,
    peak: Annotated[float, typer.Option("--peak", help="Peak factor over the average (x5 -> 5).")] = 5,
    event_size: Annotated[str, typer.Option("--event-size", help="Average event size: 1KB, 512B, 2.5 KB.")] = "1KB",
    retention_days: Annotated[int, typer.Option("--retention-days", help="Days of data kept.")] = 30,
    partitions_throughput: Annotated[
        float, typer.Option("--partitions-throughput", help="Requests per second one shard/partition handles.")
    ] = 1000,
    as_json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """Quick estimates, each figure beside its formula: req/day, peak QPS, storage, shards.

    Example: coach estimate --qps 100 --peak 5 --event-size 1KB --retention-days 30
    """
    with fail_on_error():
        from coach.errors import CoachError
        from coach.scoring.estimates import calculate, parse_size

        chosen = resolve(lang)
        size = parse_size(event_size)
        if size is None or not math.isfinite(size) or size <= 0:
            raise CoachError(t("score.bad_size", chosen, value=event_size))
        if size > _MAX_EVENT_BYTES:
            raise CoachError(t("score.range", chosen, flag="--event-size", value=event_size, low=1, high=_MAX_EVENT_BYTES))
        for flag, value in (
            ("--qps", qps),
            ("--peak", peak),
            ("--retention-days", retention_days),
            ("--partitions-throughput", partitions_throughput),
        ):
            low, high = _ESTIMATE_RANGES[flag]
            if not math.isfinite(value) or value > high or value < low:
                raise CoachError(t("score.range", chosen, flag=flag, value=value, low=low, high=high))
            if value <= 0:
                raise CoachError(t("score.positive", chosen, flag=flag))
        calc = calculate(qps, peak, size, retention_days, partitions_throughput, chosen)
        from coach.ui.score_report import calculation_json, render_estimate

        if as_json:
            emit_json(calculation_json(calc, chosen))
            return
        render_estimate(console(), calc, chosen)


def _only_scenario(sheet_path: Path) -> str:
    """The scenario of a sheet whose header names none: the only one installed, else a one-line error."""
    from coach.cli.common import library
    from coach.errors import CoachError

    known = sorted(library().scenarios)
    if len(known) == 1:
        return known[0]
    listed = ", ".join(known)
    raise CoachError(problem("score.no_scenario", path=sheet_path, known=listed))


def _rules(scenario_id: str) -> tuple[CompiledBundle, Labels]:
    """The compiled rules and report texts of a scenario, from the rule cache (coach/scoring/cache.py).

    On a cache miss the content is loaded here (its errors name the file) and compiled.
    """
    from coach.cli.common import STATE
    from coach.scoring.cache import rules_for

    return rules_for(scenario_id, STATE.content_dir, load_bundle)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one scoring (reference counting still frees memory).

    A warm run builds ~200k long-lived objects (the rules from the cache, the scoring
    modules) and leaves almost no cyclic garbage (11 objects for a full sheet): the
    collector's passes over them cost a tenth of the run and find nothing. Afterwards
    they are frozen out of its view (gc.freeze): they live until the process exits, and
    otherwise the next collection, or the one at exit, would scan them all at once.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def register(app: typer.Typer) -> None:
    """Add `score` and `estimate` to the root app."""
    app.command("score")(score)
    app.command("estimate")(estimate)
