"""Exit codes and the errors a user can cause."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit statuses, one place for all commands."""

    OK = 0
    FAILURE = 1
    USAGE = 2  # a user mistake: bad file, unknown id, bad flag value
    INTERRUPTED = 130  # Ctrl-C


class Problem(str):
    """One line of an error, in English (the str value) and in Spanish (`.es`).

    A str subclass, so code and tests that compare or join problems keep working;
    the CLI prints `.es` when the user reads Spanish.
    """

    es: str

    def __new__(cls, en: str, es: str) -> Problem:
        problem = super().__new__(cls, en)
        problem.es = es
        return problem

    def __reduce__(self) -> tuple[type[Problem], tuple[str, str]]:
        return (Problem, (str(self), self.es))

    def reworded(self, change: Callable[[str], str]) -> Problem:
        """The same problem with `change` applied to each language's text (a prefix, a line number)."""
        return Problem(change(str(self)), change(self.es))


def in_lang(problem: str, lang: str) -> str:
    """The problem's text in `lang` (plain strings have only one)."""
    if lang == "es" and isinstance(problem, Problem):
        return problem.es
    return str(problem)


class CoachError(Exception):
    """A user-facing error: one clear line per problem, exit status 2.

    `problems` holds one line each (str or bilingual Problem); the CLI prints
    them on stderr in the user's language.
    """

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems: tuple[str, ...] = problems


class ContentError(CoachError):
    """A framework, scenario or answer sheet that cannot be used."""


class UnknownIdError(CoachError):
    """A scenario, framework or step id that does not exist."""
