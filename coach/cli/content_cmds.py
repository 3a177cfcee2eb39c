"""Content commands: `coach scenarios ...`, `coach frameworks show`, `coach sheet`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli.common import (
    JsonOption,
    LangOption,
    console,
    emit_json,
    fail_on_error,
    library,
    load_bundle,
    resolve,
)
from coach.i18n import Lang
from coach.messages import t
from coach.ui.safe import clean
from coach.ui.safe import markup as m

scenarios_app = typer.Typer(help="List, show and validate scenarios.", no_args_is_help=True)
frameworks_app = typer.Typer(help="Show interview frameworks.", no_args_is_help=True)



def _mmss(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


@scenarios_app.command("list")
def scenarios_list(lang: LangOption = None, as_json: JsonOption = False) -> None:
    """List the scenarios: id, title, one-line summary, difficulty, duration, simulation.

    Example: coach scenarios list --json
    """
    from dataclasses import asdict

    with fail_on_error():
        chosen = resolve(lang)
        rows = library().catalogue(chosen)
        if as_json:
            emit_json({"lang": chosen, "scenarios": [asdict(row) for row in rows]})
            return
        from rich.table import Table

        table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column(t("content.id", chosen), no_wrap=True)
        table.add_column(t("content.scenario", chosen), ratio=1)
        for row in rows:
            minutes = f"{row.duration_min} min" if row.duration_min else "—"
            has_sim = t("content.with_sim" if row.simulation else "content.without_sim", chosen)
            facts = f"{m(row.difficulty_label)} · {minutes} · {has_sim}"
            table.add_row(m(row.id), f"[bold]{m(row.title)}[/bold] · {facts}\n{m(row.summary)}")
        console().print(table)


@scenarios_app.command("show")
def scenarios_show(
    scenario_id: Annotated[str, typer.Argument(metavar="SCENARIO", help="Scenario id, e.g. notifications.")],
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a scenario: brief, facts, steps with their questions and checklist items.

    Example: coach scenarios show notifications --lang es
    """
    with fail_on_error():
        chosen = resolve(lang)
        content = load_bundle(scenario_id)
        if as_json:
            emit_json(
                {
                    "lang": chosen,
                    "framework": content.framework.model_dump(mode="json"),
                    "scenario": content.scenario.model_dump(mode="json"),
                    "checklists": {
                        step_id: [item.id for item in checklist.items]
                        for step_id, checklist in content.checklists.items()
                    },
                }
            )
            return
        from rich.markdown import Markdown
        from rich.panel import Panel
        from rich.table import Table

        out = console()
        scenario = content.scenario
        # Content is data: cleaned, no links, titles escaped (coach.ui.safe).
        out.print(Panel(Markdown(clean(scenario.brief(chosen)), hyperlinks=False), title=m(scenario.title(chosen))))
        if scenario.api_example:
            out.print(Markdown(f"```\n{clean(scenario.api_example.strip())}\n```", hyperlinks=False))
        if scenario.facts:
            out.print(f"\n[bold]{t('content.facts', chosen)}[/bold]")
            for fact in scenario.facts:
                out.print(f"  • [bold]{m(fact.topic(chosen))}[/bold]: {m(fact.answer(chosen))}")
        total = 0
        for step_id, checklist in content.checklists.items():
            step = checklist.step
            number = f"{step.number}. " if step.number else ""
            span = (
                f"{t('content.window', chosen)} {_mmss(step.window.min_s)}–{_mmss(step.window.max_s)}"
                if step.window
                else f"{t('content.budget', chosen)} {_mmss(step.budget_s)}"
            )
            out.print(f"\n[bold]{number}{m(step.title(chosen))}[/bold]  [dim]({step_id}, {span})[/dim]")
            out.print(f"  {t('content.question', chosen)}: {m(step.question(chosen))}")
            table = Table(box=None, pad_edge=False, show_header=True, padding=(0, 1))
            table.add_column(t("content.id", chosen), no_wrap=True)
            table.add_column(t("content.item", chosen))
            table.add_column(t("content.weight", chosen), justify="right")
            table.add_column(t("content.level", chosen), no_wrap=True)
            table.add_column(t("content.hint", chosen))
            for item in checklist.items:
                table.add_row(
                    item.id, m(item.label(chosen)), f"{item.weight:g}", t(f"content.{item.level}", chosen), m(item.hint(chosen))
                )
                total += 1
            out.print(table)
        out.print(f"\n{t('content.total', chosen)}: {total}")


@scenarios_app.command("validate")
def scenarios_validate(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="TOML files to check; - reads standard input.")],
) -> None:
    """Check user-written frameworks or scenarios: one OK line per file, or exit 2 with the errors.

    Example: coach scenarios validate my-scenarios/url-shortener.toml
    """
    from coach.content import validate_file
    from coach.errors import CoachError

    with fail_on_error():
        problems: list[str] = []
        lib = library()
        for path in paths:
            try:
                what = validate_file(path, lib)
            except CoachError as exc:
                problems.extend(exc.problems)
            else:
                shown = "<stdin>" if str(path) == "-" else path
                typer.echo(clean(f"OK {shown}: {what}", one_line=True))
        if problems:
            raise CoachError(*problems)


