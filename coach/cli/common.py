"""What every command shares: global options, the content library, errors, output."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from coach.errors import CoachError, ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from coach.content import Bundle, Library
    from coach.i18n import Lang
    from coach.session import Engines
    from coach.store import Store

ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the export file if it exists.")]


@dataclass
class _State:
    content_dir: Path | None = None
    debug: bool = False
    lang: str | None = None  # the language this command resolved, for its error lines
    lang_warned: bool = False  # the unknown-COACH_LANG warning is printed once
    _library: Library | None = None

    def library(self) -> Library:
        if self._library is None or self._library.content_dir != self.content_dir:
            from coach.content import Library

            self._library = Library(self.content_dir, on_skip=warn)
        return self._library


STATE = _State()

def _remember_lang(value: str | None) -> str | None:
    """Note --lang as soon as it is parsed, so errors raised before `resolve` speak it too."""
    if value in ("es", "en"):
        STATE.lang = value
    return value


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", help="Language: es or en (default: COACH_LANG, else the locale).", callback=_remember_lang
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]


def resolve(lang: str | None) -> Lang:
    """The language for this command."""
    from coach.i18n import resolve_lang, unknown_env_lang

    chosen = resolve_lang(lang)
    STATE.lang = chosen
    if lang is None:
        _warn_env_lang(unknown_env_lang())
    return chosen


def _warn_env_lang(problem: str | None) -> None:
    if problem is not None and not STATE.lang_warned:
        STATE.lang_warned = True
        warn(problem)


def library() -> Library:
    """The content library (shipped content plus --content-dir)."""
    return STATE.library()


def load_bundle(scenario_id: str) -> Bundle:
    """A scenario joined to its framework, or a one-line error."""
    return STATE.library().bundle(scenario_id)


def console() -> Console:
    """The stdout console (rich)."""
    from rich.console import Console

    return Console(highlight=False)


def emit_json(payload: Any) -> None:
    """Print one JSON object on stdout (UTF-8, not ASCII-escaped)."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _error_lang() -> str:
    if STATE.lang is not None:
        return STATE.lang
    from coach.i18n import resolve_lang

    try:
        return resolve_lang(None)
    except CoachError:
        return "en"


def _stderr_line(problem: str) -> None:
    from coach.errors import in_lang
    from coach.ui.safe import clean

    # A problem may quote a path or a line of a file: one clean line, never terminal commands.
    sys.stderr.write(f"coach: {clean(in_lang(problem, _error_lang()), one_line=True)}\n")


def warn(problem: str) -> None:
    """One warning line on stderr, in the user's language; the command goes on."""
    _stderr_line(problem)


def die(*problems: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """Print one line per problem on stderr, in the user's language, and exit."""
    for problem in problems:
        _stderr_line(problem)
    raise typer.Exit(int(code))


@contextmanager
def fail_on_error() -> Iterator[None]:
    """Turn a CoachError into its lines on stderr and exit 2; no traceback unless --debug."""
    try:
        yield
    except CoachError as exc:
        if STATE.debug:
            raise
        die(*exc.problems)
    except (typer.Exit, typer.Abort, KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        if STATE.debug:
            raise
        from coach.messages import problem

        die(problem("cli.internal_error", kind=type(exc).__name__, error=exc), code=ExitCode.FAILURE)


def parse_number(flag: str, raw: str | None, *, integer: bool = False) -> float | None:
    """A flag's number, or a one-line CoachError naming the flag."""
    if raw is None:
        return None
    from coach.messages import problem

    try:
        value = float(raw.strip().replace("_", ""))
    except ValueError:
        raise CoachError(problem("cli.not_a_number", flag=flag, raw=raw)) from None
    if not math.isfinite(value):
        raise CoachError(problem("cli.not_finite", flag=flag, raw=raw))
    if integer and value != int(value):
        raise CoachError(problem("cli.not_whole", flag=flag, raw=raw))
    return value


def open_store() -> Store:
    """The history store at its default path (coach.store)."""
    from coach.store import Store, default_path

    return Store(default_path())


def session_engines() -> Engines:
    """The scoring and simulation engines a session runs on."""
    from coach.session import default_engines

    return default_engines()


def check_export_target(path: Path | None, force: bool, lang: Lang) -> None:
    """Refuse an --export/--out path that exists (without --force) or whose folder is missing."""
    from coach.messages import t

    if path is None:
        return
    if path.exists() and not force:
        raise CoachError(t("session.exists", lang, path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        # Checked before the interview, not after 45 minutes of answers.
        raise CoachError(t("session.no_folder", lang, path=path, folder=folder))


def try_bundle(scenario_id: str | None) -> Bundle | None:
    """A scenario's bundle, or None when it is no longer installed (labels fall back to ids)."""
    if scenario_id is None:
        return None
    try:
        return load_bundle(scenario_id)
    except CoachError:
        return None  # labels fall back to ids
