"""Session commands: `coach run`, `resume`, `history`, `stats`, `drill`, `export`, and the bare `coach` menu.

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
    JsonOption,
    LangOption,
    console,
    die,
    emit_json,
    fail_on_error,
    library,
    load_bundle,
    resolve,
    warn,
)
from coach.errors import CoachError, ExitCode, in_lang
from coach.ui import safe

if TYPE_CHECKING:
    from rich.console import Console

    from coach.content import Bundle, ScenarioEntry
    from coach.i18n import Lang
    from coach.session import Engines, Mode, Scorecard, Session, SessionStoreFailed
    from coach.store import ScenarioTotals, SessionRecord, Store, StoredCard

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
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the export file if it exists.")]


def _open_store() -> Store:
    from coach.store import Store, default_path

    return Store(default_path())


def _engines() -> Engines:
    from coach.session import default_engines

    return default_engines()


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


def _check_export_target(path: Path | None, force: bool, lang: Lang) -> None:
    from coach.messages import t

    if path is None:
        return
    if path.exists() and not force:
        raise CoachError(t("session.exists", lang, path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        # Checked before the interview, not after 45 minutes of answers.
        raise CoachError(t("session.no_folder", lang, path=path, folder=folder))


def _write_export(card: Scorecard, content: Bundle, path: Path, started_at: float | None) -> None:
    from coach.export import render_export
    from coach.files import write_atomic
    from coach.session import all_demos

    demos = all_demos(content, card.config, _engines(), card.demos)
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
            _check_export_target(export, force, lang)
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
    _check_export_target(export, force, chosen)
    if sheet is None:
        _require_terminal(chosen)
    out = console()
    store = _open_store()
    config = SessionConfig(
        scenario=scenario_id,
        lang=chosen,
        mode=chosen_mode,
        timed=not no_timer and sheet is None,
        speak=speak and sheet is None,
        seed=_seed(content),
        steps=_parse_steps(steps, chosen) if steps else STEP_IDS,
    )
    session = Session(content, config, store, engines=_engines())
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
        store = _open_store()
        if session_id is None:
            record = store.latest_unfinished()
            if record is None:
                raise CoachError(t("session.nothing_to_resume", resolve(None)))
        else:
            record = store.session(session_id)
        content = load_bundle(record.scenario)
        session = Session.resume(content, record, store, engines=_engines())
        lang = session.config.lang
        _check_export_target(export, force, lang)
        _require_terminal(lang)
        out = console()
        step = session.current_step or ""
        title = content.framework.step(step).title(lang) if step else "—"
        out.print(t("session.resuming", lang, sid=safe.markup(record.id), step=safe.markup(title)))
        card = _interview(out, session, content, lang)
        _finish(out, card, content, store, export, force, offer=True)


def history_cmd(lang: LangOption = None, as_json: JsonOption = False) -> None:
    """List past sessions: date, scenario, mode, language, total, duration.

    Example: coach history --json
    """
    from coach.ui import render

    with fail_on_error():
        chosen = resolve(lang)
        records = _open_store().sessions()
        if as_json:
            emit_json({"sessions": [_history_json(r) for r in records]})
            return
        levels: dict[str, dict[str, str]] = {}
        for scenario_id in sorted({r.scenario for r in records}):
            content = _try_bundle(scenario_id)
            if content is not None:
                from coach.scoring.level import content_labels

                levels = content_labels(content)
                break
        render.history(console(), records, chosen, levels)


def _history_json(record: SessionRecord) -> dict[str, object]:
    import time

    return {
        "id": record.id,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.started_at)),
        "scenario": record.scenario,
        "mode": record.mode,
        "lang": record.lang,
        "status": record.status,
        "steps": list(record.steps),
        "answered": len(record.answers),
        "total": record.total,
        "level": record.level,
        "duration_s": round(record.duration_s, 1),
    }


def stats_cmd(
    scenario: Annotated[str | None, typer.Option("--scenario", help="Only this scenario.")] = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Per-step trends overall and per scenario, the items missed most often, what is due for review this week, and what keeps lapsing.

    Example: coach stats · coach stats --scenario notifications --json
    """
    from coach.ui import render

    with fail_on_error():
        chosen = resolve(lang)
        store = _open_store()
        trends = store.step_trends(scenario)
        totals = [row for row in store.scenario_totals() if scenario in (None, row.scenario)]
        scenario_ids = [row.scenario for row in totals] or ([scenario] if scenario else [])
        # Items are missed per scenario: a scenario's own ids only mean something with its labels.
        missed = {sid: store.most_missed(scenario=sid) for sid in scenario_ids}
        now = store.now()
        week = store.due_cards(now + WEEK_S, scenario)
        lapsing = store.lapsing(scenario=scenario)
        if as_json:
            emit_json({
                "scenario": scenario,
                "trends": [{"step": tr.step, "scores": list(tr.scores)} for tr in trends],
                "most_missed": [m.__dict__ for m in store.most_missed(scenario=scenario)],
                "due_now": sum(1 for c in week if c.due_at <= now),
                "due_this_week": [_card_json(c) for c in week],
                "lapsing": [_card_json(c) for c in lapsing],
                "scenarios": [
                    _scenario_stats_json(store, row, [c for c in week if c.scenario == row.scenario], now)
                    for row in totals
                ],
            })
            return
        shown = {*scenario_ids, *(c.scenario for c in (*week, *lapsing))}
        contents = {sid: _try_bundle(sid) for sid in sorted(shown)}
        out = console()
        render.stats(out, trends, missed, contents, chosen, totals)
        render.reviews(out, week, lapsing, now, contents, chosen)


