"""The mock interview as a pure state machine over an injected clock.

`Session` holds where the candidate is (which step, since when) and records
every answer in the `Store` the moment it is submitted; the text being typed
is saved as a draft every few seconds, so a crash costs at most that much.
`run` drives a session through a `Prompter` (the terminal UI, or a scripted
one in tests); `run_from_sheet` drives it from a filled answer sheet. Nothing
here prints, prompts or reads the wall clock.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from coach.asked import AskedQuestion, question_lines, with_questions
from coach.content import FRAMEWORK_STEP_IDS, STEP_IDS, Bundle, Step
from coach.errors import CoachError
from coach.i18n import Lang
from coach.messages import problem
from coach.store import StoreError

if TYPE_CHECKING:
    from coach.design_check import DesignCheck
    from coach.interviewer import Answer
    from coach.probes import ProbeAnswer, ProbeText
    from coach.scoring.level import LevelVerdict
    from coach.scoring.result import SheetScore, StepScore
    from coach.sheet import Sheet
    from coach.sim.demos import Demo
    from coach.store import SessionRecord, Store

# Drafts are written at most this often while text changes, and at least every
# KEEPALIVE so the elapsed time survives a crash too; a kill -9 loses < 10 s.
DRAFT_INTERVAL_S = 2.0
DRAFT_KEEPALIVE_S = 8.0
# A budgeted step warns when this share of its budget (at least 30 s) is left.
WARNING_SHARE = 0.2
WARNING_MIN_S = 30.0
# A follow-up probe is answered under the same timer rules, against this budget.
PROBE_BUDGET_S = 150
# A budgeted step answered in less than this share of its budget is "too short", not "on time".
TOO_SHORT_SHARE = 0.15


class Mode(StrEnum):
    """Practice shows feedback after every step; mock only at the end; drill is one step."""

    PRACTICE = "practice"
    MOCK = "mock"
    DRILL = "drill"


class SessionState(StrEnum):
    """Where a session is."""

    READY = "ready"  # between steps
    ANSWERING = "answering"  # a step's timer runs
    FINISHED = "finished"


class TimerState(StrEnum):
    """What the countdown shows; the UI gives each a word or symbol, not only a colour."""

    UNTIMED = "untimed"
    RUNNING = "running"  # budgeted step, plenty left
    WARNING = "warning"  # budgeted step, little left
    EARLY = "early"  # opening/closing: before the target window
    IN_WINDOW = "in_window"
    OVER = "over"  # past the budget or the window: shown, never enforced


class ReplyKind(StrEnum):
    """How a prompt ended."""

    SUBMITTED = "submitted"
    INTERRUPTED = "interrupted"  # Ctrl-C: the text is a draft to keep


@dataclass(frozen=True)
class TimerStatus:
    """The countdown at one instant."""

    state: TimerState
    elapsed_s: float
    limit_s: float  # the budget, or the window's end
    window: tuple[int, int] | None
    stopped: bool = False  # --speak: the spoken time is over and frozen

    @property
    def remaining_s(self) -> float:
        return max(0.0, self.limit_s - self.elapsed_s)

    @property
    def over_s(self) -> float:
        return max(0.0, self.elapsed_s - self.limit_s)


def timer_status(
    elapsed_s: float, step: Step, *, timed: bool = True, stopped: bool = False
) -> TimerStatus:
    """Classify `elapsed_s` against the step's window (opening/closing) or budget."""
    window = (step.window.min_s, step.window.max_s) if step.window else None
    return _classify(elapsed_s, float(window[1] if window else step.budget_s), window, timed, stopped)


def _classify(
    elapsed_s: float, limit: float, window: tuple[int, int] | None, timed: bool, stopped: bool = False
) -> TimerStatus:
    """The timer state for a window (opening/closing) or a budget `limit`."""
    if not timed:
        state = TimerState.UNTIMED
    elif window is not None:
        if elapsed_s < window[0]:
            state = TimerState.EARLY
        elif elapsed_s <= window[1]:
            state = TimerState.IN_WINDOW
        else:
            state = TimerState.OVER
    elif elapsed_s > limit:
        state = TimerState.OVER
    elif limit - elapsed_s <= max(WARNING_MIN_S, WARNING_SHARE * limit):
        state = TimerState.WARNING
    else:
        state = TimerState.RUNNING
    return TimerStatus(state, elapsed_s, limit, window, stopped)


@dataclass(frozen=True)
class SessionConfig:
    """What the candidate chose."""

    scenario: str
    lang: Lang
    mode: Mode = Mode.PRACTICE
    timed: bool = True
    speak: bool = False
    steps: tuple[str, ...] = STEP_IDS
    seed: int = 42


