"""Rich rendering of the interviewer's answers: in a session (above the prompt) and for `coach ask`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console

from coach.asked import AskedQuestion, AskKind
from coach.errors import CoachError, in_lang
from coach.i18n import Lang
from coach.messages import t
from coach.ui.safe import markup as escape

if TYPE_CHECKING:
    from coach.interviewer import Answer

# a symbol and a word per kind, never colour alone
_MARK = {AskKind.FACT: "[bold green]↳[/bold green]", AskKind.DESIGN: "[bold yellow]↳[/bold yellow]",
         AskKind.UNKNOWN: "[bold yellow]↳[/bold yellow]"}


def answer_line(answer: Answer, lang: Lang) -> str:
    """`↳ Interviewer · Volumes: 100 notifications per second …` (rich markup, content escaped)."""
    who = t("session.interviewer", lang)
    topic = f" · {escape(answer.topic)}" if answer.topic else ""
    return f"{_MARK[answer.kind]} [bold]{who}{topic}:[/bold] {escape(answer.text)}"


def interviewer_answer(console: Console, answer: Answer, lang: Lang) -> None:
    """The question as asked, then the interviewer's answer (printed above a live prompt)."""
    console.print(f"[bold]?[/bold] {escape(answer.question)}", soft_wrap=False)
    console.print(answer_line(answer, lang))


def no_question(console: Console, lang: Lang) -> None:
    """Ctrl-Q on an empty answer: how to ask."""
    console.print(f"[dim]{t('session.ask_how', lang)}[/dim]")


def problem(console: Console, exc: CoachError, lang: Lang) -> None:
    """A question the interviewer cannot take (empty, too long): one line, the prompt stays."""
    for line in exc.problems:
        console.print(f"[yellow]⚠[/yellow] {escape(in_lang(line, lang))}")


def asked_list(console: Console, asked: Sequence[AskedQuestion], lang: Lang) -> None:
    """The questions a sheet's opening asked, with their answers (`coach run --answers`)."""
    if not asked:
        return
    console.print(f"[bold]{t('session.asked', lang)}[/bold]")
    for entry in asked:
        console.print(f"[bold]?[/bold] {escape(entry.question)}")
        console.print(f"  {_MARK[entry.kind]} {escape(entry.answer)}")
    console.print()
