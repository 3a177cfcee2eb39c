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

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from coach.i18n import Lang
    from coach.scoring import ItemResult, SheetScore, StepScore
    from coach.scoring.cache import Labels
    from coach.scoring.estimates import Calculation
    from coach.scoring.rules import CompiledBundle

_T: dict[str, dict[str, str]] = {
    "title": {"es": "Puntuación de {scenario}", "en": "Score for {scenario}"},
    "step": {"es": "paso", "en": "step"},
    "score": {"es": "puntuación", "en": "score"},
    "items": {"es": "puntos", "en": "items"},
    "total": {"es": "Total", "en": "Total"},
    "level": {"es": "nivel", "en": "level"},
    "level_title": {"es": "Nivel", "en": "Level"},
    "level_next": {"es": "para subir de nivel", "en": "to reach the next level"},
    "said_in": {"es": "dicho en el paso «{step}»", "en": "said in step “{step}”"},
    "hint": {"es": "pista", "en": "hint"},
    "arithmetic": {"es": "Cuentas", "en": "Arithmetic"},
    "timing": {"es": "Tiempo", "en": "Timing"},
    "untimed": {"es": "sin cronometrar", "en": "untimed"},
    "in_window": {"es": "dentro de la ventana", "en": "inside the window"},
    "early": {"es": "antes de la ventana", "en": "before the window"},
    "over": {"es": "pasado de la ventana", "en": "past the window"},
    "spoken": {"es": "hablado: ~{clock}", "en": "as spoken: ~{clock}"},
    "empty": {"es": "(sin respuesta)", "en": "(no answer)"},
    "followups": {"es": "Repreguntas de un entrevistador", "en": "Follow-ups an interviewer would ask"},
    "probed": {"es": "tras una repregunta", "en": "after a follow-up"},
    "penalty": {
        "es": "cada cifra mal calculada resta un 20 % a la nota del paso",
        "en": "each wrong figure takes 20% off the step score",
    },
    "estimate_title": {"es": "Estimaciones rápidas", "en": "Quick estimates"},
    "figure": {"es": "cifra", "en": "figure"},
    "value": {"es": "valor", "en": "value"},
    "formula": {"es": "fórmula", "en": "formula"},
    "requests_per_day": {"es": "peticiones al día", "en": "requests per day"},
    "requests_per_month": {"es": "peticiones al mes", "en": "requests per month"},
    "peak_qps": {"es": "QPS en pico", "en": "peak QPS"},
    "bytes_per_day": {"es": "almacenamiento al día", "en": "storage per day"},
    "bytes_retained": {"es": "almacenamiento en {days} días de retención", "en": "storage over {days} days of retention"},
    "bytes_per_year": {"es": "almacenamiento al año", "en": "storage per year"},
    "shards": {"es": "shards/particiones necesarios", "en": "shards/partitions needed"},
    "bad_size": {
        "es": "--event-size: no entiendo {value!r}; usa p. ej. 1KB, 512B o 2.5 KB",
        "en": "--event-size: cannot read {value!r}; use e.g. 1KB, 512B or 2.5 KB",
    },
    "positive": {"es": "{flag}: debe ser mayor que 0", "en": "{flag}: must be greater than 0"},
    "justified": {"es": "justificado", "en": "justified"},
    "decided": {"es": "decidido, sin justificar (media nota)", "en": "decided, no reason given (half points)"},
    "mentioned": {"es": "solo mencionado", "en": "only mentioned"},
    "elsewhere": {"es": "cuenta en el total, no en este paso", "en": "counts in the total, not in this step"},
    "why.justified": {
        "es": "decidido, con una razón, una cifra, un mecanismo o un compromiso al lado",
        "en": "decided, with a reason, a figure, a mechanism or a trade-off next to it",
    },
    "why.no_reason": {
        "es": "decidido, pero sin razón, cifra ni compromiso al lado: di por qué para la nota entera",
        "en": "decided, but no reason, figure or trade-off next to it: say why for full points",
    },
    "why.cue": {"es": "lo descarta «{detail}» ({kind})", "en": "dismissed by “{detail}” ({kind})"},
    "why.cue_bare": {"es": "descartado ({kind})", "en": "dismissed ({kind})"},
    "why.list": {
        "es": "solo aparece en una lista de nombres, sin decisión ni razón",
        "en": "only in a bare list of names, with no decision or reason",
    },
    "why.question": {"es": "solo se pregunta, no se decide", "en": "only asked, never decided"},
    "why.figure": {
        "es": "la cifra se desvía más de 2× de la cuenta: {detail}",
        "en": "the figure is off by more than 2×: {detail}",
    },
    "why.offtopic": {
        "es": "la respuesta trata de otro sistema: este punto es propio del escenario",
        "en": "the answer is about another system: this item belongs to the scenario",
    },
    "why.underived": {
        "es": "la cifra aparece, pero no se deriva en las estimaciones (QPS × 86.400, tamaño × QPS × 86.400)",
        "en": "the figure is there, but not derived in the estimates (QPS × 86,400, size × QPS × 86,400)",
    },
    "why.missing": {"es": "no hay palabras suyas en la respuesta", "en": "no words for it in the answer"},
    "kind.rejected": {"es": "rechazo", "en": "rejection"},
    "kind.deferred": {"es": "aplazado", "en": "deferral"},
    "kind.hypothetical": {"es": "hipótesis", "en": "hypothetical"},
    "kind.question": {"es": "pregunta", "en": "question"},
    "kind.limitation": {"es": "limitación de una herramienta", "en": "a tool's limitation"},
    "kind.other_sense": {"es": "otro sentido de la palabra", "en": "the word in another sense"},
    "kind.other": {"es": "negación", "en": "negation"},
    "range": {
        "es": "{flag}: {value} está fuera de rango; usa un número finito entre {low:g} y {high:g}",
        "en": "{flag}: {value} is out of range; use a finite number from {low:g} to {high:g}",
    },
}