@scenarios_app.command("new")
def scenarios_new(
    scenario_id: Annotated[str, typer.Argument(metavar="ID", help="The new scenario's id, e.g. url-shortener.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write ID.toml in (default: the current folder).")
    ] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite ID.toml if it exists.")] = False,
    lang: LangOption = None,
) -> None:
    """Write the skeleton of a new scenario (TODO text in both languages) that validates as written.

    Then fill it in, check it with `coach scenarios validate`, and use it with --content-dir
    (its scenarios/ folder) or from the user data folder. docs/authoring.md explains each part.

    Example: coach scenarios new url-shortener --out my-content/scenarios
    """
    from coach.errors import CoachError, Problem
    from coach.files import write_atomic
    from coach.skeleton import render_skeleton

    with fail_on_error():
        chosen = resolve(lang)
        if not out.is_dir():
            raise CoachError(Problem(f"{out}: --out is not a folder", f"{out}: --out no es una carpeta"))
        target = out / f"{scenario_id}.toml"
        text = render_skeleton(scenario_id, path=str(target))
        if target.exists() and not force:
            raise CoachError(f"{target}: {t('content.exists', chosen)}")
        if scenario_id in library().scenarios:
            from coach.cli.common import warn

            warn(Problem(
                f"{scenario_id!r} is an existing scenario: this file would replace it where it is loaded",
                f"{scenario_id!r} ya es un escenario: este fichero lo sustituiría donde se cargue",
            ))
        write_atomic(target, text)
        shown = clean(str(target), one_line=True)
        typer.echo(t("content.skeleton", chosen).format(path=shown))


@scenarios_app.command("schema")
def scenarios_schema(
    framework: Annotated[
        bool, typer.Option("--framework", help="Print the framework schema instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of the scenario format, for editor completion.

    Example: coach scenarios schema > scenario.schema.json
    """
    from coach.content import framework_schema, scenario_schema

    emit_json(framework_schema() if framework else scenario_schema())


@frameworks_app.command("list")
def frameworks_list(lang: LangOption = None, as_json: JsonOption = False) -> None:
    """List the frameworks.

    Example: coach frameworks list
    """
    with fail_on_error():
        chosen = resolve(lang)
        rows = [{"id": fw.id, "title": fw.title(chosen)} for fw in library().frameworks.values()]
        if as_json:
            emit_json({"lang": chosen, "frameworks": rows})
            return
        for row in rows:
            typer.echo(clean(f"{row['id']}  {row['title']}", one_line=True))


@frameworks_app.command("show")
def frameworks_show(
    framework_id: Annotated[str, typer.Argument(metavar="FRAMEWORK", help="Framework id, e.g. nine-step.")],
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a framework: its steps, what each covers, the opening and closing templates.

    Example: coach frameworks show nine-step --lang es
    """
    with fail_on_error():
        chosen = resolve(lang)
        framework = library().framework(framework_id)
        if as_json:
            emit_json({"lang": chosen, "framework": framework.model_dump(mode="json")})
            return
        out = console()
        out.print(f"[bold]{m(framework.title(chosen))}[/bold]  [dim]({framework.id})[/dim]")
        out.print(m(framework.summary(chosen)))
        for step in framework.steps:
            number = f"{step.number}. " if step.number else ""
            if step.window:
                span = f"{t('content.window', chosen)} {_mmss(step.window.min_s)}–{_mmss(step.window.max_s)}"
            else:
                span = f"{t('content.budget', chosen)} {_mmss(step.budget_s)}"
            out.print(f"\n[bold]{number}{m(step.title(chosen))}[/bold]  [dim]({step.id}, {span})[/dim]")
            out.print(f"  [italic]{m(step.question(chosen))}[/italic]")
            for bullet in step.guidance(chosen):
                out.print(f"  • {m(bullet)}")
        out.print(f"\n{t('content.total', chosen)}: {_mmss(framework.total_budget_s)}")
        _print_sections(out, framework, chosen)


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


def sheet(
    scenario_id: Annotated[str, typer.Argument(metavar="SCENARIO", help="Scenario id, e.g. notifications.")],
    lang: LangOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the sheet to this file instead of stdout.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --out if it exists.")] = False,
    reference: Annotated[
        bool, typer.Option("--reference", help="The scenario's reference answers as a filled sheet, to score or compare.")
    ] = False,
) -> None:
    """Print a blank answer sheet (Markdown) to fill in an editor, then `coach score` it.

    With --reference, the sheet holds the scenario's reference answers instead: scoring it
    shows what the reference earns (`coach sheet ID --reference -o ref.md && coach score ref.md`).

    Example: coach sheet notifications --lang es --out sheet.md
    """
    from coach.sheet import render_blank_sheet, render_reference_sheet

    with fail_on_error():
        chosen = resolve(lang)
        render = render_reference_sheet if reference else render_blank_sheet
        text = render(load_bundle(scenario_id), chosen)
        if out is None:
            typer.echo(clean(text), nl=False)  # content is data: no terminal commands
            return
        from coach.errors import CoachError
        from coach.files import write_atomic

        if out.exists() and not force:
            raise CoachError(f"{out}: {t('content.exists', chosen)}")
        write_atomic(out, text)
        typer.echo(f"{t('content.written', chosen)} {clean(str(out), one_line=True)}", err=True)


def register(app: typer.Typer) -> None:
    """Add the content commands to the root app."""
    app.add_typer(scenarios_app, name="scenarios")
    app.add_typer(frameworks_app, name="frameworks")
    app.command("sheet")(sheet)
