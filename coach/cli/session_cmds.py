"""Session commands: `coach run`, `resume` and the bare `coach` menu (drill, history, stats and
export are in drill_cmds.py and history_cmds.py, registered here to keep their --help order).

Each command reads its options, takes its choices from coach/rehearsal.py, drives a
`coach.session.Session` through coach/cli/interview.py (or a filled sheet) and hands
the result to coach/ui/. `coach drill` is in drill_cmds.py. Heavy modules load inside
the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.cli.common import (
    ForceOption,
    LangOption,
    check_export_target,
    console,
    fail_on_error,
    library,
    load_bundle,
    open_store,
    resolve,
    session_engines,
)
from coach.cli.drill_cmds import NoTimerOption
from coach.cli.interview import finish, has_terminal, interview, require_terminal
from coach.errors import CoachError
from coach.ui.menus import (
    menu_line as menu_line,  # re-exported: the menu's line has been read from here
)

ModeOption = Annotated[
    str, typer.Option("--mode", help="practice: feedback after each step; mock: only at the end.")
]
SpeakOption = Annotated[
    bool,
    typer.Option(
        "--speak", help="Opening and closing: Enter starts the timer, speak aloud, Enter stops."
    ),
]
ExportOption = Annotated[
    Path | None, typer.Option("--export", help="Write the answer sheet (Markdown) here at the end.")
]


def start_interview(
    scenario_id: str,
    *,
    mode: str = "practice",
    lang: str | None = None,
    no_timer: bool = False,
    speak: bool = False,
    export: Path | None = None,
    answers: Path | None = None,
    force: bool = False,
    steps: str | None = None,
) -> None:
    """`coach run`, shared with the menu."""
    from coach import rehearsal
    from coach.session import Session, run_from_sheet
    from coach.ui import render
    from coach.ui.asking import asked_list

    asked = resolve(lang)  # for messages before the sheet (if any) says its language
    chosen_mode = rehearsal.check_run_flags(mode, speak=speak, no_timer=no_timer, lang=asked)
    content = load_bundle(scenario_id)
    sheet = rehearsal.read_answers(answers, scenario_id, asked)
    chosen = rehearsal.run_lang(asked, lang is not None, sheet)
    check_export_target(export, force, chosen)
    if sheet is None:
        require_terminal(chosen)
    out, store = console(), open_store()
    config = rehearsal.run_config(
        content, chosen, chosen_mode, sheet=sheet, no_timer=no_timer, speak=speak, steps=steps
    )
    session = Session(content, config, store, engines=session_engines())
    if sheet is not None:
        card = run_from_sheet(session, sheet)
        asked_list(out, card.asked, chosen)
        finish(out, card, content, store, export, force, offer=False)
        return
    render.brief(out, content, chosen, config.steps, chosen_mode)
    card = interview(out, session, content, chosen)
    finish(out, card, content, store, export, force, offer=True)


def run_cmd(
    scenario_id: Annotated[
        str, typer.Argument(metavar="SCENARIO", help="Scenario id, e.g. notifications.")
    ],
    mode: ModeOption = "practice",
    lang: LangOption = None,
    no_timer: NoTimerOption = False,
    speak: SpeakOption = False,
    export: ExportOption = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers", help="Run the whole session from a filled sheet, without prompts."
        ),
    ] = None,
    force: ForceOption = False,
    steps: Annotated[
        str | None,
        typer.Option(
            "--steps",
            help="Rehearse only these steps: ids or numbers, comma-separated (e.g. 1,failures).",
        ),
    ] = None,
) -> None:
    """Rehearse a timed interview: brief, opening, nine steps, closing, scorecard, answer sheet.

    Answers are saved as you go; Ctrl-C saves and prints the resume command.

    Example: coach run notifications --mode mock --lang es --export sesion.md
    """
    with fail_on_error():
        start_interview(
            scenario_id,
            mode=mode,
            lang=lang,
            no_timer=no_timer,
            speak=speak,
            export=export,
            answers=answers,
            force=force,
            steps=steps,
        )


def resume_cmd(
    session_id: Annotated[
        str | None,
        typer.Argument(metavar="[SESSION_ID]", help="Default: the latest unfinished session."),
    ] = None,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Continue an interrupted session where it stopped (answers and draft kept).

    Example: coach resume 20261128-0952-ab12
    """
    from coach.messages import t
    from coach.session import Session
    from coach.ui import session_flow

    with fail_on_error():
        store = open_store()
        record = store.session(session_id) if session_id is not None else store.latest_unfinished()
        if record is None:
            raise CoachError(t("session.nothing_to_resume", resolve(None)))
        content = load_bundle(record.scenario)
        session = Session.resume(content, record, store, engines=session_engines())
        lang = session.config.lang
        check_export_target(export, force, lang)
        require_terminal(lang)
        out = console()
        session_flow.resuming(out, content, record.id, session.current_step, lang)
        card = interview(out, session, content, lang)
        finish(out, card, content, store, export, force, offer=True)


def menu() -> bool:
    """`coach` with no arguments: a menu on a terminal (scenario, mode, language, timer).

    Returns False when there is no terminal, so the caller prints the help instead.
    """
    if not has_terminal():
        return False
    from coach.messages import problem
    from coach.ui.menus import ask_menu

    lang = resolve(None)
    entries = library().catalogue(lang)
    if not entries:
        raise CoachError(problem("cli.no_scenarios"))
    scenario_id, mode, lang_choice, timed = ask_menu(entries, lang)
    start_interview(scenario_id, mode=mode, lang=lang_choice, no_timer=not timed)
    return True


def register(app: typer.Typer) -> None:
    """Add the session commands to the root app."""
    from coach.cli import drill_cmds, history_cmds

    # One block so `coach --help` keeps listing them in this order.
    app.command("run")(run_cmd)
    app.command("resume")(resume_cmd)
    app.command("history")(history_cmds.history_cmd)
    app.command("stats")(history_cmds.stats_cmd)
    app.command("drill")(drill_cmds.drill_cmd)
    app.command("export")(history_cmds.export_cmd)