@dataclass(frozen=True)
class StepPrompt:
    """What the UI shows for one step."""

    step: Step
    index: int  # 1-based position in this session
    count: int
    lang: Lang
    draft: str  # text to start from (a resumed draft), usually empty
    timed: bool
    speak: bool  # opening/closing with --speak: time the spoken part first
    focus: tuple[str, ...] = ()  # drill: labels of the items missed most often
    hints: bool = True  # mock mode hides the cue card and the guidance, as an interviewer would

    @property
    def cue_card(self) -> tuple[str, ...]:
        """The template's points, shown before the opening and the closing (not in mock mode)."""
        return tuple(self.step.guidance(self.lang)) if self.step.window and self.hints else ()


@dataclass(frozen=True)
class ProbePrompt:
    """A follow-up question the interviewer asks: after a step (practice), or at the end (mock)."""

    probe: ProbeText
    index: int  # 1-based, in this session
    count: int  # how many this round asks (1 in practice)
    lang: Lang
    after: str  # the step it follows, or "end"
    timed: bool
    draft: str = ""

    @property
    def question(self) -> str:
        return self.probe.text(self.lang)


@dataclass(frozen=True)
class ProbeResult:
    """What a probe's answer did: each item's credit before and after it."""

    prompt: ProbePrompt
    credits: tuple[tuple[str, str, str], ...]  # (item id, before, after)

    @property
    def raised(self) -> bool:
        from coach.probes import is_raise

        return any(is_raise(before, after) for _, before, after in self.credits)


@dataclass(frozen=True)
class Reply:
    """What the prompt returned."""

    text: str
    kind: ReplyKind = ReplyKind.SUBMITTED


@dataclass(frozen=True)
class StepFeedback:
    """Practice mode: shown right after a step's answer."""

    step: Step
    score: StepScore
    reference: str | None
    demo: Demo | None
    elapsed_s: float | None


@dataclass(frozen=True)
class Pacing:
    """Time spent on a step against its budget (or window)."""

    step: str
    elapsed_s: float
    budget_s: int  # the budget, or the window's end for opening/closing
    window: tuple[int, int] | None

    @property
    def over(self) -> bool:
        return self.elapsed_s > self.budget_s

    @property
    def early(self) -> bool:
        return self.window is not None and self.elapsed_s < self.window[0]

    @property
    def short(self) -> bool:
        """Answered in a few seconds: before the window, or under TOO_SHORT_SHARE of the budget."""
        if self.window is not None:
            return self.early
        return self.elapsed_s < TOO_SHORT_SHARE * self.budget_s


@dataclass(frozen=True)
class DrillTip:
    """A step to practise next and the items it missed (highest weight first)."""

    step: str
    score: float
    missed: tuple[str, ...]


@dataclass(frozen=True)
class Scorecard:
    """The end of a session: everything the final screen and the export show."""

    session_id: str
    config: SessionConfig
    score: SheetScore
    total: float  # the whole sheet, or the drilled step's score
    steps: tuple[str, ...]  # the steps this session ran
    answers: Mapping[str, str]
    elapsed_s: Mapping[str, float | None]
    pacing: tuple[Pacing, ...]
    design: DesignCheck | None
    strongest: tuple[str, ...]
    weakest: tuple[str, ...]
    drill: tuple[DrillTip, ...]
    demos: Mapping[str, Demo] = field(default_factory=dict)
    asked: tuple[AskedQuestion, ...] = ()  # questions asked to the interviewer, in order
    probes: tuple[ProbeAnswer, ...] = ()  # follow-ups asked, in order (their credit is in `score`)

    def step_scores(self) -> tuple[StepScore, ...]:
        return tuple(s for s in self.score.steps if s.step in self.steps)


class _Unset:
    """Marks an argument that was not given (None has a meaning of its own)."""


_UNSET = _Unset()


class SessionStoreFailed(Exception):
    """The history stopped taking writes mid-interview; the answers given so far live on here."""

    def __init__(self, session_id: str, error: StoreError, answers: dict[str, str]) -> None:
        super().__init__(str(error))
        self.session_id = session_id
        self.error = error
        self.answers = answers  # step id -> text, the one being typed included


class SessionInterrupted(Exception):
    """Ctrl-C: the draft is saved; `coach resume SESSION_ID` continues."""

    def __init__(self, session_id: str) -> None:
        super().__init__(session_id)
        self.session_id = session_id


# ---------------------------------------------------------------- engines


ScoreAnswers = Callable[[Mapping[str, str], Bundle, Lang, Mapping[str, float] | None], "SheetScore"]
RunDemo = Callable[[Bundle, str, Lang, int | None], "Demo"]
CheckDesign = Callable[["Sheet", Bundle, Lang, int | None], "DesignCheck"]


