"""Exit codes and the errors a user can cause."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit statuses, one place for all commands."""

    OK = 0
    FAILURE = 1
    USAGE = 2  # a user mistake: bad file, unknown id, bad flag value
    INTERRUPTED = 130  # Ctrl-C


class CoachError(Exception):
    """A user-facing error: one clear line per problem, exit status 2.

    `problems` holds one line each; the CLI prints them on stderr.
    """

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems: tuple[str, ...] = problems


class ContentError(CoachError):
    """A framework, scenario or answer sheet that cannot be used."""


class UnknownIdError(CoachError):
    """A scenario, framework or step id that does not exist."""
