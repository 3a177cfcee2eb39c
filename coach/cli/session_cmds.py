"""Session commands: `coach run`, `resume`, `drill` and the bare `coach` menu (history, stats
and export are in history_cmds.py, registered here to keep their --help order).

Each command reads its options, opens the history store, drives a
`coach.session.Session` through the terminal prompter (or a filled sheet) and
renders the result. Heavy modules load inside the commands.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from coach.cli.common import (
    ForceOption,
    LangOption,
    check_export_target,
    console,
    die,
    fail_on_error,
    library,
    load_bundle,
    open_store,
    resolve,
    session_engines,
    try_bundle,
    warn,
)
from coach.errors import CoachError, ExitCode, in_lang
from coach.ui import safe
from coach.ui.menus import (
    menu_line as menu_line,  # re-exported: the menu's line has been read from here
)

if TYPE_CHECKING:
    from rich.console import Console

    from coach.content import Bundle
    from coach.i18n import Lang
    from coach.session import Mode, Scorecard, Session, SessionStoreFailed
    from coach.store import Store

ModeOption = Annotated[
    str, typer.Option("--mode", help="practice: feedback after each step; mock: only at the end.")
]
NoTimerOption = Annotated[bool, typer.Option("--no-timer", help="No countdown and no pacing report.")]
SpeakOption = Annotated[
    bool,
    typer.Option("--speak", help="Opening and closing: Enter starts the timer, speak aloud, Enter stops."),
]
ExportOption = Annotated[
    Path | None, typer.Option("--export", help="Write the answer sheet (Markdown) here at the end.")
]


def _is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _require_terminal(lang: Lang) -> None:
    from coach.messages import t

    if not _is_terminal():
        die(t("session.not_tty", lang))


def _parse_mode(value: str, lang: Lang) -> Mode:
    from coach.messages import t
    from coach.session import Mode

    if value not in ("practice", "mock"):
        raise CoachError(t("session.bad_mode", lang, value=value))
    return Mode(value)


def _write_export(card: Scorecard, content: Bundle, path: Path, started_at: float | None) -> None:
    from coach.export import render_export
    from coach.files import write_atomic
    from coach.session import all_demos

    demos = all_demos(content, card.config, session_engines(), card.demos)
    full = replace(card, demos=demos)
    write_atomic(path, render_export(full, content, started_at=started_at))


def _finish(
    out: Console,
    card: Scorecard,
    content: Bundle,
    store: Store,
    export: Path | None,
    force: bool,
    *,
    offer: bool,
) -> None:
    """Scorecard on screen, then the export: to --export, or offered when interactive."""
    from coach.messages import t
    from coach.ui import render

    lang = card.config.lang
    render.scorecard(out, content, card, lang)
    started = store.session(card.session_id).started_at
    if export is None and offer:
        try:
            export, force = _offer_export(card.session_id, lang, force)
        except KeyboardInterrupt:
            # Finished and stored: Ctrl-C here only skips the file.
            out.print(t("session.export_later", lang, sid=card.session_id), soft_wrap=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    out.print(f"[dim]{t('session.saved_at', lang, sid=card.session_id)}[/dim]")
    if export is not None:
        try:
            check_export_target(export, force, lang)
            _write_export(card, content, export, started)
        except CoachError as exc:
            # The session is safe in the history: say how to export it again.
            raise CoachError(*exc.problems, t("session.export_later", lang, sid=card.session_id)) from None
        out.print(t("session.export_written", lang, path=safe.path(export)))


def _offer_export(session_id: str, lang: Lang, force: bool) -> tuple[Path | None, bool]:
    """Ask whether and where to save the sheet; returns (path or None, force)."""
    import questionary

    from coach.messages import t

    wanted = questionary.select(
        t("session.export_offer", lang),
        choices=[
            questionary.Choice(t("session.export_yes", lang), value=True),
            questionary.Choice(t("session.export_no", lang), value=False),
        ],
    ).unsafe_ask()
    if not wanted:
        return None, force
    answer = questionary.text(t("session.export_path", lang), default=f"coach-{session_id}.md").unsafe_ask()
    if not answer:
        return None, force
    export = Path(answer).expanduser()
    if export.exists() and not force:
        force = bool(
            questionary.select(
                t("session.exists_overwrite", lang, path=safe.clean(str(export), one_line=True)),
                choices=[
                    questionary.Choice(t("session.export_no", lang), value=False),
                    questionary.Choice(t("session.overwrite_yes", lang), value=True),
                ],
            ).unsafe_ask()
        )
        if not force:
            return None, force
    return export, force


def _interview(out: Console, session: Session, content: Bundle, lang: Lang) -> Scorecard:
    """Run the prompts; Ctrl-C prints the resume command and exits 130."""
    from coach.messages import t
    from coach.session import SessionInterrupted, SessionStoreFailed, run
    from coach.ui.terminal import TerminalPrompter

    try:
        return run(session, TerminalPrompter(out, content, lang))
    except SessionStoreFailed as failed:
        _rescue(failed, session.config.scenario, lang)
    except SessionInterrupted as stopped:
        out.print()
        out.print(t("session.interrupted", lang, sid=stopped.session_id), soft_wrap=True)  # keep the command copyable
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def _rescue(failed: SessionStoreFailed, scenario_id: str, lang: Lang) -> NoReturn:
    """The history stopped taking writes: say why, offer the answers (typed one included) as a sheet, exit 2."""
    from coach.files import write_atomic
    from coach.messages import problem
    from coach.sheet import render_answers

    warn(failed.error.problems[0] if failed.error.problems else str(failed.error))
    if not failed.answers:
        raise typer.Exit(int(ExitCode.USAGE))
    text = render_answers(scenario_id, lang, failed.answers)
    default = f"coach-unsaved-{failed.session_id}.md"
    try:
        import questionary

        prompt = problem("session.answers_in_memory")
        answer = questionary.text(in_lang(prompt, lang), default=default).unsafe_ask()
        target = Path(answer or default).expanduser()
        write_atomic(target, text)
        warn(problem("session.answers_saved", path=target))
    except (CoachError, KeyboardInterrupt, EOFError, OSError):
        # Nowhere to write either: the answers go to the screen, never lost.
        sys.stdout.write(safe.clean(text))
    raise typer.Exit(int(ExitCode.USAGE))


def _seed(content: Bundle) -> int:
    simulation = content.scenario.simulation
    return simulation.seed if simulation is not None else 42


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
    from coach.content import STEP_IDS
    from coach.messages import t
    from coach.session import Session, SessionConfig, run_from_sheet
    from coach.sheet import read_sheet
    from coach.ui import render

    asked = resolve(lang)  # for messages before the sheet (if any) says its language
    chosen_mode = _parse_mode(mode, asked)
    if speak and no_timer:
        raise CoachError(t("session.speak_no_timer", asked))
    content = load_bundle(scenario_id)
    sheet = read_sheet(answers) if answers is not None else None
    if sheet is not None and sheet.scenario not in (None, scenario_id):
        raise CoachError(t("session.other_scenario", asked, path=answers, sheet=sheet.scenario, scenario=scenario_id))
    chosen: Lang = asked if lang is not None or sheet is None or sheet.lang is None else sheet.lang
    check_export_target(export, force, chosen)
    if sheet is None:
        _require_terminal(chosen)
    out = console()
    store = open_store()
    config = SessionConfig(
        scenario=scenario_id,
        lang=chosen,
        mode=chosen_mode,
        timed=not no_timer and sheet is None,
        speak=speak and sheet is None,
        seed=_seed(content),
        steps=_parse_steps(steps, chosen) if steps else STEP_IDS,
    )
    session = Session(content, config, store, engines=session_engines())
    if sheet is not None:
        card = run_from_sheet(session, sheet)
        from coach.ui.asking import asked_list

        asked_list(out, card.asked, chosen)
        _finish(out, card, content, store, export, force, offer=False)
        return
    render.brief(out, content, chosen, config.steps, chosen_mode)
    card = _interview(out, session, content, chosen)
    _finish(out, card, content, store, export, force, offer=True)


def _parse_steps(value: str, lang: Lang) -> tuple[str, ...]:
    """`--steps requirements,7`: step ids or numbers (1-9, any case), kept in framework order."""
    from coach.content import STEP_IDS, suggest
    from coach.messages import t

    numbered = {str(number): step for number, step in enumerate(STEP_IDS) if 0 < number < len(STEP_IDS) - 1}
    wanted = set()
    for raw in value.split(","):
        token = raw.strip().lower()
        step = numbered.get(token, token)
        if step not in STEP_IDS:
            raise CoachError(t("session.bad_step", lang, step=raw.strip(), hint=suggest(token, STEP_IDS), steps=", ".join(STEP_IDS)))
        wanted.add(step)
    return tuple(step for step in STEP_IDS if step in wanted)


def run_cmd(
    scenario_id: Annotated[str, typer.Argument(metavar="SCENARIO", help="Scenario id, e.g. notifications.")],
    mode: ModeOption = "practice",
    lang: LangOption = None,
    no_timer: NoTimerOption = False,
    speak: SpeakOption = False,
    export: ExportOption = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Run the whole session from a filled sheet, without prompts."),
    ] = None,
    force: ForceOption = False,
    steps: Annotated[
        str | None,
        typer.Option("--steps", help="Rehearse only these steps: ids or numbers, comma-separated (e.g. 1,failures)."),
    ] = None,
) -> None:
    """Rehearse a timed interview: brief, opening, nine steps, closing, scorecard, answer sheet.

    Answers are saved as you go; Ctrl-C saves and prints the resume command.

    Example: coach run notifications --mode mock --lang es --export sesion.md
    """
    with fail_on_error():
        start_interview(
            scenario_id, mode=mode, lang=lang, no_timer=no_timer, speak=speak,
            export=export, answers=answers, force=force, steps=steps,
        )


def resume_cmd(
    session_id: Annotated[
        str | None, typer.Argument(metavar="[SESSION_ID]", help="Default: the latest unfinished session.")
    ] = None,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Continue an interrupted session where it stopped (answers and draft kept).

    Example: coach resume 20261128-0952-ab12
    """
    from coach.messages import t
    from coach.session import Session

    with fail_on_error():
        store = open_store()
        if session_id is None:
            record = store.latest_unfinished()
            if record is None:
                raise CoachError(t("session.nothing_to_resume", resolve(None)))
        else:
            record = store.session(session_id)
        content = load_bundle(record.scenario)
        session = Session.resume(content, record, store, engines=session_engines())
        lang = session.config.lang
        check_export_target(export, force, lang)
        _require_terminal(lang)
        out = console()
        step = session.current_step or ""
        title = content.framework.step(step).title(lang) if step else "—"
        out.print(t("session.resuming", lang, sid=safe.markup(record.id), step=safe.markup(title)))
        card = _interview(out, session, content, lang)
        _finish(out, card, content, store, export, force, offer=True)


