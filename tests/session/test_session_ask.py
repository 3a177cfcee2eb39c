"""Questions to the interviewer inside a session: Ctrl-Q in the prompt, the store, the score, the export."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from session_helpers import FakeClock, ScriptedPrompter, simple_score

import coach.store as store_module
from coach.asked import AskedQuestion, AskKind
from coach.content import Bundle, Library
from coach.export import render_export
from coach.i18n import Lang
from coach.interviewer import Answer
from coach.probes import ProbeAnswer
from coach.scoring import score_answers, score_sheet
from coach.scoring.result import SheetScore
from coach.session import (
    Engines,
    Mode,
    Session,
    SessionConfig,
    build_scorecard,
    run,
    run_from_sheet,
)
from coach.sheet import parse_sheet
from coach.store import SCHEMA_VERSION, Store
from coach.ui.terminal import TerminalPrompter

CTRL_Q = "\x11"
SUBMIT = "\x1b\r"  # Esc then Enter


@pytest.fixture(scope="module")
def notifications() -> Bundle:
    return Library(use_user_dir=False).bundle("notifications")


@pytest.fixture
def memory_store() -> Iterator[Store]:
    ticks = iter(range(10_000))
    with Store(":memory:", now=lambda: 1_790_000_000.0 + next(ticks)) as db:
        yield db


def _real(answers: Mapping[str, str], content: Bundle, lang: Lang, elapsed: Mapping[str, float] | None) -> SheetScore:
    return score_answers(answers, content, lang, elapsed_s=elapsed)


def _session(content: Bundle, store: Store, clock: FakeClock, *, real: bool = False,
             steps: tuple[str, ...] = ("opening",)) -> Session:
    config = SessionConfig(scenario="notifications", lang="es", mode=Mode.PRACTICE, steps=steps)
    engines = Engines(score_answers=_real if real else simple_score)
    return Session(content, config, store, engines=engines, clock=clock)


def _console() -> tuple[io.StringIO, Console]:
    raw = io.StringIO()
    return raw, Console(file=raw, width=200, color_system=None, highlight=False)


# ---------------------------------------------------------------- the prompt


def test_ctrl_q_answers_at_once_keeps_the_text_and_the_clock(
    notifications: Bundle, memory_store: Store, clock: FakeClock
) -> None:
    """Ctrl-Q prints the fact's answer above the prompt; the typed text stays and the countdown runs on."""
    session = _session(notifications, memory_store, clock)
    prompt = session.begin_step()
    assert prompt is not None
    raw, console = _console()

    def asking(question: str) -> Answer:
        clock.advance(7)  # reading the answer takes time, and the timer counts it
        return session.ask(question)

    with create_pipe_input() as inp:
        inp.send_text("Aclaro el alcance.\r¿cuánto tráfico hay en pico?" + CTRL_Q + "\rPropongo API → cola." + SUBMIT)
        reply = TerminalPrompter(console, notifications, "es", input=inp, output=DummyOutput()).ask(
            prompt, session.timer, session.save_draft, asking
        )
    assert reply.text == "Aclaro el alcance.\n¿cuánto tráfico hay en pico?\nPropongo API → cola."
    shown = raw.getvalue()
    assert "? ¿cuánto tráfico hay en pico?" in shown
    assert "↳ Entrevistador · Volúmenes: 100 notificaciones por segundo de media" in shown
    assert session.timer().elapsed_s == 7  # not paused, not restarted
    assert memory_store.session(session.id).questions == (
        AskedQuestion("opening", "¿cuánto tráfico hay en pico?", AskKind.FACT, "volumes",
                      notifications.scenario.facts[0].answer("es")),
    )


def test_ctrl_q_on_a_line_that_does_not_ask_takes_the_last_question(
    notifications: Bundle, memory_store: Store, clock: FakeClock
) -> None:
    """With the cursor on a statement, Ctrl-Q asks the last line ending in "?"."""
    session = _session(notifications, memory_store, clock)
    prompt = session.begin_step()
    assert prompt is not None
    raw, console = _console()
    with create_pipe_input() as inp:
        inp.send_text("is GDPR relevant?\rI propose an API" + CTRL_Q + SUBMIT)
        reply = TerminalPrompter(console, notifications, "es", input=inp, output=DummyOutput()).ask(
            prompt, session.timer, session.save_draft, session.ask
        )
    assert reply.text == "is GDPR relevant?\nI propose an API"
    assert [(q.question, q.fact_id) for q in session.asked] == [("is GDPR relevant?", "compliance")]
    assert "Regulación: Hay usuarios en la UE" in raw.getvalue()


