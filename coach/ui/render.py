"""Rich rendering of the interview: brief and plan, feedback, demos, scorecard, history, stats.

Every function takes the console and the language and prints; none computes a
score or runs a simulation. States are shown with a symbol or word as well as
colour, so NO_COLOR loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from coach.content import Bundle, Step
from coach.i18n import Lang
from coach.messages import t
from coach.ui.safe import clean
from coach.ui.safe import markup as escape  # cleans escape sequences as well as markup
from coach.ui.texts import clock, short_clock

if TYPE_CHECKING:
    from coach.design_check import DesignCheck
    from coach.scoring.level import LevelVerdict
    from coach.scoring.result import ArithmeticFinding, ItemResult, StepScore
    from coach.session import Mode, ProbePrompt, ProbeResult, Scorecard, StepFeedback, StepPrompt
    from coach.sim.demos import Demo
    from coach.store import MissedItem, ScenarioTotals, SessionRecord, StepTrend, StoredCard

BAR_WIDTH = 20
SPARKS = "▁▂▃▄▅▆▇█"


def bar(score: float, width: int = BAR_WIDTH) -> str:
    """A text bar: filled cells for the score, light cells for the rest."""
    filled = round(max(0.0, min(1.0, score)) * width)
    return "█" * filled + "░" * (width - filled)


def percent(score: float, lang: Lang) -> str:
    """A score as a percentage in the reader's language (coach.formatting: "36 %" es, "36%" en),
    padded to the width of 100 % so a column of them lines up."""
    from coach.formatting import percent as formatted

    return formatted(score, lang).rjust(len(formatted(1.0, lang)))


def spark(values: Sequence[float]) -> str:
    """A sparkline of scores in 0..1."""
    return "".join(SPARKS[min(len(SPARKS) - 1, int(max(0.0, min(1.0, v)) * len(SPARKS)))] for v in values)


def step_title(content: Bundle, step_id: str, lang: Lang) -> str:
    step = content.framework.step(step_id)
    number = f"{step.number}. " if step.number else ""
    return f"{number}{step.title(lang)}"


def _span(step: Step) -> str:
    if step.window is not None:
        return f"{short_clock(step.window.min_s)}–{short_clock(step.window.max_s)}"
    return short_clock(step.budget_s)


def item_label(content: Bundle, item_id: str, lang: Lang) -> str:
    """An item's label; a review card key of a probe (probe:ITEM#n) or failure card (failure:ID) too."""
    from coach.probes import FAILURE_KEY, PROBE_KEY

    try:
        if item_id.startswith(FAILURE_KEY):
            return content.failure_card(item_id.removeprefix(FAILURE_KEY)).title(lang)
        item = item_id.removeprefix(PROBE_KEY).split("#")[0]
        return content.item(item)[1].label(lang)
    except Exception:  # an item id from an older content version
        return item_id


# ---------------------------------------------------------------- start


def brief(console: Console, content: Bundle, lang: Lang, steps: Sequence[str], mode: Mode) -> None:
    """The scenario's brief, then the plan: each step with its budget."""
    scenario = content.scenario
    from rich.markdown import Markdown

    # The brief is Markdown (bold, lists): rendered, not printed raw; Markdown never reads rich markup.
    console.print(Panel(Markdown(clean(scenario.brief(lang))), title=f"[bold]{escape(scenario.title(lang))}[/bold]"))
    table = Table(title=t("session.plan", lang), title_justify="left", show_edge=False)
    table.add_column("#", justify="right")
    table.add_column(t("session.step", lang))
    table.add_column(t("session.time", lang), justify="right")
    total = 0
    for index, step_id in enumerate(steps, start=1):
        step = content.framework.step(step_id)
        span = t("session.window", lang, span=_span(step)) if step.window else _span(step)
        total += step.window.max_s if step.window else step.budget_s
        table.add_row(str(index), escape(step_title(content, step_id, lang)), span)
    console.print(table)
    console.print(t("session.total_time", lang, clock=short_clock(total)))
    console.print(f"[dim]{t('session.mode_' + mode.value, lang)}[/dim]\n")


