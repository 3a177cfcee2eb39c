"""Content commands: `coach scenarios ...`, `coach frameworks show`, `coach sheet`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
from coach.messages import problem, t
from coach.ui.safe import clean

scenarios_app = typer.Typer(help="List, show and validate scenarios.", no_args_is_help=True)
frameworks_app = typer.Typer(help="Show interview frameworks.", no_args_is_help=True)


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
        from coach.ui.content_report import render_scenario_list

        render_scenario_list(console(), rows, chosen)


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
        from coach.ui.content_report import render_scenario

        render_scenario(console(), content, chosen)


@scenarios_app.command("validate")
def scenarios_validate(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="TOML files to check; - reads standard input.")],
    lang: LangOption = None,
) -> None:
    """Check user-written frameworks or scenarios: one OK line per file, or exit 2 with the errors.

    Example: coach scenarios validate my-scenarios/url-shortener.toml
    """
    from coach.content import validate_file
    from coach.errors import CoachError, in_lang

    with fail_on_error():
        chosen = resolve(lang)
        problems: list[str] = []
        lib = library()
        for path in paths:
            try:
                what = validate_file(path, lib)
            except CoachError as exc:
                problems.extend(exc.problems)
            else:
                shown = "<stdin>" if str(path) == "-" else path
                line = t("content.valid_file", chosen, path=shown, what=in_lang(what, chosen))
                typer.echo(clean(line, one_line=True))
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
    from coach.errors import CoachError
    from coach.files import write_atomic
    from coach.skeleton import render_skeleton

    with fail_on_error():
        chosen = resolve(lang)
        if not out.is_dir():
            raise CoachError(problem("content.out_not_folder", out=out))
        target = out / f"{scenario_id}.toml"
        text = render_skeleton(scenario_id, path=str(target))
        if target.exists() and not force:
            raise CoachError(f"{target}: {t('content.exists', chosen)}")
        if scenario_id in library().scenarios:
            from coach.cli.common import warn

            warn(problem("content.replaces_scenario", id=repr(scenario_id)))
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
        from coach.ui.content_report import render_framework

        render_framework(console(), framework, chosen)


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
