"""`coach score` and `coach estimate`: explainable scoring of a sheet, and the estimate calculator.

Scoring, content and rich are imported inside the commands so `coach --help` stays fast.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
from coach.messages import has, t

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from coach.i18n import Lang
    from coach.scoring import ItemResult, SheetScore, StepScore
    from coach.scoring.estimates import Calculation
    from coach.scoring.scorer import CompiledBundle
    from coach.scoring.warm import Labels


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
    with fail_on_error():
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
        _render_score(console(), result, labels, chosen, explain)


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
        if as_json:
            emit_json(_calculation_json(calc, chosen))
            return
        _render_estimate(console(), calc, chosen)


def _only_scenario(sheet_path: Path) -> str:
    """The scenario of a sheet whose header names none: the only one installed, else a one-line error."""
    from coach.cli.common import library
    from coach.errors import CoachError, Problem

    known = sorted(library().scenarios)
    if len(known) == 1:
        return known[0]
    listed = ", ".join(known)
    raise CoachError(
        Problem(
            f"{sheet_path}: the sheet names no scenario (first line `<!-- coach: scenario=ID lang=en -->`); "
            f"pass --scenario ID (known: {listed})",
            f"{sheet_path}: la hoja no dice su escenario (primera línea `<!-- coach: scenario=ID lang=es -->`); "
            f"usa --scenario ID (disponibles: {listed})",
        )
    )


def _rules(scenario_id: str) -> tuple[CompiledBundle, Labels]:
    """The compiled rules and report texts of a scenario.

    Warm path: read back from the user cache, keyed by the raw bytes of the
    content files and the scorer's source, without loading content (no
    pydantic). Cold path: load and validate the content (errors name the file),
    compile the rules (cache.py), and write the warm file for the next run.
    """
    from coach.cli.common import STATE
    from coach.scoring.warm import (
        labels_of,
        load_warm,
        save_warm,
        user_content_dir,
        user_home,
        warm_path,
    )

    content_dir = STATE.content_dir
    path: Path | None = None
    # A bad --content-dir gets the loader's error; an odd user file (a FIFO, a device, a huge
    # file) is never hashed for the warm key: the loader reports and skips it.
    if (content_dir is None or content_dir.is_dir()) and _plain_user_files(user_content_dir(content_dir)):
        try:
            path = warm_path(user_home() / "cache", scenario_id, content_dir)
        except OSError:
            path = None
        warm = load_warm(path) if path is not None else None
        if warm is not None:
            return warm
    from coach.scoring.cache import compile_cached

    content = load_bundle(scenario_id)
    compiled = compile_cached(content, user_home() / "cache")
    labels = labels_of(content)
    if path is not None:
        save_warm(path, compiled, labels)
    return compiled, labels


def _plain_user_files(directory: Path | None) -> bool:
    """True when every user content file is a regular file within the content cap."""
    import stat

    from coach.files import CONTENT_MAX_BYTES

    if directory is None:
        return True
    for kind in ("frameworks", "scenarios"):
        for path in (directory / kind).glob("*.toml") if (directory / kind).is_dir() else ():
            try:
                info = path.stat()
            except OSError:
                return False
            if not stat.S_ISREG(info.st_mode) or info.st_size > CONTENT_MAX_BYTES:
                return False
    return True


def register(app: typer.Typer) -> None:
    """Add `score` and `estimate` to the root app."""
    app.command("score")(score)
    app.command("estimate")(estimate)


# ---------------------------------------------------------------- rendering


def _bar(value: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, value)) * width)
    return "█" * filled + "░" * (width - filled)


def _pct(value: float) -> str:
    return f"{round(value * 100)} %"


def _evidence_text(sentence: str, spans: tuple[tuple[int, int], ...], plain: bool) -> Text:
    """The sentence with matched words highlighted (bold underline; «» when not a terminal).

    Each piece is cleaned on its own (coach.ui.safe), so the spans stay on the right words.
    """
    from rich.text import Text

    from coach.ui.safe import clean

    text, last = Text(), 0
    for start, end in spans:
        text.append(clean(sentence[last:start]))
        if plain:
            text.append(f"«{clean(sentence[start:end])}»")
        else:
            text.append(clean(sentence[start:end]), style="bold underline")
        last = end
    text.append(clean(sentence[last:]))
    return text


def _render_score(out: Console, result: SheetScore, labels: Labels, lang: Lang, explain: bool = False) -> None:
    from rich.table import Table
    from rich.text import Text

    from coach.probes import followups
    from coach.scoring.timing import clock
    from coach.ui.safe import clean, markup

    levels = {level_id: clean(texts[lang]) for level_id, texts in labels.levels.items()}
    asked = followups(result, labels.probes, lang)
    plain = not out.is_terminal or out.no_color

    table = Table(title=t("score.title", lang, scenario=markup(labels.scenario_title[lang])), title_justify="left")
    table.add_column(t("score.step", lang))
    table.add_column(t("score.score", lang))
    table.add_column(t("score.items", lang), justify="right")
    for step in result.steps:
        title = markup(labels.step_title(step.step, lang))
        table.add_row(title, f"{_bar(step.score)} {_pct(step.score)}", f"{step.covered}/{len(step.items)}")
    out.print(table)

    for step in result.steps:
        out.print()
        header = Text(f"{clean(labels.step_title(step.step, lang))} — {step.covered}/{len(step.items)} · {_pct(step.score)}")
        header.stylize("bold")
        out.print(header)
        if step.word_count == 0:
            out.print(f"  {t('score.empty', lang)}")
        for item in step.items:
            _render_item(out, item, labels, lang, plain, explain)
        if step.arithmetic:
            out.print(f"  {t('score.arithmetic', lang)}:")
            for finding in step.arithmetic:
                mark = "✓" if finding.ok else "✗"
                out.print(Text(f"    {mark} {clean(finding.message)}"))
            if any(not finding.ok for finding in step.arithmetic):
                out.print(f"    ({t('score.penalty', lang)})")
        if step.timing is not None:
            _render_timing(out, step, lang, clock)
        if asked.get(step.step):
            out.print(f"  {t('score.followups', lang)}:")
            for followup in asked[step.step]:
                out.print(Text(f"    ? {clean(followup.question)} ({followup.item} · {followup.level})"))
    out.print()
    total = Text(f"{t('score.total', lang)}: {_bar(result.total, 20)} {_pct(result.total)}")
    total.stylize("bold")
    out.print(total)
    verdict = result.verdict
    label = verdict.label if verdict is not None else levels.get(result.level, result.level)
    line = Text(f"{t('score.level_title', lang)}: {clean(label)}")
    line.stylize("bold")
    out.print(line)
    if verdict is not None:
        for reason in verdict.reasons:
            out.print(Text(f"  · {clean(reason)}"))
        if verdict.next:
            out.print(Text(f"  → {t('score.level_next', lang)}: {clean(verdict.next)}"))


def _why_text(item: ItemResult, lang: Lang) -> str:
    """The stage that decided an item's credit, in words (`--explain`)."""
    why = item.why
    if why is None:
        return ""
    if why.code == "cue":
        kind = t(f"score.kind.{why.kind}", lang) if has(f"score.kind.{why.kind}") else why.kind
        return t("score.why.cue", lang, detail=why.detail, kind=kind) if why.detail else t("score.why.cue_bare", lang, kind=kind)
    key = f"why.{why.code}"
    return t(f"score.{key}", lang, detail=why.detail) if has(f"score.{key}") else why.code