def step_header(console: Console, prompt: StepPrompt) -> None:
    """Step n/N, its title and budget, its question; the cue card for opening and closing."""
    lang, step = prompt.lang, prompt.step
    number = f"{step.number}. " if step.number else ""
    console.rule(
        f"[bold]{t('session.step', lang)} {prompt.index}/{prompt.count} · {escape(number + step.title(lang))}[/bold]"
        f" · {_span(step)}"
    )
    if prompt.cue_card:
        body = "\n".join(f"• {escape(point)}" for point in prompt.cue_card)
        console.print(Panel(body, title=t("session.cue_card", lang), title_align="left"))
    if prompt.focus:
        console.print(f"[bold]{t('session.focus', lang)}:[/bold]")
        for label in prompt.focus:
            console.print(f"  ✗ {escape(label)}")
    console.print(f"[bold]{escape(step.question(lang))}[/bold]")
    console.print(f"[dim]{t('session.keys' if prompt.hints else 'session.keys_mock', lang)}[/dim]")


def guidance(console: Console, prompt: StepPrompt) -> None:
    """The step's guidance bullets (asked for with `?`); mock mode has none, as an interviewer gives none."""
    if not prompt.hints:
        console.print(f"[dim]{t('session.no_guidance', prompt.lang)}[/dim]")
        return
    lines = "\n".join(f"• {escape(b)}" for b in prompt.step.guidance(prompt.lang))
    console.print(Panel(lines, title=t("session.guidance", prompt.lang), title_align="left"))


# ---------------------------------------------------------------- feedback


def _evidence(item: ItemResult) -> Text:
    text = Text()
    if item.evidence is None:
        return text
    sentence = item.evidence.sentence
    last = 0
    for start, end in sorted(item.evidence.spans):
        text.append(clean(sentence[last:start]))
        text.append(clean(sentence[start:end]), style="bold underline")
        last = end
    text.append(clean(sentence[last:]))
    return text


def _arith_line(finding: ArithmeticFinding) -> str:
    mark = "✓" if finding.ok else "✗"
    # The scorer's message usually restates the formula; show it once.
    if finding.formula in finding.message:
        return f"  {mark} {escape(finding.message)}"
    return f"  {mark} {escape(finding.formula)} — {escape(finding.message)}"


def step_score(console: Console, content: Bundle, score: StepScore, lang: Lang) -> None:
    """Covered items with their evidence, missed items with hints, arithmetic and timing."""
    console.print(f"[bold]{t('session.score', lang)}[/bold] {bar(score.score)} {percent(score.score, lang)}")
    covered = [i for i in score.items if i.covered]
    missed = [i for i in score.items if not i.covered]
    if covered:
        console.print(f"[bold green]{t('session.covered', lang)}[/bold green]")
        for item in covered:
            line = Text(f"  ✓ {clean(item_label(content, item.id, lang))}")
            if item.said_in:
                said = t("session.said_in", lang, step=step_title(content, item.said_in, lang))
                line.append(f" ({clean(said)})", style="dim")
            console.print(line)
            if item.evidence is not None:
                console.print(Text("      “").append_text(_evidence(item)).append("”"), style="dim")
    if missed:
        console.print(f"[bold red]{t('session.missed', lang)}[/bold red]")
        for item in missed:
            hint = content.item(item.id)[1].hint(lang) if _known(content, item.id) else ""
            console.print(f"  ✗ {escape(item_label(content, item.id, lang))}")
            if hint:
                console.print(f"      → {escape(hint)}", style="dim")
    if score.arithmetic:
        console.print(f"[bold]{t('session.arithmetic', lang)}[/bold]")
        for finding in score.arithmetic:
            console.print(_arith_line(finding))
    if score.timing is not None and score.timing.elapsed_s is not None:
        word = {"early": t("session.early", lang), "in_window": t("session.in_window", lang)}.get(
            score.timing.state, t("session.overtime", lang, clock=clock(score.timing.elapsed_s - score.timing.window[1]))
        )
        console.print(f"[bold]{t('session.timing', lang)}[/bold] {clock(score.timing.elapsed_s)} · {word}")


def _known(content: Bundle, item_id: str) -> bool:
    try:
        content.item(item_id)
    except Exception:
        return False
    return True