# Far beyond any system an interview asks about, and far from float overflow in the products.
_ESTIMATE_RANGES: dict[str, tuple[float, float]] = {
    "--qps": (0, 1e12),
    "--peak": (1, 1e6),
    "--retention-days": (1, 36_500),
    "--partitions-throughput": (0, 1e12),
}
_MAX_EVENT_BYTES = 1e15


def _t(key: str, lang: Lang, **values: Any) -> str:
    return _T[key][lang].format(**values)


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
            raise CoachError(_t("bad_size", chosen, value=event_size))
        if size > _MAX_EVENT_BYTES:
            raise CoachError(_t("range", chosen, flag="--event-size", value=event_size, low=1, high=_MAX_EVENT_BYTES))
        for flag, value in (
            ("--qps", qps),
            ("--peak", peak),
            ("--retention-days", retention_days),
            ("--partitions-throughput", partitions_throughput),
        ):
            low, high = _ESTIMATE_RANGES[flag]
            if not math.isfinite(value) or value > high or value < low:
                raise CoachError(_t("range", chosen, flag=flag, value=value, low=low, high=high))
            if value <= 0:
                raise CoachError(_t("positive", chosen, flag=flag))
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
    """The compiled rules and report texts of a scenario, from the rule cache (coach/scoring/cache.py).

    On a cache miss the content is loaded here (its errors name the file) and compiled.
    """
    from coach.cli.common import STATE
    from coach.scoring.cache import rules_for

    return rules_for(scenario_id, STATE.content_dir, load_bundle)


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

    table = Table(title=_t("title", lang, scenario=markup(labels.scenario_title[lang])), title_justify="left")
    table.add_column(_t("step", lang))
    table.add_column(_t("score", lang))
    table.add_column(_t("items", lang), justify="right")
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
            out.print(f"  {_t('empty', lang)}")
        for item in step.items:
            _render_item(out, item, labels, lang, plain, explain)
        if step.arithmetic:
            out.print(f"  {_t('arithmetic', lang)}:")
            for finding in step.arithmetic:
                mark = "✓" if finding.ok else "✗"
                out.print(Text(f"    {mark} {clean(finding.message)}"))
            if any(not finding.ok for finding in step.arithmetic):
                out.print(f"    ({_t('penalty', lang)})")
        if step.timing is not None:
            _render_timing(out, step, lang, clock)
        if asked.get(step.step):
            out.print(f"  {_t('followups', lang)}:")
            for followup in asked[step.step]:
                out.print(Text(f"    ? {clean(followup.question)} ({followup.item} · {followup.level})"))
    out.print()
    total = Text(f"{_t('total', lang)}: {_bar(result.total, 20)} {_pct(result.total)}")
    total.stylize("bold")
    out.print(total)
    verdict = result.verdict
    label = verdict.label if verdict is not None else levels.get(result.level, result.level)
    line = Text(f"{_t('level_title', lang)}: {clean(label)}")
    line.stylize("bold")
    out.print(line)
    if verdict is not None:
        for reason in verdict.reasons:
            out.print(Text(f"  · {clean(reason)}"))
        if verdict.next:
            out.print(Text(f"  → {_t('level_next', lang)}: {clean(verdict.next)}"))


