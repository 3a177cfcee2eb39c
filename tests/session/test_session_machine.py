"""The interview state machine, driven with scripted answers and a fake clock."""

from __future__ import annotations

import itertools

import pytest
from session_helpers import FakeClock, ScriptedPrompter

from coach.content import STEP_IDS, Bundle
from coach.session import (
    Engines,
    Mode,
    Reply,
    ReplyKind,
    Session,
    SessionConfig,
    SessionInterrupted,
    TimerState,
    run,
    timer_status,
)
from coach.sheet import parse_sheet
from coach.store import Store

ANSWERS_ES = {
    "opening": "Aclaro el alcance y propongo una topología.",
    "requirements": "Requisitos funcionales, disponibilidad y canales.",
    "estimates": "100 qps de media.",
    "api": "POST /notifications.",
    "architecture": "Una cola y workers.",
    "consistency": "Orden por usuario.",
    "scaling": "Escalado horizontal.",
    "failures": "Reintentos y DLQ.",
    "observability": "Métricas de negocio.",
    "security": "IAM mínimo.",
    "closing": "Riesgos y roadmap.",
}


def _session(mini: Bundle, store: Store, engines: Engines, clock: FakeClock, **config: object) -> Session:
    args: dict[str, object] = {"scenario": "mini", "lang": "es"}
    args.update(config)
    return Session(mini, SessionConfig(**args), store, engines=engines, clock=clock)  # type: ignore[arg-type]


def test_window_states_before_inside_and_over(mini: Bundle) -> None:
    """The opening's 3–4 min window: early before 3:00, in window until 4:00, then overtime."""
    opening = mini.framework.step("opening")
    assert timer_status(179, opening).state is TimerState.EARLY
    assert timer_status(180, opening).state is TimerState.IN_WINDOW
    assert timer_status(240, opening).state is TimerState.IN_WINDOW
    over = timer_status(281, opening)
    assert over.state is TimerState.OVER
    assert over.over_s == 41


def test_budget_states_running_warning_over(mini: Bundle) -> None:
    """A 5-minute step warns in its last minute (20 %) and shows overtime after."""
    step = mini.framework.step("requirements")
    assert timer_status(100, step).state is TimerState.RUNNING
    assert timer_status(241, step).state is TimerState.WARNING
    assert timer_status(301, step).state is TimerState.OVER
    assert timer_status(301, step).remaining_s == 0
    assert timer_status(301, step, timed=False).state is TimerState.UNTIMED


def test_whole_session_records_every_answer_and_timing(
    mini: Bundle, store: Store, engines: Engines, clock: FakeClock
) -> None:
    """Eleven prompts, one per step, each timed by the injected clock and stored as given."""
    session = _session(mini, store, engines, clock, mode=Mode.MOCK)
    script = [(200.0 if s == "opening" else 60.0, ANSWERS_ES[s]) for s in STEP_IDS]
    prompter = ScriptedPrompter(clock, script)
    card = run(session, prompter)
    assert [p.step.id for p in prompter.prompts] == list(STEP_IDS)
    assert prompter.timers[0].state is TimerState.IN_WINDOW
    assert prompter.feedbacks == []  # mock mode: nothing until the end
    record = store.session(session.id)
    assert record.finished
    assert record.answers["opening"].elapsed_s == 200.0
    assert record.answers["requirements"].text == ANSWERS_ES["requirements"]
    assert card.total == pytest.approx(record.total)
    assert card.pacing[0].step == "opening" and not card.pacing[0].over


def test_overtime_is_shown_never_cut_off(mini: Bundle, store: Store, engines: Engines, clock: FakeClock) -> None:
    """Twelve minutes on a five-minute step: the prompt stays open and pacing reports the overrun."""
    session = _session(mini, store, engines, clock, mode=Mode.MOCK, steps=("requirements",))
    prompter = ScriptedPrompter(clock, [(730.0, "Requisitos funcionales.")])
    card = run(session, prompter)
    assert prompter.timers[0].state is TimerState.OVER
    assert prompter.timers[0].over_s == 430
    assert store.session(session.id).answers["requirements"].elapsed_s == 730.0
    (pacing,) = card.pacing
    assert pacing.over and pacing.elapsed_s == 730.0 and pacing.budget_s == 300