def demo(console: Console, shown: Demo, lang: Lang) -> None:
    """A step's simulation demo: explanation, figures, optional table and log lines."""
    parts: list[object] = [escape(shown.explanation), ""]
    if shown.figures:
        figures = Table(show_header=False, box=None, padding=(0, 1))
        for figure in shown.figures:
            figures.add_row(escape(figure.label), f"[bold]{_number(figure.value, lang)}[/bold] {escape(figure.unit)}")
        parts.append(figures)
        parts.append("")
    if shown.table:
        header, *rows = shown.table
        table = Table(*[escape(h) for h in header], show_edge=False)
        for row in rows:
            table.add_row(*[escape(cell) for cell in row])
        parts.append(table)
    if shown.log_lines:
        parts.append(Text(clean("\n".join(shown.log_lines)), style="dim"))
    from rich.console import Group

    console.print(Panel(Group(*parts), title=f"{t('session.demo', lang)}: {escape(shown.title)}", title_align="left"))  # type: ignore[arg-type]


def _number(value: float, lang: Lang) -> str:
    """Digits that mean something, in the reader's language: 516 msg/s, 21,9 / 21.9, 0,85 / 0.85 s."""
    from coach.formatting import decimal

    if value == int(value) and abs(value) < 1e15:
        return decimal(value, lang)
    return decimal(value, lang, 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2)


def feedback(console: Console, content: Bundle, shown: StepFeedback, lang: Lang) -> None:
    """Practice mode: the step's score and misses, first (the reference and demo come on request)."""
    console.print()
    step_score(console, content, shown.score, lang)


def extras(console: Console, shown: StepFeedback, lang: Lang) -> None:
    """The step's reference answer and its demo (asked for after the score)."""
    if shown.reference:
        console.print(Panel(escape(shown.reference.strip()), title=t("session.reference", lang), title_align="left"))
    if shown.demo is not None:
        demo(console, shown.demo, lang)


def probe_header(console: Console, content: Bundle, prompt: ProbePrompt) -> None:
    """A follow-up: what it is about, and the question."""
    from coach.session import PROBE_BUDGET_S

    lang, probe = prompt.lang, prompt.probe
    about = probe.title.get(lang, "") if probe.title else item_label(content, probe.items[0], lang)
    count = f" {prompt.index}/{prompt.count}" if prompt.count > 1 else ""
    console.rule(f"[bold]{t('session.probe', lang)}{count} · {escape(about)}[/bold]")
    console.print(f"[dim]{t('session.probe_intro', lang, clock=short_clock(PROBE_BUDGET_S))}[/dim]")
    console.print(f"[bold]{escape(prompt.question)}[/bold]")


def probe_result(console: Console, content: Bundle, result: ProbeResult) -> None:
    """Each item of a probe: its credit before and after the answer."""
    lang = result.prompt.lang
    console.print(f"[bold]{t('session.probe_result', lang)}[/bold] · {escape(result.prompt.question)}", style="dim")
    for item_id, before, after in result.credits:
        word = t("session.probe_raised", lang) if before != after else t("session.probe_same", lang)
        mark = "↑" if before != after else "·"
        console.print(
            f"  {mark} {escape(item_label(content, item_id, lang))}: "
            f"{t('session.credit_' + before, lang)} → [bold]{t('session.credit_' + after, lang)}[/bold] ({word})"
        )


# ---------------------------------------------------------------- scorecard


def pacing_line(
    step_label: str, elapsed_s: float, budget_s: int, early: bool, lang: Lang, short: bool = False
) -> str:
    """`requirements 12:10 vs 5:00 ⚠ +7:10 over`; a step answered in seconds is `too short`."""
    span = t("session.vs", lang, elapsed=clock(elapsed_s), budget=short_clock(budget_s))
    if elapsed_s > budget_s:
        state = t("session.pace_over", lang, clock=clock(elapsed_s - budget_s))
    elif early:
        state = t("session.pace_early", lang)
    elif short:
        state = t("session.pace_short", lang)
    else:
        state = t("session.pace_ok", lang)
    return f"{step_label} {span} {state}"


