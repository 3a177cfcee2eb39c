"""A history that stops taking writes mid-interview: the answers live on in memory (issue 12)."""

from __future__ import annotations

import pytest
from session_helpers import FakeClock, ScriptedPrompter

from coach.content import Bundle
from coach.session import Engines, Mode, Session, SessionConfig, SessionStoreFailed, run
from coach.sheet import parse_sheet, render_answers
from coach.store import Store, StoreError


def _session(mini: Bundle, store: Store, engines: Engines, clock: FakeClock) -> Session:
    config = SessionConfig("mini", "en", Mode.MOCK, steps=("requirements", "api", "scaling"))
    return Session(mini, config, store, engines=engines, clock=clock)


def _disk_full(*args: object, **kwargs: object) -> None:
    raise StoreError("coach.db: cannot write the history (disk I/O error)")


def test_failed_submit_keeps_every_answer_and_the_one_typed(
    mini: Bundle, store: Store, engines: Engines, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store failure on the second submit raises SessionStoreFailed holding both answers."""
    session = _session(mini, store, engines, clock)
    prompter = ScriptedPrompter(clock, [(10, "Functional requirements."), (10, "POST /notifications")])
    calls = {"n": 0}
    real = store.save_answer

    def flaky(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            _disk_full()
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "save_answer", flaky)
    with pytest.raises(SessionStoreFailed) as failed:
        run(session, prompter)
    assert failed.value.answers == {"requirements": "Functional requirements.", "api": "POST /notifications"}
    assert "disk" in str(failed.value.error)


def test_failed_draft_save_does_not_stop_typing(
    mini: Bundle, store: Store, engines: Engines, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft that cannot be saved is kept in memory and typing goes on."""
    session = _session(mini, store, engines, clock)
    monkeypatch.setattr(store, "save_draft", _disk_full)
    session.begin_step()
    assert session.save_draft("half an answer") is False


def test_rescue_sheet_reads_back_exactly() -> None:
    """The rescue sheet holds each answer, marker-like lines included, and parses back to the same text."""
    answers = {"requirements": "R1\n<!-- step: api -->\nR2", "api": "POST /x"}
    sheet = parse_sheet(render_answers("mini", "en", answers))
    assert {step: a.text for step, a in sheet.answers.items()} == answers
