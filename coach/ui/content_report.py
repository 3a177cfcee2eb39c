"""`coach scenarios list/show` and `coach frameworks show`: rich renderings of loaded content.

Content is data: it is cleaned, links are off and titles are escaped (coach.ui.safe).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coach.messages import t
from coach.ui.safe import clean
from coach.ui.safe import markup as m

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

    from coach.content import Bundle, Framework, ScenarioEntry
    from coach.i18n import Lang


def _mmss(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def render_scenario_list(out: Console, rows: Sequence[ScenarioEntry], lang: Lang) -> None:
    """The scenario catalogue: id, title, difficulty, duration, simulation and summary."""
    from rich.table import Table

    table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column(t("content.id", lang), no_wrap=True)
    table.add_column(t("content.scenario", lang), ratio=1)
    for row in rows:
        minutes = f"{row.duration_min} min" if row.duration_min else "—"
        has_sim = t("content.with_sim" if row.simulation else "content.without_sim", lang)
        facts = f"{m(row.difficulty_label)} · {minutes} · {has_sim}"
        table.add_row(m(row.id), f"[bold]{m(row.title)}[/bold] · {facts}\n{m(row.summary)}")
    out.print(table)


def render_scenario(out: Console, content: Bundle, lang: Lang) -> None:
    """A scenario: brief, facts, and each step's question and checklist."""
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.table import Table

    scenario = content.scenario
    # Content is data: cleaned, no links, titles escaped (coach.ui.safe).
    out.print(Panel(Markdown(clean(scenario.brief(lang)), hyperlinks=False), title=m(scenario.title(lang))))
    if scenario.api_example:
        out.print(Markdown(f"```\n{clean(scenario.api_example.strip())}\n```", hyperlinks=False))
    if scenario.facts:
        out.print(f"\n[bold]{t('content.facts', lang)}[/bold]")
        for fact in scenario.facts:
            out.print(f"  • [bold]{m(fact.topic(lang))}[/bold]: {m(fact.answer(lang))}")
    total = 0
    for step_id, checklist in content.checklists.items():
        step = checklist.step
        number = f"{step.number}. " if step.number else ""
        span = (
            f"{t('content.window', lang)} {_mmss(step.window.min_s)}–{_mmss(step.window.max_s)}"
            if step.window
            else f"{t('content.budget', lang)} {_mmss(step.budget_s)}"
        )
        out.print(f"\n[bold]{number}{m(step.title(lang))}[/bold]  [dim]({step_id}, {span})[/dim]")
        out.print(f"  {t('content.question', lang)}: {m(step.question(lang))}")
        table = Table(box=None, pad_edge=False, show_header=True, padding=(0, 1))
        table.add_column(t("content.id", lang), no_wrap=True)
        table.add_column(t("content.item", lang))
        table.add_column(t("content.weight", lang), justify="right")
        table.add_column(t("content.level", lang), no_wrap=True)
        table.add_column(t("content.hint", lang))
        for item in checklist.items:
            table.add_row(
                item.id, m(item.label(lang)), f"{item.weight:g}", t(f"content.{item.level}", lang), m(item.hint(lang))
            )
            total += 1
        out.print(table)
    out.print(f"\n{t('content.total', lang)}: {total}")


def render_framework(out: Console, framework: Framework, lang: Lang) -> None:
    """A framework: its steps with windows and guidance, then patterns, estimates and checklists."""
    out.print(f"[bold]{m(framework.title(lang))}[/bold]  [dim]({framework.id})[/dim]")
    out.print(m(framework.summary(lang)))
    for step in framework.steps:
        number = f"{step.number}. " if step.number else ""
        if step.window:
            span = f"{t('content.window', lang)} {_mmss(step.window.min_s)}–{_mmss(step.window.max_s)}"
        else:
            span = f"{t('content.budget', lang)} {_mmss(step.budget_s)}"
        out.print(f"\n[bold]{number}{m(step.title(lang))}[/bold]  [dim]({step.id}, {span})[/dim]")
        out.print(f"  [italic]{m(step.question(lang))}[/italic]")
        for bullet in step.guidance(lang):
            out.print(f"  • {m(bullet)}")
    out.print(f"\n{t('content.total', lang)}: {_mmss(framework.total_budget_s)}")
    _print_sections(out, framework, lang)


def _print_sections(out: Any, framework: Any, lang: Lang) -> None:
    if framework.patterns:
        out.print(f"\n[bold]{t('content.patterns', lang)}[/bold]")
        for pattern in framework.patterns:
            out.print(f"  • [bold]{m(pattern.name(lang))}[/bold]: {m(pattern.summary(lang))}")
    if framework.estimates:
        out.print(f"\n[bold]{t('content.estimates', lang)}[/bold]")
        for rule in framework.estimates:
            out.print(f"  • {m(rule.formula)}: {m(rule.text(lang))}")
    for key in ("observability", "security"):
        bullets = getattr(framework, key)
        if bullets:
            out.print(f"\n[bold]{t('content.' + key, lang)}[/bold]")
            for bullet in bullets(lang):
                out.print(f"  • {m(bullet)}")