def _scenario_stats_json(store: Store, row: ScenarioTotals, week: list[StoredCard], now: float) -> dict[str, object]:
    """One scenario's part of `coach stats --json`."""
    return {
        "scenario": row.scenario,
        "sessions": row.sessions,
        "last": round(row.last, 4),
        "best": round(row.best, 4),
        "mean": round(row.mean, 4),
        "trends": [{"step": tr.step, "scores": list(tr.scores)} for tr in store.step_trends(row.scenario)],
        "most_missed": [m.__dict__ for m in store.most_missed(scenario=row.scenario)],
        "due_now": sum(1 for c in week if c.due_at <= now),
        "due_this_week": len(week),
    }


WEEK_S = 7 * 86_400


def _card_json(card: StoredCard) -> dict[str, object]:
    import time

    return {
        "scenario": card.scenario,
        "item": card.key,
        "step": card.step,
        "kind": card.kind,
        "due": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(card.due_at)),
        "reviews": card.reviews,
        "lapses": card.lapses,
    }


def _try_bundle(scenario_id: str | None) -> Bundle | None:
    if scenario_id is None:
        return None
    try:
        return load_bundle(scenario_id)
    except CoachError:
        return None  # labels fall back to ids


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
        store = _open_store()
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
    recent = (record.scenario for record in _open_store().sessions(limit=20))
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
    session = Session(content, config, store, engines=_engines(), focus=focus)
    return _interview(console(), session, content, lang)


def _drill_due(scenario: str | None, lang: Lang, no_timer: bool) -> None:
    """`coach drill` with no step: every scenario with cards due now, the steps with most due first."""
    from coach.content import STEP_IDS
    from coach.messages import t
    from coach.ui import render
    from coach.ui.render import item_label

    store = _open_store()
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
        content = _try_bundle(plan.scenario)
        if content is None:
            continue  # a scenario no longer installed
        focus = {step: tuple(item_label(content, key, lang) for key in keys[:5]) for step, keys in plan.keys.items()}
        out = console()
        out.print(t("session.drill_due", lang, n=plan.due, scenario=safe.markup(content.scenario.title(lang))))
        result = _drill(store, content, plan.steps, focus, lang, no_timer)
        render.scorecard(out, content, result, lang)


def export_cmd(
    session_id: Annotated[str, typer.Argument(metavar="SESSION_ID", help="From `coach history`.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    force: ForceOption = False,
) -> None:
    """Write a stored session's answer sheet (Markdown) again, re-scored.

    Example: coach export 20261128-0952-ab12 --out sesion.md
    """
    from coach.export import render_export
    from coach.files import write_atomic
    from coach.messages import t
    from coach.session import all_demos, scorecard_from_record

    with fail_on_error():
        store = _open_store()
        record = store.session(session_id)
        content = load_bundle(record.scenario)
        lang: Lang = "es" if record.lang == "es" else "en"
        _check_export_target(out, force, lang)
        engines = _engines()
        card = scorecard_from_record(record, content, engines)
        card = replace(card, demos=all_demos(content, card.config, engines, {}))
        text = render_export(card, content, started_at=record.started_at)
        if out is None:
            sys.stdout.write(text)
            return
        write_atomic(out, text)
        typer.echo(t("session.export_written", lang, path=safe.clean(str(out), one_line=True)), err=True)


def menu() -> bool:
    """`coach` with no arguments: a menu on a terminal (scenario, mode, language, timer).

    Returns False when there is no terminal, so the caller prints the help instead.
    """
    if not _is_terminal():
        return False
    import questionary

    from coach.messages import t

    lang = resolve(None)
    entries = library().catalogue(lang)
    if not entries:
        raise CoachError("no scenarios installed")
    choices = [questionary.Choice(menu_line(entry), value=entry.id) for entry in entries]
    scenario_id = questionary.select(t("session.menu_scenario", lang), choices=choices).unsafe_ask()
    lang_choice = questionary.select(
        t("session.menu_lang", lang),
        choices=[questionary.Choice("Español", value="es"), questionary.Choice("English", value="en")],
        default="es" if lang == "es" else "en",
    ).unsafe_ask()
    mode = questionary.select(
        t("session.menu_mode", lang_choice),
        choices=[
            questionary.Choice(t("session.practice", lang_choice), value="practice"),
            questionary.Choice(t("session.mock", lang_choice), value="mock"),
        ],
    ).unsafe_ask()
    timed = questionary.select(
        t("session.menu_timed", lang_choice),
        choices=[
            questionary.Choice(t("session.timed_yes", lang_choice), value=True),
            questionary.Choice(t("session.timed_no", lang_choice), value=False),
        ],
    ).unsafe_ask()
    start_interview(scenario_id, mode=mode, lang=lang_choice, no_timer=not timed)
    return True


def menu_line(entry: ScenarioEntry) -> str:
    """A scenario in the menu: `Title (id) · hard · 45 min — one-line summary`."""
    minutes = f" · {entry.duration_min} min" if entry.duration_min else ""
    line = f"{entry.title} ({entry.id}) · {entry.difficulty_label}{minutes} — {entry.summary}"
    return safe.clean(line, one_line=True)


def register(app: typer.Typer) -> None:
    """Add the session commands to the root app."""
    app.command("run")(run_cmd)
    app.command("resume")(resume_cmd)
    app.command("history")(history_cmd)
    app.command("stats")(stats_cmd)
    app.command("drill")(drill_cmd)
    app.command("export")(export_cmd)