def design_check(console: Console, check: DesignCheck, lang: Lang) -> None:
    mark = {True: "✓", False: "✗", None: "?"}[check.ok]
    console.print(f"[bold]{t('session.design', lang)}[/bold]")
    console.print(f"  {mark} {escape(check.verdict)}")
    if check.suggestion:
        console.print(f"    → {escape(check.suggestion)}", style="dim")


def level_verdict(console: Console, verdict: LevelVerdict, lang: Lang) -> None:
    """The reasons behind a level and the gap that blocks the next one."""
    for reason in verdict.reasons:
        console.print(f"  · {escape(reason)}")
    if verdict.next:
        console.print(f"  [bold]→ {t('session.level_next', lang)}:[/bold] {escape(verdict.next)}")


def scorecard(console: Console, content: Bundle, card: Scorecard, lang: Lang) -> None:
    """The final screen: bars per step, pacing, design check, strongest/weakest, what to drill."""
    from coach.scoring.level import content_labels, shown_verdict

    verdict = shown_verdict(card.score, content_labels(content), lang) if len(card.steps) > 1 else None
    console.rule(f"[bold]{t('session.scorecard', lang)}[/bold]")
    chart = Table(show_header=False, box=None, padding=(0, 1))
    for score in card.step_scores():
        chart.add_row(escape(step_title(content, score.step, lang)), bar(score.score), percent(score.score, lang))
    console.print(chart)
    head = f"[bold]{t('session.total', lang)}: {percent(card.total, lang).strip()}[/bold]"
    console.print(head + (f" · {t('session.level', lang)}: [bold]{escape(verdict.label)}[/bold]" if verdict else ""))
    if verdict is not None:
        level_verdict(console, verdict, lang)
    if card.pacing:
        console.print(f"\n[bold]{t('session.pacing', lang)}[/bold]")
        for pace in card.pacing:
            line = pacing_line(
                step_title(content, pace.step, lang), pace.elapsed_s, pace.budget_s, pace.early, lang, pace.short
            )
            console.print(f"  {escape(line)}")
    if card.design is not None:
        console.print()
        design_check(console, card.design, lang)
    if card.strongest:
        names = ", ".join(step_title(content, s, lang) for s in card.strongest)
        console.print(f"\n[bold]{t('session.strongest', lang)}:[/bold] {escape(names)}")
    if card.weakest:
        names = ", ".join(step_title(content, s, lang) for s in card.weakest)
        console.print(f"[bold]{t('session.weakest', lang)}:[/bold] {escape(names)}")
    if card.drill:
        console.print(f"\n[bold]{t('session.drill_next', lang)}[/bold]")
        for tip in card.drill:
            console.print(f"  {escape(step_title(content, tip.step, lang))} ({percent(tip.score, lang).strip()})"
                          f" → [bold]{t('session.drill_cmd', lang, step=tip.step)}[/bold]")
            for item_id in tip.missed:
                console.print(f"    ✗ {escape(item_label(content, item_id, lang))}")


# ---------------------------------------------------------------- history and stats


def when(timestamp: float) -> str:
    import time

    return time.strftime("%m-%d %H:%M", time.localtime(timestamp))


