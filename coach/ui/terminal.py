"""The terminal side of a session: one object holding the console and the prompts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from prompt_toolkit.input import Input
from prompt_toolkit.output import Output
from rich.console import Console

from coach.content import Bundle
from coach.errors import CoachError
from coach.i18n import Lang
from coach.messages import t
from coach.session import ProbePrompt, ProbeResult, Reply, StepFeedback, StepPrompt, TimerStatus
from coach.ui import asking, render
from coach.ui.prompt import ask_answer, read_line, wait_enter

if TYPE_CHECKING:
    from coach.interviewer import Answer


class TerminalPrompter:
    """Implements `coach.session.Prompter` with rich output and prompt_toolkit input."""

    def __init__(
        self,
        console: Console,
        content: Bundle,
        lang: Lang,
        *,
        input: Input | None = None,
        output: Output | None = None,
    ) -> None:
        self.console = console
        self.content = content
        self.lang = lang
        self.input = input
        self.output = output
        self._shown: str | None = None  # the step whose header is on screen

    def _header(self, prompt: StepPrompt) -> None:
        if self._shown != prompt.step.id:
            render.step_header(self.console, prompt)
            self._shown = prompt.step.id

    def ask(
        self,
        prompt: StepPrompt,
        timer: Callable[[], TimerStatus],
        save_draft: Callable[[str], object],
        interviewer: Callable[[str], Answer] | None = None,
    ) -> Reply:
        self._header(prompt)
        on_question = None
        if interviewer is not None:
            ask = interviewer

            def on_question(question: str | None) -> None:
                # Runs above the prompt (run_in_terminal): print, never raise into the key binding.
                if question is None:
                    asking.no_question(self.console, self.lang)
                    return
                try:
                    asking.interviewer_answer(self.console, ask(question), self.lang)
                except CoachError as exc:
                    asking.problem(self.console, exc, self.lang)

        return ask_answer(
            self.lang, timer, save_draft, default=prompt.draft, input=self.input, output=self.output,
            on_question=on_question, hints=prompt.hints,
        )

    def speak(self, prompt: StepPrompt, start: Callable[[], None], timer: Callable[[], TimerStatus]) -> bool:
        self._header(prompt)
        if not wait_enter(t("session.speak_start", self.lang) + " ", self.lang, input=self.input, output=self.output):
            return False
        start()
        stopped = wait_enter(
            t("session.speak_now", self.lang) + " ", self.lang, timer, input=self.input, output=self.output
        )
        if stopped:
            self.console.print(t("session.speak_points", self.lang))
        return stopped

    def confirm_skip(self, prompt: StepPrompt) -> bool:
        import questionary

        # A choice list, not y/N: the keys would be English-only.
        answer = questionary.select(
            t("session.skip", self.lang),
            choices=[
                questionary.Choice(t("session.skip_no", self.lang), value=False),
                questionary.Choice(t("session.skip_yes", self.lang), value=True),
            ],
        ).unsafe_ask()
        return bool(answer)

    def show_guidance(self, prompt: StepPrompt) -> None:
        render.guidance(self.console, prompt)

    def show_feedback(self, feedback: StepFeedback) -> None:
        render.feedback(self.console, self.content, feedback, self.lang)

    def ask_probe(
        self, prompt: ProbePrompt, timer: Callable[[], TimerStatus], save_draft: Callable[[str], object]
    ) -> Reply:
        render.probe_header(self.console, self.content, prompt)
        self._shown = None  # the next step prints its header again
        return ask_answer(
            self.lang, timer, save_draft, default=prompt.draft, input=self.input, output=self.output, hints=False
        )

    def show_probe_result(self, result: ProbeResult) -> None:
        render.probe_result(self.console, self.content, result)

    def end_feedback(self, feedback: StepFeedback, last: bool) -> None:
        # The score is on screen; the reference and demo (long) only when asked for.
        if feedback.reference or feedback.demo is not None:
            wanted = read_line(t("session.more", self.lang) + " ", input=self.input, output=self.output)
            if wanted is None:
                raise KeyboardInterrupt
            if wanted.strip().lower() not in ("r", "v"):
                return  # Enter: straight on, the next step's clock starts with its prompt
            render.extras(self.console, feedback, self.lang)
        # The next step's clock starts when its prompt shows: let the candidate read first.
        self._next(last)

    def _next(self, last: bool) -> None:
        key = "continue_last" if last else "continue"
        if not wait_enter(t(f"session.{key}", self.lang) + " ", self.lang, input=self.input, output=self.output):
            raise KeyboardInterrupt
