"""The score report and the estimate table: rich renderings of `SheetScore` and `Calculation`.

`coach score` and `coach estimate` (coach/cli/score_cmds.py) call these with a finished
result; nothing here scores or computes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coach.messages import has, t

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from coach.i18n import Lang
    from coach.scoring import ItemResult, SheetScore, StepScore
    from coach.scoring.cache import Labels
    from coach.scoring.estimates import Calculation


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


def render_score(out: Console, result: SheetScore, labels: Labels, lang: Lang, explain: bool = False) -> None:
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
    if result.voice:
        key = {"conversation": "score.conversation", "aside": "score.aside", "story": "score.story"}.get(result.voice, "score.reported")
        out.print(Text(f"  ! {t(key, lang)}", style="bold"))


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


def calculation_json(calc: Calculation, lang: Lang) -> dict[str, Any]:
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


def render_estimate(out: Console, calc: Calculation, lang: Lang) -> None:
    from rich.table import Table

    table = Table(title=t("score.estimate_title", lang), title_justify="left")
    table.add_column(t("score.figure", lang))
    table.add_column(t("score.formula", lang))
    from coach.ui.safe import markup

    for figure in calc.figures:
        table.add_row(markup(_figure_label(figure.key, lang, calc)), markup(figure.formula))
    out.print(table)