def history(
    console: Console,
    records: Iterable[SessionRecord],
    lang: Lang,
    levels: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """One row per session, newest first; `levels`: level id -> lang -> label (older bands show —)."""
    rows = list(records)
    if not rows:
        console.print(t("session.no_sessions", lang))
        return
    from rich import box

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    # Mode and language share a column so a row fits 80 columns.
    for key in ("id", "date", "scenario", "mode", "total", "level", "duration", "status"):
        # The id is what `coach resume` / `coach export` need: never wrap or cut it.
        table.add_column(
            t(f"session.{key}", lang),
            justify="right" if key in ("total", "duration") else "left",
            no_wrap=key in ("id", "date", "scenario", "mode", "total", "level", "duration"),
        )
    for record in rows:
        total = percent(record.total, lang).strip() if record.total is not None else "—"
        status = "✓" if record.finished else "…"
        mode = t("session.mode_name_" + record.mode, lang) if record.mode in ("practice", "mock", "drill") else record.mode
        level = (levels or {}).get(record.level or "", {}).get(lang, "—")
        table.add_row(escape(record.id), when(record.started_at), escape(record.scenario), escape(f"{mode}·{record.lang}"),
                      total, escape(level), clock(record.duration_s), status)
    console.print(table)


def stats(
    console: Console,
    trends: Sequence[StepTrend],
    missed: Mapping[str, Sequence[MissedItem]],
    contents: Mapping[str, Bundle | None],
    lang: Lang,
    totals: Sequence[ScenarioTotals] = (),
) -> None:
    """Per-step trends as sparklines (oldest to newest), each scenario's totals, and the items
    missed most often per scenario (`missed` and `contents` are keyed by scenario id)."""
    if not trends:
        console.print(t("session.no_sessions", lang))
        return
    from coach.content import STEP_IDS

    several = len(totals) > 1
    labels_from = next((c for c in contents.values() if c is not None), None)
    order = {step: i for i, step in enumerate(STEP_IDS)}
    title = t("session.trends", lang) + (f" · {t('session.all_scenarios', lang)}" if several else "")
    table = Table(title=title, title_justify="left", show_edge=False)
    table.add_column(t("session.step", lang))
    table.add_column(t("session.sessions", lang), justify="right")
    table.add_column("")
    table.add_column(t("session.last", lang), justify="right")
    table.add_column(t("session.best", lang), justify="right")
    for trend in sorted(trends, key=lambda tr: order.get(tr.step, 99)):
        label = step_title(labels_from, trend.step, lang) if labels_from else trend.step
        table.add_row(escape(label), str(len(trend.scores)), spark(trend.scores[-30:]),
                      percent(trend.scores[-1], lang), percent(max(trend.scores), lang))
    console.print(table)
    if several:
        by = Table(title=t("session.by_scenario", lang), title_justify="left", show_edge=False)
        by.add_column(t("session.scenario", lang))
        for key in ("sessions", "last", "best", "mean"):
            by.add_column(t(f"session.{key}", lang), justify="right")
        for row in totals:
            content = contents.get(row.scenario)
            name = f"{content.scenario.title(lang)} ({row.scenario})" if content else row.scenario
            by.add_row(escape(name), str(row.sessions), percent(row.last, lang), percent(row.best, lang),
                       percent(row.mean, lang))
        console.print()
        console.print(by)
    shown = {scenario_id: items for scenario_id, items in missed.items() if items}
    for scenario_id, items in shown.items():
        content = contents.get(scenario_id)
        heading = t("session.most_missed", lang)
        if len(shown) > 1:
            heading += f" · {content.scenario.title(lang) if content else scenario_id}"
        console.print(f"\n[bold]{escape(heading)}[/bold]")
        for item in items:
            label = item_label(content, item.item_id, lang) if content else item.item_id
            console.print(f"  ✗ {escape(label)} [dim]({item.item_id}; {t('session.missed_n', lang, missed=item.missed, seen=item.seen)})[/dim]")


def reviews(
    console: Console,
    week: Sequence[StoredCard],
    lapsing: Sequence[StoredCard],
    now: float,
    contents: Mapping[str, Bundle | None],
    lang: Lang,
) -> None:
    """What is due for review this week (by day) and the items that keep lapsing, each card
    labelled from its own scenario (`contents` by scenario id)."""

    def label(card: StoredCard) -> str:
        content = contents.get(card.scenario)
        return item_label(content, card.key, lang) if content else card.key

    if not week and not lapsing:
        return
    console.print(f"\n[bold]{t('session.due_week', lang)}[/bold]")
    if not week:
        console.print(f"  {t('session.due_none', lang)}")
    for card in week[:12]:
        day = t("session.due_now", lang) if card.due_at <= now else when(card.due_at)
        console.print(f"  {escape(day):>11}  {escape(label(card))} [dim]({escape(card.key)})[/dim]")
    if len(week) > 12:
        console.print(f"  … (+{len(week) - 12})")
    if lapsing:
        console.print(f"\n[bold]{t('session.lapsing', lang)}[/bold]")
        for card in lapsing:
            console.print(
                f"  ✗ {escape(label(card))} [dim]({escape(card.key)}; "
                f"{t('session.lapses_n', lang, lapses=card.lapses, reviews=card.reviews)})[/dim]"
            )