DUE_STEPS = 3  # a due drill asks at most this many steps (those with the most items due)


def drill_cmd(
    step: Annotated[
        str | None,
        typer.Argument(
            metavar="[STEP]",
            help="A step: its id, title or number (7, failures, Fallos). Default: what is due for review.",
        ),
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", help="Scenario id (default: every scenario with items due; with STEP, the latest session's)."),
    ] = None,
    lang: LangOption = None,
    no_timer: NoTimerOption = False,
) -> None:
    """Practise what is due for review (spaced repetition), or one step.

    With no STEP, asks the steps whose checklist items are due (FSRS), across
    scenarios; with STEP, that step, focused on the items you missed most often.

    Example: coach drill · coach drill 7 · coach drill failures --scenario notifications --lang es
    """
    from coach.messages import t
    from coach.ui import render

    with fail_on_error():
        chosen = resolve(lang)
        if step is None:
            _drill_due(scenario, chosen, no_timer)
            return
        content = load_bundle(_drill_scenario(scenario, chosen))
        found = content.framework.find_step(step)
        if found is None:
            from coach.content import STEP_IDS, suggest

            raise CoachError(
                t("session.bad_step", chosen, step=step, hint=suggest(step.lower(), STEP_IDS), steps=", ".join(STEP_IDS))
            )
        _require_terminal(chosen)
        store = open_store()
        missed = store.most_missed(scenario=content.scenario.id, step=found.id, limit=3)
        from coach.ui.render import item_label

        focus = tuple(item_label(content, m.item_id, chosen) for m in missed)
        card = _drill(store, content, (found.id,), {found.id: focus}, chosen, no_timer)
        render.scorecard(console(), content, card, chosen)


def _drill_scenario(scenario: str | None, lang: Lang) -> str:
    """--scenario, else the latest session's scenario, else the only one installed; else a one-line error."""
    from coach.messages import problem
    from coach.review import drill_scenario

    if scenario is not None:
        return scenario
    installed = library().scenarios
    recent = (record.scenario for record in open_store().sessions(limit=20))
    chosen = drill_scenario(None, recent, set(installed))
    if chosen is None:
        known = ", ".join(sorted(installed))
        raise CoachError(problem("session.which_scenario", known=known))
    return chosen


def _drill(
    store: Store, content: Bundle, steps: tuple[str, ...], focus: dict[str, tuple[str, ...]], lang: Lang, no_timer: bool
) -> Scorecard:
    from coach.session import Mode, Session, SessionConfig

    config = SessionConfig(
        scenario=content.scenario.id, lang=lang, mode=Mode.DRILL, timed=not no_timer, steps=steps,
        seed=_seed(content),
    )
    session = Session(content, config, store, engines=session_engines(), focus=focus)
    return _interview(console(), session, content, lang)


def _drill_due(scenario: str | None, lang: Lang, no_timer: bool) -> None:
    """`coach drill` with no step: every scenario with cards due now, the steps with most due first."""
    from coach.content import STEP_IDS
    from coach.messages import t
    from coach.ui import render
    from coach.ui.render import item_label

    store = open_store()
    due = store.due_cards(store.now(), scenario)
    if not due:
        upcoming = store.cards(scenario)
        out = console()
        if not upcoming:
            out.print(t("session.drill_nothing_yet", lang))
        else:
            out.print(t("session.drill_nothing_due", lang, when=render.when(upcoming[0].due_at), n=len(upcoming)))
        return
    _require_terminal(lang)
    from coach.review import plan_due

    for plan in plan_due(((c.scenario, c.step, c.key) for c in due), STEP_IDS, DUE_STEPS):
        content = try_bundle(plan.scenario)
        if content is None:
            continue  # a scenario no longer installed
        focus = {step: tuple(item_label(content, key, lang) for key in keys[:5]) for step, keys in plan.keys.items()}
        out = console()
        out.print(t("session.drill_due", lang, n=plan.due, scenario=safe.markup(content.scenario.title(lang))))
        result = _drill(store, content, plan.steps, focus, lang, no_timer)
        render.scorecard(out, content, result, lang)


def menu() -> bool:
    """`coach` with no arguments: a menu on a terminal (scenario, mode, language, timer).

    Returns False when there is no terminal, so the caller prints the help instead.
    """
    if not _is_terminal():
        return False
    from coach.ui.menus import ask_menu

    lang = resolve(None)
    entries = library().catalogue(lang)
    if not entries:
        raise CoachError("no scenarios installed")
    scenario_id, mode, lang_choice, timed = ask_menu(entries, lang)
    start_interview(scenario_id, mode=mode, lang=lang_choice, no_timer=not timed)
    return True


def register(app: typer.Typer) -> None:
    """Add the session commands to the root app."""
    from coach.cli import history_cmds

    # One block so `coach --help` keeps listing them in this order.
    app.command("run")(run_cmd)
    app.command("resume")(resume_cmd)
    app.command("history")(history_cmds.history_cmd)
    app.command("stats")(history_cmds.stats_cmd)
    app.command("drill")(drill_cmd)
    app.command("export")(history_cmds.export_cmd)