def test_ctrl_q_with_nothing_typed_says_how_to_ask(
    notifications: Bundle, memory_store: Store, clock: FakeClock
) -> None:
    """An empty answer has nothing to ask: one hint line, nothing recorded."""
    session = _session(notifications, memory_store, clock)
    prompt = session.begin_step()
    assert prompt is not None
    raw, console = _console()
    with create_pipe_input() as inp:
        inp.send_text(CTRL_Q + "x" + SUBMIT)
        TerminalPrompter(console, notifications, "en", input=inp, output=DummyOutput()).ask(
            prompt, session.timer, session.save_draft, session.ask
        )
    assert "Type a question" in raw.getvalue() and "Ctrl-Q" in raw.getvalue()
    assert session.asked == []


# ---------------------------------------------------------------- the score


def test_asked_question_credits_the_opening_item(
    notifications: Bundle, memory_store: Store, clock: FakeClock
) -> None:
    """A question asked with Ctrl-Q and then deleted from the answer still earns opening.volumes."""
    def volumes(questions: dict[str, list[str]]) -> str:
        session = _session(notifications, memory_store, clock, real=True)
        # practice asks a follow-up after the step: left empty, it changes no credit
        prompter = ScriptedPrompter(clock, [(200, "Propongo API → cola → workers."), (30, "")], questions=questions)
        card = run(session, prompter)
        item = next(i for i in card.score.step("opening").items if i.id == "opening.volumes")
        assert card.asked == tuple(session.asked)
        return item.credit

    assert volumes({}) == "none"
    assert volumes({"opening": ["¿cuánto tráfico hay en pico?"]}) == "justified"


def test_sheet_opening_questions_are_answered_and_recorded(
    notifications: Bundle, memory_store: Store, clock: FakeClock
) -> None:
    """coach run --answers: the opening's question lines are asked, recorded and answered."""
    sheet = parse_sheet(
        "<!-- coach: scenario=notifications lang=es -->\n<!-- step: opening -->\n"
        "¿cuánto tráfico hay en pico?\nshould I use Kafka?\nPropongo API → cola → workers.\n"
    )
    session = _session(notifications, memory_store, clock, real=True)
    card = run_from_sheet(session, sheet)
    assert [(q.kind.value, q.fact_id) for q in card.asked] == [("fact", "volumes"), ("design", None)]
    assert memory_store.session(session.id).questions == card.asked


# ---------------------------------------------------------------- the export


def test_export_reads_back_exactly_and_scores_the_same(
    notifications: Bundle, memory_store: Store, clock: FakeClock
) -> None:
    """Export → read back → export is exact with asked blocks (and the follow-up probes practice asks
    after each step), and `coach score` gives the session's total."""
    steps = ("opening", "requirements")
    session = _session(notifications, memory_store, clock, real=True, steps=steps)
    prompter = ScriptedPrompter(
        clock,
        [(200, "Propongo API → cola → workers."), (30, ""), (240, "Funcionales: enviar por canal."), (30, "")],
        questions={"opening": ["¿cuánto tráfico hay en pico?", "is GDPR relevant?"],
                   "requirements": ["¿uso una cola?"]},
    )
    card = run(session, prompter)
    first = render_export(card, notifications)
    assert first.count("<!-- coach:asked -->") == 2
    assert "- ¿cuánto tráfico hay en pico? <!-- ask kind=fact fact=volumes -->" in first
    assert "- ¿uso una cola? <!-- ask kind=design -->" in first
    sheet = parse_sheet(first)
    assert [q for a in sheet.answers.values() for q in a.asked] == list(card.asked)
    assert sheet.text("opening") == "Propongo API → cola → workers."
    answers = {s: a.text for s, a in sheet.answers.items()}
    elapsed = {s: a.elapsed_s for s, a in sheet.answers.items() if a.elapsed_s is not None}
    rescored = score_sheet(sheet, notifications, "es")
    assert rescored.total == card.score.total
    assert len(card.probes) == len(sheet.probes) == 2
    probes = [ProbeAnswer(p.ref, p.step, p.items, p.after, p.text, p.elapsed_s) for p in sheet.probes]
    again = build_scorecard(card.session_id, card.config, notifications, rescored, answers, elapsed,
                            asked=[q for a in sheet.answers.values() for q in a.asked], probes=probes)
    assert render_export(again, notifications) == first