def test_practice_mode_gives_feedback_after_each_step(
    mini: Bundle, store: Store, engines: Engines, clock: FakeClock
) -> None:
    """Practice: each answer is followed by its own step's score and reference answer."""
    steps = ("requirements", "architecture")
    session = _session(mini, store, engines, clock, mode=Mode.PRACTICE, steps=steps)
    prompter = ScriptedPrompter(clock, [(10, "Requisitos funcionales."), (10, "Una cola.")])
    run(session, prompter)
    first, second = prompter.feedbacks
    assert first.step.id == "requirements"
    assert [i.id for i in first.score.items if i.covered] == ["req.functional"]
    assert first.reference == "Requisitos funcionales y disponibilidad 99.9 %."
    assert second.step.id == "architecture" and second.score.score == 1.0


def test_empty_answer_asks_and_can_skip(mini: Bundle, store: Store, engines: Engines, clock: FakeClock) -> None:
    """An empty answer asks whether to skip: no re-asks the same step, yes records it skipped."""
    session = _session(mini, store, engines, clock, mode=Mode.MOCK, steps=("api", "scaling"))
    prompter = ScriptedPrompter(clock, [(5, "  "), (5, ""), (5, "Escalado horizontal.")], skip_answers=[False, True])
    run(session, prompter)
    assert [p.step.id for p in prompter.prompts] == ["api", "api", "scaling"]
    record = store.session(session.id)
    assert record.answers["api"].skipped and record.answers["api"].text == ""
    assert record.answers["api"].elapsed_s == 10  # the timer ran across the re-ask
    assert not record.answers["scaling"].skipped


def test_question_mark_shows_guidance_and_keeps_the_clock(
    mini: Bundle, store: Store, engines: Engines, clock: FakeClock
) -> None:
    """Typing `?` shows the step's guidance and asks again; time keeps counting."""
    session = _session(mini, store, engines, clock, mode=Mode.MOCK, steps=("failures",))
    prompter = ScriptedPrompter(clock, [(20, "?"), (40, "Reintentos y DLQ.")])
    run(session, prompter)
    assert prompter.guidance_shown == ["failures"]
    assert store.session(session.id).answers["failures"].elapsed_s == 60


def test_interrupt_saves_draft_and_resume_continues(
    mini: Bundle, store: Store, engines: Engines, clock: FakeClock
) -> None:
    """Ctrl-C in step 4 keeps steps 1–3 and the draft; resume starts from that draft and its time."""
    session = _session(mini, store, engines, clock, mode=Mode.MOCK)
    script: list[tuple[float, str | Reply]] = [(200.0, ANSWERS_ES["opening"])]
    script += [(30.0, ANSWERS_ES[s]) for s in ("requirements", "estimates")]
    script.append((45.0, Reply("POST /notif", ReplyKind.INTERRUPTED)))
    with pytest.raises(SessionInterrupted) as stopped:
        run(session, ScriptedPrompter(clock, script))
    record = store.session(stopped.value.session_id)
    assert not record.finished
    assert set(record.answers) == {"opening", "requirements", "estimates"}
    assert record.drafts["api"].text == "POST /notif"
    assert record.drafts["api"].elapsed_s == 45.0

    resumed = Session.resume(mini, record, store, engines=Engines(score_answers=session.engines.score_answers), clock=clock)
    rest = [(15.0, ANSWERS_ES["api"] if s == "api" else ANSWERS_ES[s]) for s in STEP_IDS[3:]]
    prompter = ScriptedPrompter(clock, rest)
    card = run(resumed, prompter)
    assert prompter.prompts[0].step.id == "api"
    assert prompter.prompts[0].draft == "POST /notif"
    assert prompter.timers[0].elapsed_s == 60.0  # 45 s before the crash + 15 s after
    final = store.session(resumed.id)
    assert final.finished
    assert {s: final.answers[s].text for s in STEP_IDS[:3]} == {s: ANSWERS_ES[s] for s in STEP_IDS[:3]}
    assert card.answers["api"] == ANSWERS_ES["api"]


