"""Driving one interview in the terminal, for `coach run`, `resume` and `drill`.

The prompts run through coach.session; this module maps what can stop them to exit codes
(Ctrl-C: 130 with the resume command; a history that stops taking writes: 2, with the
answers saved elsewhere or shown) and ends a session with its scorecard and export.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from coach.cli.common import check_export_target, die, session_engines, warn
from coach.errors import CoachError, ExitCode
from coach.ui import safe

if TYPE_CHECKING:
    from rich.console import Console

    from coach.content import Bundle
    from coach.i18n import Lang
    from coach.session import Scorecard, Session, SessionStoreFailed
    from coach.store import Store


def _is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def has_terminal() -> bool:
    """Whether stdin and stdout are a terminal (the prompts need one)."""
    return _is_terminal()


def require_terminal(lang: Lang) -> None:
    """Exit 2 with one line unless there is a terminal to prompt on."""
    from coach.messages import t

    if not _is_terminal():
        die(t("session.not_tty", lang))


def finish(
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
    from coach.export import session_export
    from coach.files import write_atomic
    from coach.messages import t
    from coach.ui import render, session_flow

    lang, sid = card.config.lang, card.session_id
    render.scorecard(out, content, card, lang)
    started = store.session(sid).started_at
    if export is None and offer:
        try:
            export, force = session_flow.offer_export(sid, lang, force)
        except KeyboardInterrupt:
            # Finished and stored: Ctrl-C here only skips the file.
            session_flow.export_later(out, sid, lang)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    session_flow.saved(out, sid, lang)
    if export is not None:
        try:
            check_export_target(export, force, lang)
            write_atomic(
                export, session_export(card, content, session_engines(), started_at=started)
            )
        except CoachError as exc:
            # The session is safe in the history: say how to export it again.
            raise CoachError(*exc.problems, t("session.export_later", lang, sid=sid)) from None
        session_flow.exported(out, export, lang)


def interview(out: Console, session: Session, content: Bundle, lang: Lang) -> Scorecard:
    """Run the prompts; Ctrl-C prints the resume command and exits 130, a failing history exits 2."""
    from coach.session import SessionInterrupted, SessionStoreFailed, run
    from coach.ui import session_flow
    from coach.ui.terminal import TerminalPrompter

    try:
        return run(session, TerminalPrompter(out, content, lang))
    except SessionStoreFailed as failed:
        _rescue(failed, session.config.scenario, lang)
    except SessionInterrupted as stopped:
        session_flow.interrupted(out, stopped.session_id, lang)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def _rescue(failed: SessionStoreFailed, scenario_id: str, lang: Lang) -> NoReturn:
    """The history stopped taking writes: say why, offer the answers (typed one included) as a sheet, exit 2."""
    from coach.files import write_atomic
    from coach.messages import problem
    from coach.sheet import render_answers
    from coach.ui.session_flow import ask_unsaved_path

    warn(failed.error.problems[0] if failed.error.problems else str(failed.error))
    if not failed.answers:
        raise typer.Exit(int(ExitCode.USAGE))
    text = render_answers(scenario_id, lang, failed.answers)
    try:
        target = ask_unsaved_path(f"coach-unsaved-{failed.session_id}.md", lang)
        write_atomic(target, text)
        warn(problem("session.answers_saved", path=target))
    except (CoachError, KeyboardInterrupt, EOFError, OSError):
        # Nowhere to write either: the answers go to the screen, never lost.
        sys.stdout.write(safe.clean(text))
    raise typer.Exit(int(ExitCode.USAGE))