def _render_item(
    out: Console, item: ItemResult, labels: Labels, lang: Lang, plain: bool, explain: bool = False
) -> None:
    from rich.text import Text

    from coach.ui.safe import clean

    texts = labels.items.get(item.id)
    label = clean(texts[0][lang] if texts else item.id)
    if item.covered:
        mark = "↗" if item.said_in else "✓"
        line = Text(f"  {mark} {label} ({item.id}) · {t('score.' + item.credit, lang)}")
        if item.probed:
            line.append(f" · {t('score.probed', lang)}", style="italic")
        if item.said_in:
            where = t("score.said_in", lang, step=clean(labels.step_title(item.said_in, lang)))
            line.append(f" — {where}: {t('score.elsewhere', lang)}", style="italic")
    elif item.credit == "mentioned":
        line = Text(f"  ~ {label} ({item.id}) · {t('score.mentioned', lang)}")
    else:
        line = Text(f"  ✗ {label} ({item.id})")
    out.print(line)
    if item.evidence is not None:
        quote = Text("      “")
        quote.append_text(_evidence_text(item.evidence.sentence, item.evidence.spans, plain))
        quote.append("”")
        out.print(quote)
    if explain or item.credit == "mentioned":
        out.print(Text(f"      → {clean(_why_text(item, lang))}", style="dim"))
    if item.credit != "justified" and texts and not item.said_in:
        out.print(Text(f"      {t('score.hint', lang)}: {clean(texts[1][lang])}", style="dim"))


def _render_timing(out: Console, step: StepScore, lang: Lang, clock: Any) -> None:
    timing = step.timing
    assert timing is not None
    low, high = timing.window
    spoken = t("score.spoken", lang, clock=clock(timing.spoken_estimate_s))
    if timing.elapsed_s is None:
        line = f"  {t('score.timing', lang)}: {t('score.untimed', lang)} ({clock(low)}–{clock(high)}) · {spoken}"
    else:
        mark = "✓" if timing.state == "in_window" else "!"
        line = (
            f"  {t('score.timing', lang)}: {mark} {clock(timing.elapsed_s)} {t('score.' + timing.state, lang)} "
            f"{clock(low)}–{clock(high)} · {_pct(timing.score or 0.0)} · {spoken}"
        )
    from rich.text import Text

    out.print(Text(line))


def _figure_label(key: str, lang: Lang, calc: Calculation) -> str:
    return t(f"score.{key}", lang, days=calc.retention_days)


def _calculation_json(calc: Calculation, lang: Lang) -> dict[str, Any]:
    return {
        "lang": lang,
        "inputs": {
            "qps": calc.qps,
            "peak_factor": calc.peak_factor,
            "event_size_bytes": calc.event_size_bytes,
            "retention_days": calc.retention_days,
            "shard_throughput_qps": calc.shard_throughput_qps,
        },
        "figures": [
            {
                "key": figure.key,
                "label": _figure_label(figure.key, lang, calc),
                "value": figure.value,
                "unit": figure.unit,
                "formula": figure.formula,
            }
            for figure in calc.figures
        ],
    }


def _render_estimate(out: Console, calc: Calculation, lang: Lang) -> None:
    from rich.table import Table

    table = Table(title=t("score.estimate_title", lang), title_justify="left")
    table.add_column(t("score.figure", lang))
    table.add_column(t("score.formula", lang))
    from coach.ui.safe import markup

    for figure in calc.figures:
        table.add_row(markup(_figure_label(figure.key, lang, calc)), markup(figure.formula))
    out.print(table)