def test_drafts_are_throttled_but_never_older_than_ten_seconds(
    mini: Bundle, store: Store, engines: Engines, clock: FakeClock
) -> None:
    """Keystrokes save at most every 2 s; an idle prompt still refreshes the draft's time."""
    session = _session(mini, store, engines, clock, steps=("api",))
    session.begin_step()
    saves = []
    for second in range(1, 21):
        clock.advance(1)
        text = "typing" if second < 5 else "typing more"
        saves.append(session.save_draft(text))
    saved_at = [i + 1 for i, saved in enumerate(saves) if saved]
    assert saved_at[0] == 2
    assert all(b - a <= 8 for a, b in itertools.pairwise(saved_at))
    assert 20 - saved_at[-1] < 10
    assert store.session(session.id).drafts["api"].text == "typing more"


def test_speak_times_the_spoken_part_only(mini: Bundle, store: Store, engines: Engines, clock: FakeClock) -> None:
    """--speak: the time between the two Enters is the opening's time, not the typing after."""
    session = _session(mini, store, engines, clock, mode=Mode.MOCK, speak=True, steps=("opening", "api"))
    prompter = ScriptedPrompter(clock, [(210.0, ""), (300.0, "alcance y topología"), (20.0, "POST")])
    run(session, prompter)
    spoken, typed_after = prompter.timers[0], prompter.timers[1]
    assert spoken.elapsed_s == 210.0 and spoken.state is TimerState.IN_WINDOW
    assert typed_after.stopped and typed_after.elapsed_s == 210.0
    assert store.session(session.id).answers["opening"].elapsed_s == 210.0
    assert not prompter.prompts[-1].speak  # only opening and closing are spoken


def test_untimed_session_records_no_times(mini: Bundle, store: Store, engines: Engines, clock: FakeClock) -> None:
    """--no-timer: no countdown, no elapsed times, no pacing report."""
    session = _session(mini, store, engines, clock, mode=Mode.MOCK, timed=False, steps=("opening", "api"))
    prompter = ScriptedPrompter(clock, [(500.0, "alcance"), (20.0, "POST")])
    card = run(session, prompter)
    assert prompter.timers[0].state is TimerState.UNTIMED
    assert store.session(session.id).answers["opening"].elapsed_s is None
    assert card.pacing == ()


def test_scorecard_ranks_steps_and_suggests_drills(
    mini: Bundle, store: Store, engines: Engines, clock: FakeClock
) -> None:
    """Strongest and weakest steps come from the scores; drills name the missed items, heaviest first."""
    session = _session(mini, store, engines, clock, mode=Mode.MOCK)
    answers = dict(ANSWERS_ES, requirements="Solo hablo de funcionales.", estimates="nada")
    card = run(session, ScriptedPrompter(clock, [(10.0, answers[s]) for s in STEP_IDS]))
    assert card.weakest[0] == "estimates"
    assert card.drill[0].step == "estimates" and card.drill[0].missed == ("est.qps",)
    assert card.drill[1].step == "requirements"
    assert card.drill[1].missed == ("mini.channels", "req.availability")
    assert "estimates" not in card.strongest


def test_resume_of_finished_session_is_refused(
    mini: Bundle, store: Store, engines: Engines, clock: FakeClock
) -> None:
    """A finished session cannot be resumed; the error points at export."""
    session = _session(mini, store, engines, clock, mode=Mode.MOCK, steps=("api",))
    run(session, ScriptedPrompter(clock, [(1.0, "POST")]))
    with pytest.raises(Exception, match="coach export"):
        Session.resume(mini, store.session(session.id), store, engines=engines, clock=clock)


def test_run_from_sheet_keeps_sheet_timings(mini: Bundle, store: Store, engines: Engines, clock: FakeClock) -> None:
    """A filled sheet drives the session without prompts; its timing lines become the elapsed times."""
    from coach.session import run_from_sheet

    text = "\n".join(
        ["<!-- coach: scenario=mini lang=es -->", "<!-- step: opening -->", "## Apertura",
         "<!-- coach:timing elapsed_s=215 -->", "Aclaro el alcance.", "<!-- step: api -->", "## API", "POST"]
    )
    session = _session(mini, store, engines, clock, mode=Mode.MOCK, timed=False)
    card = run_from_sheet(session, parse_sheet(text))
    record = store.session(session.id)
    assert record.answers["opening"].elapsed_s == 215
    assert record.answers["requirements"].skipped
    assert card.score.step("api").score == 1.0
