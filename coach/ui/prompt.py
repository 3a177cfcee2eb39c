"""The timed multi-line answer prompt (prompt_toolkit) with a live countdown toolbar.

The toolbar is redrawn every half second whether or not the candidate types,
so the countdown ticks while they think. It never cuts anyone off: past the
budget it shows OVERTIME and keeps going. Ctrl-C returns what was typed so the
session can keep it as a draft. Ctrl-Q asks the interviewer the question on the
cursor's line (or the last line that asks): the answer prints above the prompt
at once, the typed text stays and the countdown runs on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app, run_in_terminal
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.output import Output
from prompt_toolkit.renderer import CPR_Support
from prompt_toolkit.styles import Style

from coach.asked import pick_question
from coach.i18n import Lang
from coach.messages import t
from coach.session import Reply, ReplyKind, TimerState, TimerStatus
from coach.ui.texts import clock, short_clock

REFRESH_S = 0.5
AUTOSAVE_S = 1.0  # how often the prompt offers the draft; the session throttles the writes
ESCAPE_TIMEOUT_S = 3.0  # Esc then Enter may be seconds apart (terminal-ui.md)

_SYMBOL = {
    TimerState.UNTIMED: "·",
    TimerState.RUNNING: "⏱",
    TimerState.WARNING: "⚠",
    TimerState.EARLY: "◔",
    TimerState.IN_WINDOW: "✓",
    TimerState.OVER: "⚠",
}

STYLE = Style.from_dict(
    {
        "bottom-toolbar": "noreverse",
        "bottom-toolbar.timer": "bold",
        "bottom-toolbar.timer.running": "bold ansigreen",
        "bottom-toolbar.timer.in_window": "bold ansigreen",
        "bottom-toolbar.timer.early": "bold ansiyellow",
        "bottom-toolbar.timer.warning": "bold ansiyellow",
        "bottom-toolbar.timer.over": "bold ansired",
        "bottom-toolbar.timer.untimed": "",
        "bottom-toolbar.keys": "ansigray",
    }
)


def timer_text(status: TimerStatus, lang: Lang) -> str:
    """One short line: `✓ 03:20 · target 3:00–4:00 · in the window`, `⚠ 06:10 of 5:00 · OVERTIME +01:10`."""
    symbol = _SYMBOL[status.state]
    if status.state is TimerState.UNTIMED:
        return f"{symbol} {t('session.untimed', lang)}"
    if status.window is not None:
        span = f"{short_clock(status.window[0])}–{short_clock(status.window[1])}"
        frame = t("session.target", lang, span=span)
        if status.state is TimerState.OVER:
            head = t("session.overtime", lang, clock=clock(status.over_s))
        else:
            head = clock(status.elapsed_s)
        word = {
            TimerState.EARLY: t("session.early", lang),
            TimerState.IN_WINDOW: t("session.in_window", lang),
        }.get(status.state)
    else:
        # Elapsed against the budget first (as for the opening), then what is left.
        head = t("session.of", lang, elapsed=clock(status.elapsed_s), budget=short_clock(status.limit_s))
        if status.state is TimerState.OVER:
            frame = t("session.overtime", lang, clock=clock(status.over_s))
        else:
            frame = t("session.left", lang, clock=clock(status.remaining_s))
        word = t("session.warning", lang) if status.state is TimerState.WARNING else None
    if status.stopped:
        head = t("session.spoken", lang, clock=clock(status.elapsed_s))
    parts = [f"{symbol} {head}", frame] + ([word] if word else [])
    return " · ".join(parts)


def keys_text(lang: Lang, *, hints: bool = True, asking: bool = True) -> str:
    """The keys the prompt offers: no guidance in a mock (`hints` False), no Ctrl-Q without an interviewer."""
    if not asking:
        return t("session.keys_probe", lang)
    return t("session.keys" if hints else "session.keys_mock", lang)


def toolbar(
    status: TimerStatus, lang: Lang, keys: bool = True, *, hints: bool = True, asking: bool = True
) -> FormattedText:
    """The bottom toolbar: the timer first (it survives clipping), then the keys."""
    fragments: list[tuple[str, str]] = [
        (f"class:bottom-toolbar.timer.{status.state.value}", timer_text(status, lang))
    ]
    if keys:
        fragments.append(("class:bottom-toolbar.keys", "   " + keys_text(lang, hints=hints, asking=asking)))
    return FormattedText(fragments)


def _bindings(on_question: Callable[[str | None], object] | None = None) -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("c-d")
    def _submit(event: KeyPressEvent) -> None:
        # Ctrl-D submits (by default it deletes a character or raises EOF).
        event.current_buffer.validate_and_handle()

    if on_question is not None:
        ask = on_question

        @bindings.add("c-q")
        def _ask(event: KeyPressEvent) -> None:
            # The answer prints above the prompt; the buffer, the cursor and the timer are untouched.
            buffer = event.current_buffer
            question = pick_question(buffer.text, buffer.document.cursor_position_row)
            run_in_terminal(lambda: ask(question))

    return bindings


def make_session(
    lang: Lang,
    timer: Callable[[], TimerStatus],
    *,
    input: Input | None = None,
    output: Output | None = None,
    on_question: Callable[[str | None], object] | None = None,
    hints: bool = True,
) -> PromptSession[str]:
    """A multi-line prompt whose toolbar shows `timer()` twice a second.

    `on_question` gets the question Ctrl-Q picked (None: nothing to ask) and prints the answer.
    `hints` False (mock mode): the toolbar does not offer the guidance.
    """
    asking = on_question is not None
    session: PromptSession[str] = PromptSession(
        multiline=True,
        bottom_toolbar=lambda: toolbar(timer(), lang, hints=hints, asking=asking),
        refresh_interval=REFRESH_S,
        key_bindings=_bindings(on_question),
        enable_open_in_editor=True,
        style=STYLE,
        prompt_continuation=lambda width, line_number, wrap_count: "  ",
        input=input,
        output=output,
    )
    session.app.timeoutlen = ESCAPE_TIMEOUT_S
    return session


def _toolbar_hidden() -> bool:
    """True when the terminal cannot tell where the cursor is (no CPR), so no toolbar is drawn."""
    renderer = get_app().renderer
    return renderer.cpr_support is CPR_Support.NOT_SUPPORTED and not renderer.height_is_known


def _message(prompt: str, lang: Lang, timer: Callable[[], TimerStatus]) -> Callable[[], FormattedText]:
    """The prompt; without a toolbar (TERM=dumb, no CPR) it carries the timer itself, redrawn as it ticks."""

    def render() -> FormattedText:
        if _toolbar_hidden():
            status = timer()
            return FormattedText(
                [(f"class:bottom-toolbar.timer.{status.state.value}", timer_text(status, lang)), ("", "\n" + prompt)]
            )
        return FormattedText([("", prompt)])

    return render


def ask_answer(
    lang: Lang,
    timer: Callable[[], TimerStatus],
    save_draft: Callable[[str], object],
    *,
    default: str = "",
    message: str = "› ",
    input: Input | None = None,
    output: Output | None = None,
    on_question: Callable[[str | None], object] | None = None,
    hints: bool = True,
) -> Reply:
    """Ask for one answer. Ctrl-C returns the text typed so far as an INTERRUPTED reply.

    With `on_question`, Ctrl-Q asks the interviewer without leaving the prompt;
    `hints` False (mock mode) leaves the guidance out of the toolbar.
    """
    session = make_session(lang, timer, input=input, output=output, on_question=on_question, hints=hints)
    buffer = session.default_buffer

    def _changed(changed: Buffer) -> None:
        save_draft(changed.text)

    buffer.on_text_changed += _changed

    async def _autosave() -> None:
        # Idle time counts too: refresh the draft (and its elapsed time) regularly.
        while True:
            await asyncio.sleep(AUTOSAVE_S)
            save_draft(buffer.text)

    def _pre_run() -> None:
        get_app().create_background_task(_autosave())

    try:
        text = session.prompt(_message(message, lang, timer), default=default, pre_run=_pre_run)
    except KeyboardInterrupt:
        return Reply(buffer.text, ReplyKind.INTERRUPTED)
    except EOFError:
        return Reply(buffer.text, ReplyKind.SUBMITTED)
    return Reply(text, ReplyKind.SUBMITTED)


def wait_enter(
    message: str,
    lang: Lang,
    timer: Callable[[], TimerStatus] | None = None,
    *,
    input: Input | None = None,
    output: Output | None = None,
) -> bool:
    """Wait for Enter (with the timer in the toolbar if given); False on Ctrl-C."""
    extra: dict[str, Any] = {}
    if timer is not None:
        extra = {"bottom_toolbar": lambda: toolbar(timer(), lang, keys=False), "refresh_interval": REFRESH_S}
    session: PromptSession[str] = PromptSession(style=STYLE, input=input, output=output, **extra)
    try:
        session.prompt(message)
    except (KeyboardInterrupt, EOFError):
        return False
    return True


def read_line(message: str, *, input: Input | None = None, output: Output | None = None) -> str | None:
    """One line of text (a choice key such as `r`); None on Ctrl-C or end of input."""
    session: PromptSession[str] = PromptSession(style=STYLE, input=input, output=output)
    try:
        return session.prompt(message)
    except (KeyboardInterrupt, EOFError):
        return None