@dataclass(frozen=True)
class Engines:
    """Scoring and simulation, injected so tests can replace them."""

    score_answers: ScoreAnswers
    run_demo: RunDemo | None = None
    check_design: CheckDesign | None = None


def default_engines() -> Engines:
    """The real scorer and simulation, each imported when first used (they are heavy)."""
    from coach.scoring import score_answers

    def _score(
        answers: Mapping[str, str], content: Bundle, lang: Lang, elapsed: Mapping[str, float] | None
    ) -> SheetScore:
        return score_answers(answers, content, lang, elapsed_s=elapsed)

    def _demo(content: Bundle, step: str, lang: Lang, seed: int | None) -> Demo:
        from coach.sim.demos import run_demo

        return run_demo(content, step, lang, seed=seed)

    def _check(sheet: Sheet, content: Bundle, lang: Lang, seed: int | None) -> DesignCheck:
        from coach.design_check import check_design

        return check_design(sheet, content, lang, seed=seed)

    # Until the simulation ships its demos and design check, sessions run without them.
    has_demos = importlib.util.find_spec("coach.sim.demos") is not None
    has_check = importlib.util.find_spec("coach.design_check") is not None
    return Engines(
        score_answers=_score,
        run_demo=_demo if has_demos else None,
        check_design=_check if has_check else None,
    )


# ---------------------------------------------------------------- the session