def _why_text(item: ItemResult, lang: Lang) -> str:
    """The stage that decided an item's credit, in words (`--explain`)."""
    why = item.why
    if why is None:
        return ""
    if why.code == "cue":
        kind = _t(f"kind.{why.kind}", lang) if f"kind.{why.kind}" in _T else why.kind
        return _t("why.cue", lang, detail=why.detail, kind=kind) if why.detail else _t("why.cue_bare", lang, kind=kind)
    key = f"why.{why.code}"
    return _t(key, lang, detail=why.detail) if key in _T else why.code


def _render_item(
    out: Console, item: ItemResult, labels: Labels, lang: Lang, plain: bool, explain: bool = False
) -> None:
    from rich.text import Text

    from coach.ui.safe import clean

    texts = labels.items.get(item.id)
    label = clean(texts[0][lang] if texts else item.id)
    if item.covered:
        mark = "↗" if item.said_in else "✓"
        line = Text(f"  {mark} {label} ({item.id}) · {_t(item.credit, lang)}")
        if item.probed:
            line.append(f" · {_t('probed', lang)}", style="italic")
        if item.said_in:
            where = _t("said_in", lang, step=clean(labels.step_title(item.said_in, lang)))
            line.append(f" — {where}: {_t('elsewhere', lang)}", style="italic")
    elif item.credit == "mentioned":
        line = Text(f"  ~ {label} ({item.id}) · {_t('mentioned', lang)}")
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
        out.print(Text(f"      {_t('hint', lang)}: {clean(texts[1][lang])}", style="dim"))


def _render_timing(out: Console, step: StepScore, lang: Lang, clock: Any) -> None:
    timing = step.timing
    assert timing is not None
    low, high = timing.window
    spoken = _t("spoken", lang, clock=clock(timing.spoken_estimate_s))
    if timing.elapsed_s is None:
        line = f"  {_t('timing', lang)}: {_t('untimed', lang)} ({clock(low)}–{clock(high)}) · {spoken}"
    else:
        mark = "✓" if timing.state == "in_window" else "!"
        line = (
            f"  {_t('timing', lang)}: {mark} {clock(timing.elapsed_s)} {_t(timing.state, lang)} "
            f"{clock(low)}–{clock(high)} · {_pct(timing.score or 0.0)} · {spoken}"
        )
    from rich.text import Text

    out.print(Text(line))


def _figure_label(key: str, lang: Lang, calc: Calculation) -> str:
    return _t(key, lang, days=calc.retention_days)


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

    table = Table(title=_t("estimate_title", lang), title_justify="left")
    table.add_column(_t("figure", lang))
    table.add_column(_t("formula", lang))
    from coach.ui.safe import markup

    for figure in calc.figures:
        table.add_row(markup(_figure_label(figure.key, lang, calc)), markup(figure.formula))
    out.print(table)
