"""The timed answer prompt, driven through prompt_toolkit pipe input and an emulated screen."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable

import pyte
import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output
from session_helpers import FakeClock

from coach.content import Bundle
from coach.session import Engines, ReplyKind, TimerStatus, timer_status
from coach.store import Store
from coach.ui.prompt import ask_answer, make_session, timer_text

COLS, ROWS = 140, 24


class _ScreenOutput(Vt100_Output):
    """A VT100 output into a string; claims to know the rows below the cursor so the toolbar is drawn."""

    def get_rows_below_cursor_position(self) -> int:
        return ROWS - 1


def _output() -> tuple[io.StringIO, _ScreenOutput]:
    raw = io.StringIO()
    return raw, _ScreenOutput(raw, lambda: Size(rows=ROWS, columns=COLS), term="xterm")


def _screen(raw: io.StringIO) -> str:
    screen = pyte.Screen(COLS, ROWS)
    pyte.Stream(screen).feed(raw.getvalue())
    return "\n".join(line.rstrip() for line in screen.display)


def _timer(clock: FakeClock, start: float, mini: Bundle, step: str) -> TimerStatus:
    return timer_status(clock() - start, mini.framework.step(step))


@pytest.mark.parametrize(
    ("elapsed", "lang", "expected"),
    [
        (161, "en", "◔ 02:41 · target 3:00–4:00 · before the window"),
        (200, "en", "✓ 03:20 · target 3:00–4:00 · in the window"),
        (281, "en", "⚠ OVERTIME +00:41 · target 3:00–4:00"),
        (161, "es", "◔ 02:41 · objetivo 3:00–4:00 · antes de la ventana"),
        (281, "es", "⚠ TIEMPO EXTRA +00:41 · objetivo 3:00–4:00"),
    ],
)
def test_opening_timer_text_names_each_state(mini: Bundle, elapsed: float, lang: str, expected: str) -> None:
    """Before, inside and past the window each carry their own symbol and word, in both languages."""
    assert timer_text(timer_status(elapsed, mini.framework.step("opening")), lang) == expected  # type: ignore[arg-type]


def test_budget_timer_counts_down_then_overtime(mini: Bundle) -> None:
    """A budgeted step counts down, warns near the end, then counts overtime up."""
    step = mini.framework.step("requirements")
    assert timer_text(timer_status(48, step), "en") == "⏱ 00:48 of 5:00 · 04:12 left"
    assert timer_text(timer_status(270, step), "es") == "⚠ 04:30 de 5:00 · quedan 00:30 · queda poco"
    assert timer_text(timer_status(730, step), "en") == "⚠ 12:10 of 5:00 · OVERTIME +07:10"
    assert timer_text(timer_status(730, step, timed=False), "en") == "· untimed"


def test_escape_enter_submits_multiline_text(mini: Bundle, clock: FakeClock) -> None:
    """Enter adds a line; Esc then Enter submits the whole answer."""
    with create_pipe_input() as inp:
        inp.send_text("line one\rline two\x1b\r")
        reply = ask_answer("en", lambda: _timer(clock, 1000, mini, "api"), lambda text: None,
                           input=inp, output=DummyOutput())
    assert reply.kind is ReplyKind.SUBMITTED
    assert reply.text == "line one\nline two"


def test_ctrl_d_submits(mini: Bundle, clock: FakeClock) -> None:
    """Ctrl-D submits instead of deleting a character."""
    with create_pipe_input() as inp:
        inp.send_text("POST /v1/notifications\x04")
        reply = ask_answer("en", lambda: _timer(clock, 1000, mini, "api"), lambda text: None,
                           input=inp, output=DummyOutput())
    assert reply.text == "POST /v1/notifications"


def test_ctrl_c_returns_the_draft(mini: Bundle, clock: FakeClock) -> None:
    """Ctrl-C keeps what was typed, and the draft callback saw it as it was typed."""
    drafts: list[str] = []
    with create_pipe_input() as inp:
        inp.send_text("half an ans\x03")
        reply = ask_answer("es", lambda: _timer(clock, 1000, mini, "api"), drafts.append,
                           input=inp, output=DummyOutput())
    assert reply.kind is ReplyKind.INTERRUPTED
    assert reply.text == "half an ans"
    assert drafts[-1] == "half an ans"


def test_resumed_draft_is_the_starting_text(mini: Bundle, clock: FakeClock) -> None:
    """A resumed step starts from its saved draft; new typing appends to it."""
    with create_pipe_input() as inp:
        inp.send_text(" and more\x04")
        reply = ask_answer("en", lambda: _timer(clock, 1000, mini, "api"), lambda text: None,
                           default="saved part", input=inp, output=DummyOutput())
    assert reply.text == "saved part and more"


def _screen_while_open(timer: Callable[[], TimerStatus], lang: str = "en") -> str:
    """Draw the prompt, let it render, read the emulated screen, then submit."""
    raw, output = _output()

    async def scenario() -> str:
        with create_pipe_input() as inp:
            session = make_session(lang, timer, input=inp, output=output)  # type: ignore[arg-type]
            task = asyncio.ensure_future(session.prompt_async("› "))
            await asyncio.sleep(0.3)
            shown = _screen(raw)
            inp.send_text("x\x04")
            await task
        return shown

    return asyncio.run(scenario())


def test_toolbar_shows_the_overtime_state_on_screen(mini: Bundle, clock: FakeClock) -> None:
    """The drawn toolbar carries the overtime timer and how to submit."""
    clock.advance(281)
    screen = _screen_while_open(lambda: _timer(clock, 1000, mini, "opening"))
    assert "⚠ OVERTIME +00:41 · target 3:00–4:00" in screen
    assert "Esc Enter or Ctrl-D: submit" in screen


def test_toolbar_in_spanish(mini: Bundle, clock: FakeClock) -> None:
    """The Spanish toolbar names the state and the keys in Spanish."""
    clock.advance(48)
    screen = _screen_while_open(lambda: _timer(clock, 1000, mini, "requirements"), "es")
    assert "⏱ 00:48 de 5:00 · quedan 04:12" in screen
    assert "Esc Enter o Ctrl-D: enviar" in screen


def test_mock_toolbar_offers_no_guidance(mini: Bundle, clock: FakeClock) -> None:
    """Mock mode (hints off) keeps Ctrl-Q in the toolbar but not `?` for guidance; a probe offers neither."""
    from coach.ui.prompt import toolbar

    status = _timer(clock, 1000, mini, "requirements")

    def keys(**flags: bool) -> str:
        return "".join(text for _, text in toolbar(status, "en", **flags))

    assert "? + Ctrl-D: guidance" in keys() and "Ctrl-Q" in keys()
    assert "guidance" not in keys(hints=False) and "Ctrl-Q: ask the interviewer" in keys(hints=False)
    assert "guidance" not in keys(hints=False, asking=False) and "Ctrl-Q" not in keys(hints=False, asking=False)
    assert "Ctrl-D: submit" in keys(hints=False, asking=False)


def test_countdown_ticks_while_idle(mini: Bundle, clock: FakeClock) -> None:
    """With no key pressed, the toolbar redraws as the clock moves: from early to in the window."""
    raw, output = _output()

    async def scenario() -> tuple[str, str]:
        with create_pipe_input() as inp:
            session = make_session("en", lambda: _timer(clock, 1000, mini, "opening"), input=inp, output=output)
            task = asyncio.ensure_future(session.prompt_async("› "))
            clock.advance(170)
            await asyncio.sleep(0.7)
            before = _screen(raw)
            clock.advance(30)
            await asyncio.sleep(0.7)
            after = _screen(raw)
            inp.send_text("done\x04")
            await task
        return before, after

    before, after = asyncio.run(scenario())
    assert "◔ 02:50 · target 3:00–4:00 · before the window" in before
    assert "✓ 03:20 · target 3:00–4:00 · in the window" in after


def test_terminal_prompter_drives_a_session_through_pipe_input(
    mini: Bundle, clock: FakeClock, store: Store, engines: Engines
) -> None:
    """The real prompter: an answer, an empty answer skipped from the menu, then Ctrl-C keeps the draft."""
    from prompt_toolkit.application import create_app_session
    from rich.console import Console

    from coach.session import Mode, Session, SessionConfig, SessionInterrupted, run
    from coach.ui.terminal import TerminalPrompter

    config = SessionConfig("mini", "en", Mode.PRACTICE, steps=("requirements", "api", "scaling"))
    session = Session(mini, config, store, engines=engines, clock=clock)
    screen = io.StringIO()
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text("functional requirements\x04")
        inp.send_text("r\r")  # practice: the score is shown; "r" asks for the reference answer
        inp.send_text("\r")  # Enter after reading it
        inp.send_text("\x04")  # empty: asks whether to skip
        inp.send_text("\x1b[B\r")  # down to "Yes, skip the step", Enter
        inp.send_text("\r")  # the skipped step's feedback
        inp.send_text("horizontal scal\x03")
        prompter = TerminalPrompter(Console(file=screen, width=100, no_color=True), mini, "en")
        with pytest.raises(SessionInterrupted):
            run(session, prompter)
    record = store.session(session.id)
    assert record.answers["requirements"].text == "functional requirements"
    assert record.answers["api"].skipped
    assert record.drafts["scaling"].text == "horizontal scal"
    shown = screen.getvalue()
    assert "Step 1/3 · 1. Requirements" in shown
    assert "✓ Mentions functional" in shown and "✗ Mentions availability" in shown
    # The score and misses first; the reference only after "r".
    assert shown.index("Score") < shown.index("✗ Mentions availability") < shown.index("Reference answer")
    assert shown.count("Step 3/3") == 1


def test_feedback_keeps_the_reference_for_when_it_is_asked_for(
    mini: Bundle, clock: FakeClock, store: Store, engines: Engines
) -> None:
    """Enter after the score goes straight on: no reference, no demo; the last step does not promise a next clock."""
    from prompt_toolkit.application import create_app_session
    from rich.console import Console

    from coach.session import Mode, Session, SessionConfig, run
    from coach.ui.terminal import TerminalPrompter

    config = SessionConfig("mini", "es", Mode.PRACTICE, steps=("requirements", "api"))
    session = Session(mini, config, store, engines=engines, clock=clock)
    screen = io.StringIO()
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text("requisitos funcionales\x04")
        inp.send_text("\r")  # Enter: no reference
        inp.send_text("POST /v1\x04")  # the last step: api has no reference, so only "go on"
        inp.send_text("\r")
        run(session, TerminalPrompter(Console(file=screen, width=100, no_color=True), mini, "es"))
    shown = screen.getvalue()
    assert "Puntuación" in shown
    assert "Respuesta de referencia" not in shown


def test_without_cursor_reports_the_timer_moves_into_the_prompt(mini: Bundle, clock: FakeClock) -> None:
    """A terminal that cannot draw the toolbar (no CPR) still shows the ticking timer above the prompt."""
    raw = io.StringIO()
    output = Vt100_Output(raw, lambda: Size(rows=ROWS, columns=COLS), term="xterm")  # no rows below: no toolbar
    clock.advance(281)

    async def scenario() -> str:
        with create_pipe_input() as inp:
            session = make_session("en", lambda: _timer(clock, 1000, mini, "opening"), input=inp, output=output)
            from coach.ui.prompt import _message

            task = asyncio.ensure_future(
                session.prompt_async(_message("› ", "en", lambda: _timer(clock, 1000, mini, "opening")))
            )
            await asyncio.sleep(0.3)
            shown = _screen(raw)
            inp.send_text("x\x04")
            await task
        return shown

    screen = asyncio.run(scenario())
    assert "⚠ OVERTIME +00:41 · target 3:00–4:00\n›" in screen
    assert "Esc Enter or Ctrl-D" not in screen  # the toolbar itself is not drawn


def test_speak_flow_through_the_terminal_prompter(
    mini: Bundle, clock: FakeClock, store: Store, engines: Engines
) -> None:
    """--speak: Enter starts, Enter stops, then the key points are typed; Ctrl-C while speaking interrupts."""
    from prompt_toolkit.application import create_app_session
    from rich.console import Console

    from coach.session import Mode, Session, SessionConfig, SessionInterrupted, run
    from coach.ui.terminal import TerminalPrompter

    config = SessionConfig("mini", "en", Mode.MOCK, speak=True, steps=("opening", "closing"))
    session = Session(mini, config, store, engines=engines, clock=clock)
    screen = io.StringIO()
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text("\r\rscope and topology\x04")
        inp.send_text("\r\x03")  # closing: starts speaking, then Ctrl-C
        prompter = TerminalPrompter(Console(file=screen, width=100, no_color=True), mini, "en")
        with pytest.raises(SessionInterrupted):
            run(session, prompter)
    record = store.session(session.id)
    assert record.answers["opening"].text == "scope and topology"
    assert "closing" not in record.answers and "closing" in record.drafts
    shown = screen.getvalue()
    assert "Now type the key points you said" in shown
    assert "Cue card" not in shown  # mock mode: no cue card, as in a real interview
    assert "? + Ctrl-D: guidance" not in shown