class Session:
    """One interview: its steps, where it is, and its answers (kept in the store)."""

    def __init__(
        self,
        content: Bundle,
        config: SessionConfig,
        store: Store,
        *,
        engines: Engines,
        clock: Callable[[], float] = time.monotonic,
        session_id: str | None = None,
        focus: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        unknown = [s for s in config.steps if s not in STEP_IDS]
        if unknown:
            raise CoachError(problem("session.unknown_step", step=unknown[0], steps=", ".join(STEP_IDS)))
        self.content = content
        self.config = config
        self.store = store
        self.engines = engines
        self.clock = clock
        self.focus = dict(focus or {})
        if session_id is None:
            session_id = store.create_session(
                scenario=config.scenario,
                framework=content.framework.id,
                lang=config.lang,
                mode=config.mode.value,
                timed=config.timed,
                speak=config.speak,
                steps=config.steps,
                seed=config.seed,
            )
        self.id = session_id
        self.answers: dict[str, str] = {}
        self.elapsed: dict[str, float | None] = {}
        self.skipped: set[str] = set()
        self.demos: dict[str, Demo] = {}
        self.probe_answers: list[ProbeAnswer] = []
        self._probe: ProbePrompt | None = None
        self._probe_table: tuple[ProbeText, ...] | None = None
        self.asked: list[AskedQuestion] = []  # questions asked to the interviewer, in order
        self._drafts: dict[str, tuple[str, float]] = {}
        self.state = SessionState.READY
        self._step: str | None = None
        self._started_at = 0.0
        self._frozen_s: float | None = None
        self._last_draft: tuple[str, float] | None = None  # text, clock time of the save

    # -- building

    @classmethod
    def resume(
        cls,
        content: Bundle,
        record: SessionRecord,
        store: Store,
        *,
        engines: Engines,
        clock: Callable[[], float] = time.monotonic,
    ) -> Session:
        """Continue a stored session: answered steps stay, a draft becomes the starting text."""
        if record.finished:
            raise CoachError(problem("session.already_finished", sid=record.id))
        config = config_of(record)
        session = cls(content, config, store, engines=engines, clock=clock, session_id=record.id)
        for step, answer in record.answers.items():
            session.answers[step] = answer.text
            session.elapsed[step] = answer.elapsed_s
            if answer.skipped:
                session.skipped.add(step)
        session._drafts = {step: (d.text, d.elapsed_s) for step, d in record.drafts.items()}
        session.asked = list(record.questions)
        session.probe_answers = list(probe_answers_of(record))
        return session

    # -- queries

    @property
    def current_step(self) -> str | None:
        """The step being answered, or the next one to answer; None when all are done."""
        if self._step is not None:
            return self._step
        for step in self.config.steps:
            if step not in self.answers:
                return step
        return None

    def _step_model(self, step_id: str) -> Step:
        return self.content.framework.step(step_id)

    def timer(self) -> TimerStatus:
        """The countdown of the current step (or probe), now."""
        if self._probe is not None:
            return _probe_timer(self.clock() - self._started_at, self.config.timed)
        if self._step is None:
            raise CoachError("no step is being answered")
        if self._frozen_s is not None:
            elapsed, stopped = self._frozen_s, True
        else:
            elapsed, stopped = self.clock() - self._started_at, False
        return timer_status(elapsed, self._step_model(self._step), timed=self.config.timed, stopped=stopped)

    # -- transitions

    def begin_step(self) -> StepPrompt | None:
        """Start (or restart after a resume) the next step's timer; None when all are answered."""
        step_id = self.current_step
        if step_id is None:
            return None
        draft_text, prior_s = self._drafts.get(step_id, ("", 0.0))
        self._step = step_id
        self._started_at = self.clock() - prior_s
        self._frozen_s = None
        self._last_draft = (draft_text, self.clock())
        self.state = SessionState.ANSWERING
        step = self._step_model(step_id)
        labels = tuple(self.focus.get(step_id, ()))
        return StepPrompt(
            step=step,
            index=self.config.steps.index(step_id) + 1,
            count=len(self.config.steps),
            lang=self.config.lang,
            draft=draft_text,
            timed=self.config.timed,
            speak=self.config.speak and step.window is not None,
            focus=labels,
            hints=self.config.mode is not Mode.MOCK,
        )

    def restart_timer(self) -> None:
        """--speak: the candidate pressed Enter and starts speaking now."""
        self._require_answering()
        self._started_at = self.clock()
        self._frozen_s = None

    def stop_timer(self) -> None:
        """--speak: the candidate stopped speaking; the spoken time is what is timed."""
        self._require_answering()
        self._frozen_s = self.clock() - self._started_at

    def save_draft(self, text: str, *, force: bool = False) -> bool:
        """Keep the text being typed; throttled so typing does not hammer the disk. True if saved."""
        if self._step is None:
            return False
        now = self.clock()
        if not force and self._last_draft is not None:
            last_text, last_at = self._last_draft
            waited = now - last_at
            if waited < DRAFT_INTERVAL_S:
                return False
            if text == last_text and waited < DRAFT_KEEPALIVE_S:
                return False
        elapsed = self.timer().elapsed_s
        self._drafts[self._step] = (text, elapsed)
        try:
            self.store.save_draft(self.id, self._step, text, elapsed)
        except StoreError:
            if force:
                raise  # Ctrl-C: the caller must know the draft is not on disk
            # Typing goes on: the text is in memory, and the submit reports the failure.
            self._last_draft = (text, now)
            return False
        self._last_draft = (text, now)
        return True

    def submit(
        self, text: str, *, elapsed_s: float | _Unset | None = _UNSET, skipped: bool = False
    ) -> str:
        """Record the current step's answer (in the store, now), move on, return the step id.

        `elapsed_s` overrides the clock (answers read from a sheet; None: untimed).
        """
        step_id = self._require_answering()
        if isinstance(elapsed_s, _Unset):
            elapsed_s = self.timer().elapsed_s if self.config.timed else None
        if skipped:
            text = ""
        self.store.save_answer(self.id, step_id, text, elapsed_s, skipped=skipped)
        self.answers[step_id] = text
        self.elapsed[step_id] = elapsed_s
        if skipped:
            self.skipped.add(step_id)
        self._drafts.pop(step_id, None)
        self._step = None
        self._frozen_s = None
        self.state = SessionState.READY
        return step_id

    def ask(self, question: str) -> Answer:
        """The interviewer answers a question asked during the current step; it is recorded at once.

        The countdown goes on. The question counts as part of the step's answer
        (coach.asked.with_questions), so asking for the volumes earns the opening's item.
        """
        from coach.interviewer import answer_question

        step_id = self._require_answering()
        answer = answer_question(self.content, question, self.config.lang)
        return self._record_question(answer.record(step_id), answer)

    def record_question(self, asked: AskedQuestion) -> None:
        """Keep a question asked elsewhere (a sheet's coach:asked block) as it was answered then."""
        self._record_question(asked, None)

    def _record_question(self, asked: AskedQuestion, answer: Answer | None) -> Answer:
        self.asked.append(asked)
        # The interview goes on; the next submit reports the broken history.
        with suppress(StoreError):
            self.store.save_question(self.id, asked)
        if answer is None:
            from coach.interviewer import Answer as _Answer

            answer = _Answer(asked.question, self.config.lang, asked.kind, asked.answer, asked.fact_id)
        return answer

    def scored_answers(self) -> dict[str, str]:
        """The answers as scored: each step's text, then the questions asked in it that it lacks."""
        return scored_answers(self.answers, self.asked)

    def skip(self) -> str:
        """Record the current step as skipped (an empty answer)."""
        return self.submit("", skipped=True)

    @property
    def shows_feedback(self) -> bool:
        """Practice and drill show each step's feedback at once; mock waits for the end."""
        return self.config.mode is not Mode.MOCK

    def interrupt(self, draft: str) -> None:
        """Ctrl-C: save what was being typed, whatever the throttle says."""
        if self._step is not None:
            self.save_draft(draft, force=True)

    # -- follow-up probes

    @property
    def probes(self) -> tuple[ProbeText, ...]:
        """Every probe the content offers (item probes, then failure cards)."""
        from coach.probes import probe_table

        if self._probe_table is None:
            self._probe_table = probe_table(self.content)
        return self._probe_table

    def next_probes(self, after: str) -> list[ProbeText]:
        """What to ask now: after a step in practice or drill, one probe on it; at the end of a mock, 2–3.

        Seeded by the session's seed and the step, so the same answers get the same probe.
        """
        from coach.probes import END, MOCK_PROBES, pick_probes

        mode = self.config.mode
        if after == END:
            if mode is not Mode.MOCK:
                return []
            steps, count = self.config.steps, MOCK_PROBES
        else:
            if mode is Mode.MOCK or after in self.skipped:
                return []
            steps, count = (after,), 1
        asked = [a.ref for a in self.probe_answers]
        return pick_probes(
            self._score(), self.probes, steps=steps, count=count, seed=f"{self.config.seed}:{after}", asked=asked
        )

    def begin_probe(self, probe: ProbeText, after: str, index: int, count: int) -> ProbePrompt:
        """Start a probe's timer (the same rules as a step's, against PROBE_BUDGET_S)."""
        if self._step is not None:
            raise CoachError(f"step {self._step!r} is still being answered")
        self._probe = ProbePrompt(
            probe=probe, index=index, count=count, lang=self.config.lang, after=after, timed=self.config.timed
        )
        self._started_at = self.clock()
        self._frozen_s = None
        self.state = SessionState.ANSWERING
        return self._probe

    def submit_probe(self, text: str) -> ProbeResult:
        """Record the probe's answer (in the store, now); return each item's credit before and after."""
        from coach.probes import ProbeAnswer, credit_after
        from coach.store import StoredProbe

        prompt = self._probe
        if prompt is None:
            raise CoachError("no probe is being answered; call begin_probe() first")
        elapsed = self.timer().elapsed_s if self.config.timed else None
        before = self._score()
        answer = ProbeAnswer(prompt.probe.ref, prompt.probe.step, prompt.probe.items, prompt.after, text.strip(), elapsed)
        self.store.save_probe(
            self.id,
            StoredProbe(len(self.probe_answers) + 1, answer.ref, answer.step, answer.items, answer.after,
                        answer.text, answer.elapsed_s),
        )
        self.probe_answers.append(answer)
        self._probe = None
        self.state = SessionState.READY
        after = self._score()
        old, new = credit_after(before, answer), credit_after(after, answer)
        return ProbeResult(prompt, tuple((item, old.get(item, "none"), new.get(item, "none")) for item in answer.items))

    def record_probe(self, answer: ProbeAnswer) -> None:
        """Keep a probe answer read from a sheet (`coach run --answers`)."""
        from coach.store import StoredProbe

        self.store.save_probe(
            self.id,
            StoredProbe(len(self.probe_answers) + 1, answer.ref, answer.step, answer.items, answer.after,
                        answer.text, answer.elapsed_s),
        )
        self.probe_answers.append(answer)

    def feedback(self, step_id: str) -> StepFeedback:
        """A step's score, reference answer and demo, given the answers so far."""
        score = self._score().step(step_id)
        reference = self.content.scenario.reference.get(step_id)
        return StepFeedback(
            step=self._step_model(step_id),
            score=score,
            reference=reference(self.config.lang) if reference else None,
            demo=self.demo(step_id),
            elapsed_s=self.elapsed.get(step_id),
        )

    def demo(self, step_id: str) -> Demo | None:
        """The simulation's demo of a framework step (cached), if the scenario has a simulation."""
        if step_id in self.demos:
            return self.demos[step_id]
        run_demo = self.engines.run_demo
        if run_demo is None or step_id not in FRAMEWORK_STEP_IDS or not self.content.scenario.has_simulation:
            return None
        demo = run_demo(self.content, step_id, self.config.lang, self.config.seed)
        self.demos[step_id] = demo
        return demo

    def finish(self) -> Scorecard:
        """Score everything, run the design check, store the result."""
        if self.current_step is not None:
            raise CoachError(f"step {self.current_step!r} is not answered yet")
        score = self._score()
        card = build_scorecard(
            self.id, self.config, self.content, score, self.answers, self.elapsed,
            design=self._design_check(), demos=self.demos, asked=self.asked,
            probes=tuple(self.probe_answers),
        )
        from coach.probes import add_followups, probed_items

        result: dict[str, Any] = add_followups(score.to_json(), score, self.probes, self.config.lang)
        result["total"] = round(card.total, 4)
        self.store.finish_session(self.id, result)
        self.schedule_reviews(score, probed_items(score))
        self.state = SessionState.FINISHED
        return card

    def schedule_reviews(self, score: SheetScore, probed: Collection[str] = ()) -> None:
        """Rate every item of the steps this session ran and schedule its review card (FSRS).

        `probed`: items covered only after a probe (rated Hard). Every probe asked (and
        failure card) is a review card of its own too (coach.probes.probe_reviews).
        """
        from coach.probes import probe_reviews
        from coach.review import review_session, utc

        now = utc(self.store.now())
        known = {card.key: card.card for card in self.store.cards(self.config.scenario)}
        reviews = review_session(score, self.config.steps, now, known, probed)
        reviews += probe_reviews(self.probe_answers, score, self.config.scenario, now, known)
        self.store.save_reviews(self.id, reviews)

    # -- helpers

    def _require_answering(self) -> str:
        if self._step is None:
            raise CoachError("no step is being answered; call begin_step() first")
        return self._step

    def _timed_elapsed(self) -> dict[str, float]:
        return {step: value for step, value in self.elapsed.items() if value is not None}

    def _score(self) -> SheetScore:
        score = self.engines.score_answers(
            self.scored_answers(), self.content, self.config.lang, self._timed_elapsed() or None
        )
        return with_probes(score, self.probe_answers, self.content, self.config.lang, self.engines)

    def _design_check(self) -> DesignCheck | None:
        check = self.engines.check_design
        if check is None or not runs_design_check(self.config, self.content):
            return None
        return check(answers_sheet(self), self.content, self.config.lang, self.config.seed)


def _probe_timer(elapsed_s: float, timed: bool) -> TimerStatus:
    """A probe's countdown: a budgeted step's rules against PROBE_BUDGET_S."""
    return _classify(elapsed_s, float(PROBE_BUDGET_S), None, timed)


def with_probes(
    score: SheetScore, answers: Sequence[ProbeAnswer], content: Bundle, lang: Lang, engines: Engines
) -> SheetScore:
    """The score with each probed item at the best credit its probe answers earned.

    The level is then read again (coach.scoring.level) from the raised items, the items
    covered only after a probe passed as `probed`: they count for coverage, not as raised
    unprompted.
    """
    if not answers:
        return score
    from coach.probes import apply_probes
    from coach.scoring.level import assess_level, level_spec

    framework = content.framework
    spec = level_spec(content)

    def assess(steps: Sequence[StepScore], total: float, probed: Collection[str]) -> LevelVerdict:
        return assess_level(steps, total, spec, lang, probed)

    return apply_probes(
        score,
        answers,
        lambda texts: engines.score_answers(texts, content, lang, None),
        {step.id: step.budget_s for step in framework.steps},
        assess,
    )


def probe_answers_of(record: SessionRecord) -> tuple[ProbeAnswer, ...]:
    """A stored session's probe answers."""
    from coach.probes import ProbeAnswer

    return tuple(ProbeAnswer(p.ref, p.step, p.items, p.after, p.text, p.elapsed_s) for p in record.probes)


def scored_answers(answers: Mapping[str, str], asked: Iterable[AskedQuestion]) -> dict[str, str]:
    """Each step's answer with the questions asked in it appended (those it does not hold)."""
    by_step: dict[str, list[str]] = {}
    for entry in asked:
        by_step.setdefault(entry.step, []).append(entry.question)
    return {step: with_questions(text, by_step.get(step, ())) for step, text in answers.items()}


def answers_sheet(session: Session) -> Sheet:
    """The session's answers as a parsed sheet (what the design check reads)."""
    return sheet_of(session.config, session.answers, session.elapsed)


def sheet_of(config: SessionConfig, answers: Mapping[str, str], elapsed: Mapping[str, float | None]) -> Sheet:
    """Answers and times as a parsed sheet, in the session's step order."""
    from coach.sheet import Answer, Sheet

    sheet = Sheet(scenario=config.scenario, lang=config.lang)
    for number, step in enumerate(config.steps):
        if step in answers:
            sheet.answers[step] = Answer(step, answers[step], number, elapsed.get(step))
    return sheet


def config_of(record: SessionRecord) -> SessionConfig:
    """The configuration a stored session ran with."""
    return SessionConfig(
        scenario=record.scenario,
        lang="es" if record.lang == "es" else "en",
        mode=Mode(record.mode),
        timed=record.timed,
        speak=record.speak,
        steps=record.steps,
        seed=record.seed,
    )


def runs_design_check(config: SessionConfig, content: Bundle) -> bool:
    """The design check needs the whole framework answered and a scenario with a simulation."""
    return set(FRAMEWORK_STEP_IDS) <= set(config.steps) and content.scenario.has_simulation


def all_demos(content: Bundle, config: SessionConfig, engines: Engines, done: Mapping[str, Demo]) -> dict[str, Demo]:
    """Every framework step's demo for the export (reusing those already shown)."""
    demos = dict(done)
    if engines.run_demo is None or not content.scenario.has_simulation:
        return demos
    for step in config.steps:
        if step in FRAMEWORK_STEP_IDS and step not in demos:
            demos[step] = engines.run_demo(content, step, config.lang, config.seed)
    return demos


def scorecard_from_record(record: SessionRecord, content: Bundle, engines: Engines) -> Scorecard:
    """Re-score a stored session (for `coach export`): same answers, same times, same scores."""
    config = config_of(record)
    answers = {step: answer.text for step, answer in record.answers.items()}
    elapsed = {step: answer.elapsed_s for step, answer in record.answers.items()}
    timed = {step: value for step, value in elapsed.items() if value is not None}
    probes = probe_answers_of(record)
    score = with_probes(
        engines.score_answers(scored_answers(answers, record.questions), content, config.lang, timed or None),
        probes, content, config.lang, engines,
    )
    design = None
    if engines.check_design is not None and runs_design_check(config, content):
        design = engines.check_design(sheet_of(config, answers, elapsed), content, config.lang, config.seed)
    return build_scorecard(
        record.id, config, content, score, answers, elapsed, design=design, asked=record.questions, probes=probes
    )


def build_scorecard(
    session_id: str,
    config: SessionConfig,
    content: Bundle,
    score: SheetScore,
    answers: Mapping[str, str],
    elapsed: Mapping[str, float | None],
    *,
    design: DesignCheck | None = None,
    demos: Mapping[str, Demo] | None = None,
    asked: Iterable[AskedQuestion] = (),
    probes: Sequence[ProbeAnswer] = (),
) -> Scorecard:
    """Pacing, strongest and weakest steps and what to drill, from a scored session."""
    ran = [s for s in score.steps if s.step in config.steps]
    pacing = []
    for step_id in config.steps:
        seconds = elapsed.get(step_id)
        if seconds is None:
            continue
        step = content.framework.step(step_id)
        window = (step.window.min_s, step.window.max_s) if step.window else None
        pacing.append(Pacing(step_id, seconds, window[1] if window else step.budget_s, window))
    # Stable order: by score, then framework order, so ties never flip between runs.
    order = {step: i for i, step in enumerate(STEP_IDS)}
    ranked = sorted(ran, key=lambda s: (-s.score, order[s.step]))
    shown = min(2, len(ranked) // 2) if len(ranked) > 1 else 0
    strongest = tuple(s.step for s in ranked[:shown])
    weakest = tuple(s.step for s in reversed(ranked[len(ranked) - shown:])) if shown else ()
    tips = []
    for step_score in sorted(ran, key=lambda s: (s.score, order[s.step])):
        missed = [i for i in step_score.items if not i.covered]
        if not missed:
            continue
        missed.sort(key=lambda i: -i.weight)
        tips.append(DrillTip(step_score.step, step_score.score, tuple(i.id for i in missed[:3])))
        if len(tips) == 3:
            break
    total = score.total if set(config.steps) == set(STEP_IDS) else (
        sum(s.score for s in ran) / len(ran) if ran else 0.0
    )
    return Scorecard(
        session_id=session_id,
        config=config,
        score=score,
        total=total,
        steps=config.steps,
        answers=dict(answers),
        elapsed_s=dict(elapsed),
        pacing=tuple(pacing),
        design=design,
        strongest=strongest,
        weakest=weakest,
        drill=tuple(tips),
        demos=dict(demos or {}),
        asked=tuple(entry for entry in asked if entry.step in config.steps),
        probes=tuple(probes),
    )


# ---------------------------------------------------------------- drivers


class Prompter(Protocol):
    """The terminal (or a script) that asks for answers and shows feedback."""

    def ask(
        self,
        prompt: StepPrompt,
        timer: Callable[[], TimerStatus],
        save_draft: Callable[[str], object],
        interviewer: Callable[[str], Answer] | None = None,
    ) -> Reply:
        """Ask for a step's answer; Ctrl-C returns the text typed so far as INTERRUPTED.

        `interviewer` answers a question asked meanwhile (and records it); the timer runs on.
        """

    def speak(self, prompt: StepPrompt, start: Callable[[], None], timer: Callable[[], TimerStatus]) -> bool:
        """--speak: wait for Enter, call `start`, wait for Enter; False on Ctrl-C."""

    def confirm_skip(self, prompt: StepPrompt) -> bool:
        """The answer was empty: skip the step?"""

    def show_guidance(self, prompt: StepPrompt) -> None:
        """The step's guidance, asked for with `?`."""

    def show_feedback(self, feedback: StepFeedback) -> None:
        """Practice mode: the step's score and misses (first, so they do not scroll away)."""

    def ask_probe(
        self, prompt: ProbePrompt, timer: Callable[[], TimerStatus], save_draft: Callable[[str], object]
    ) -> Reply:
        """Ask a follow-up probe under the timer; Ctrl-C returns the text typed so far as INTERRUPTED."""

    def show_probe_result(self, result: ProbeResult) -> None:
        """What the probe's answer earned (practice: at once; mock: at the end)."""

    def end_feedback(self, feedback: StepFeedback, last: bool) -> None:
        """The reference answer and the demo on request, then wait (`last`: no next step is waiting)."""


GUIDANCE_REQUEST = "?"


def run(session: Session, prompter: Prompter) -> Scorecard:
    """Ask every remaining step, then score. Ctrl-C saves the draft and raises SessionInterrupted."""
    draft = ""
    try:
        while (prompt := session.begin_step()) is not None:
            draft = prompt.draft
            if prompt.speak:
                if not prompter.speak(prompt, session.restart_timer, session.timer):
                    raise KeyboardInterrupt
                session.stop_timer()
            while True:
                reply = prompter.ask(prompt, session.timer, session.save_draft, session.ask)
                draft = reply.text
                if reply.kind is ReplyKind.INTERRUPTED:
                    raise KeyboardInterrupt
                if reply.text.strip() == GUIDANCE_REQUEST:
                    prompter.show_guidance(prompt)
                    draft = ""
                    continue
                if not reply.text.strip():
                    if prompter.confirm_skip(prompt):
                        answered = session.skip()
                        break
                    continue
                answered = session.submit(reply.text.strip())
                break
            draft = ""
            if session.shows_feedback:
                feedback = session.feedback(answered)
                prompter.show_feedback(feedback)
                for probe in session.next_probes(answered):
                    prompter.show_probe_result(_ask_probe(session, prompter, probe, answered, 1))
                prompter.end_feedback(feedback, last=session.current_step is None)
        results = _closing_probes(session, prompter)
        for result in results:  # mock: what the probes earned, once they are all asked
            prompter.show_probe_result(result)
        return session.finish()
    except KeyboardInterrupt:
        try:
            session.interrupt(draft)
        except StoreError as exc:
            raise SessionStoreFailed(session.id, exc, _unsaved(session, draft)) from None
        raise SessionInterrupted(session.id) from None
    except StoreError as exc:
        raise SessionStoreFailed(session.id, exc, _unsaved(session, draft)) from None


def _closing_probes(session: Session, prompter: Prompter) -> list[ProbeResult]:
    """Mock mode's last minutes: 2–3 probes; a probe answered well is followed by its escalation instead."""
    from coach.probes import END

    queue = session.next_probes(END)
    count = len(queue)
    results: list[ProbeResult] = []
    while queue:
        probe = queue.pop(0)
        result = _ask_probe(session, prompter, probe, END, len(results) + 1, count)
        results.append(result)
        harder = probe.escalated()
        answered = all(after in ("decided", "justified") for _, _, after in result.credits)
        if harder is not None and queue and result.credits and answered:
            queue = [harder, *queue[:-1]]  # the interviewer pushes on: same number of questions
    return results


def _ask_probe(
    session: Session, prompter: Prompter, probe: ProbeText, after: str, number: int, count: int = 1
) -> ProbeResult:
    """Ask one probe; an empty answer is kept as empty (the interviewer moves on)."""
    prompt = session.begin_probe(probe, after, number, count)
    reply = prompter.ask_probe(prompt, session.timer, lambda _text: False)
    if reply.kind is ReplyKind.INTERRUPTED:
        session._probe = None
        raise KeyboardInterrupt
    return session.submit_probe(reply.text)


def _unsaved(session: Session, draft: str) -> dict[str, str]:
    """The answers given so far plus the text being typed, in step order."""
    answers = dict(session.answers)
    if session._step is not None and draft.strip():
        answers[session._step] = draft
    return {step: answers[step] for step in session.config.steps if step in answers}


def run_from_sheet(session: Session, sheet: Sheet) -> Scorecard:
    """The whole session from a filled sheet, without prompts; its timings are kept."""
    while session.begin_step() is not None:
        step = session.current_step
        assert step is not None
        answer = sheet.answers.get(step)
        text = answer.text if answer else ""
        elapsed = answer.elapsed_s if answer else None
        for entry in answer.asked if answer else ():
            session.record_question(entry)  # asked before (an exported session): kept as answered then
        if step == "opening":
            # the opening's question lines are asked now, as they would be in the room
            known = {entry.question for entry in session.asked}
            for question in question_lines(text):
                if question not in known:
                    known.add(question)
                    session.ask(question)
        session.submit(text, elapsed_s=elapsed, skipped=not text.strip())
    from coach.probes import ProbeAnswer

    for block in sheet.probes:
        session.record_probe(ProbeAnswer(block.ref, block.step, block.items, block.after, block.text, block.elapsed_s))
    return session.finish()