def test_asked_block_is_skipped_by_readers_that_do_not_know_it() -> None:
    """Lines of the block never leak into the answer; unknown entries in it are ignored."""
    sheet = parse_sheet(
        "<!-- step: opening -->\nMi respuesta.\n<!-- coach:asked -->\n**Preguntas**\n\n"
        "- ¿hola? <!-- ask kind=bogus -->\n  > x\n- ¿pico? <!-- ask kind=fact fact=volumes -->\n  > 500 req/s\n"
        "<!-- /coach:asked -->\nMás respuesta.\n"
    )
    answer = sheet.answers["opening"]
    assert answer.text == "Mi respuesta.\nMás respuesta."
    assert answer.asked == [AskedQuestion("opening", "¿pico?", AskKind.FACT, "volumes", "500 req/s")]
    assert answer.scored_text == "Mi respuesta.\nMás respuesta.\n\n¿pico?"


# ---------------------------------------------------------------- the store


def test_migration_2_adds_questions_to_an_existing_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A history written at schema 1 upgrades in place: sessions kept, questions stored and resumed."""
    path = tmp_path / "coach.db"
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
        patch.setattr(store_module, "SCHEMA_VERSION", 1)
        old = Store(path)
        sid = old.create_session(scenario="notifications", framework="nine-step", lang="es", mode="practice",
                                 timed=True, speak=False, steps=("opening",), seed=42)
        old.close()
    assert SCHEMA_VERSION >= 2
    store = Store(path)
    versions = [r[0] for r in sqlite3.connect(path).execute("SELECT version FROM schema_migrations")]
    assert versions == sorted(version for version, _ in store_module.MIGRATIONS)  # 1, 2, 3, 10 (probes)
    assert store.session(sid).questions == ()
    asked = [AskedQuestion("opening", "peak QPS?", AskKind.FACT, "volumes", "500 req/s"),
             AskedQuestion("opening", "¿uso Kafka?", AskKind.DESIGN, None, "Eso lo decides tú.")]
    for entry in asked:
        store.save_question(sid, entry)
    assert store.session(sid).questions == tuple(asked)
    store.close()
    assert Store(path).session(sid).questions == tuple(asked)  # on disk


def test_resume_keeps_the_questions(notifications: Bundle, tmp_path: Path, clock: FakeClock) -> None:
    """A resumed session still counts the questions asked before the interruption."""
    store = Store(tmp_path / "coach.db")
    session = _session(notifications, store, clock)
    session.begin_step()
    session.ask("peak QPS?")
    again = Session.resume(notifications, store.session(session.id), store,
                           engines=Engines(score_answers=simple_score), clock=clock)
    assert [q.question for q in again.asked] == ["peak QPS?"]
    assert again.scored_answers() == {}
    again.begin_step()
    again.submit("API → cola.")
    assert again.scored_answers() == {"opening": "API → cola.\n\npeak QPS?"}


def test_hostile_asked_block_stays_bounded_and_fast() -> None:
    """A 2 MB block of entries is read in bounded time and keeps at most MAX_ASKED questions."""
    import time

    from coach.asked import MAX_ASKED

    entries = "".join(f"- ¿q{i}? <!-- ask kind=unknown -->\n  > a\n" for i in range(60_000))
    long_line = "- " + " <!-- ask " * 50_000 + "\n"
    text = f"<!-- step: opening -->\nx\n<!-- coach:asked -->\n{long_line}{entries}<!-- /coach:asked -->\n"
    started = time.perf_counter()
    answer = parse_sheet(text).answers["opening"]
    scored = answer.scored_text
    assert time.perf_counter() - started < 2.0
    assert len(answer.asked) == MAX_ASKED
    assert scored.count("?") == MAX_ASKED
