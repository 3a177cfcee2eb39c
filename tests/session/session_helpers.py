"""Session test helpers: a small content bundle, a fake clock, a simple scorer, a scripted prompter."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from coach.content import Bundle, Source, bundle, parse_framework, parse_scenario
from coach.i18n import Lang
from coach.interviewer import Answer
from coach.scoring.result import (
    JUSTIFIED,
    NONE,
    Evidence,
    ItemResult,
    SheetScore,
    StepScore,
    TimingResult,
)
from coach.session import (
    ProbePrompt,
    ProbeResult,
    Reply,
    ReplyKind,
    StepFeedback,
    StepPrompt,
    TimerStatus,
)

DATA = Path(__file__).parent / "data"


def load_mini() -> Bundle:
    """An 11-step framework and a scenario small enough to reason about in a test."""
    framework = parse_framework(Source("framework.toml", (DATA / "frameworks" / "mini-step.toml").read_text("utf-8")))
    scenario = parse_scenario(Source("scenario.toml", (DATA / "scenarios" / "mini.toml").read_text("utf-8")))
    return bundle(framework, scenario)


def load_probed() -> Bundle:
    """The mini framework with a scenario that carries probes and a failure card."""
    framework = parse_framework(Source("framework.toml", (DATA / "frameworks" / "mini-step.toml").read_text("utf-8")))
    scenario = parse_scenario(Source("probed.toml", (DATA / "scenarios" / "probed.toml").read_text("utf-8")))
    return bundle(framework, scenario)


class FakeClock:
    """A clock the test advances by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def simple_score(
    answers: Mapping[str, str], content: Bundle, lang: Lang, elapsed: Mapping[str, float] | None
) -> SheetScore:
    """Item covered when its first phrase appears in its own step's answer; score = weighted coverage."""
    steps = []
    for step_id, checklist in content.checklists.items():
        text = answers.get(step_id, "")
        items = []
        for item in checklist.items:
            phrase = item.match(lang).phrases[0]
            at = text.lower().find(phrase)
            evidence = Evidence(text, ((at, at + len(phrase)),), step_id) if at >= 0 else None
            credit = JUSTIFIED if at >= 0 else NONE
            items.append(ItemResult(item.id, step_id, at >= 0, item.weight, evidence, None, credit=credit))
        weight = sum(i.weight for i in items)
        score = sum(i.weight for i in items if i.covered) / weight if weight else 0.0
        timing = None
        window = checklist.step.window
        if window is not None:
            seconds = (elapsed or {}).get(step_id)
            state = "untimed" if seconds is None else (
                "early" if seconds < window.min_s else "in_window" if seconds <= window.max_s else "over"
            )
            timing = TimingResult(step_id, seconds, (window.min_s, window.max_s), None, state, 0.0)
        steps.append(StepScore(step_id, score, tuple(items), (), timing, len(text.split()), interview=score))
    total = sum(s.score for s in steps) / len(steps)
    level = "senior" if total >= 0.8 else "mid" if total >= 0.5 else "below"
    return SheetScore(content.scenario.id, lang, total, level, tuple(steps))


@dataclass
class ScriptedPrompter:
    """Plays a script: each entry is (seconds to let pass, reply text or a callable for the timer)."""

    clock: FakeClock
    script: list[tuple[float, str | Reply]]
    skip_answers: list[bool] = field(default_factory=list)
    timers: list[TimerStatus] = field(default_factory=list)
    prompts: list[StepPrompt] = field(default_factory=list)
    feedbacks: list[StepFeedback] = field(default_factory=list)
    guidance_shown: list[str] = field(default_factory=list)
    probes: list[ProbePrompt] = field(default_factory=list)
    probe_results: list[ProbeResult] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # the order things were shown in
    typed: Callable[[Callable[[str], object]], None] | None = None
    questions: dict[str, list[str]] = field(default_factory=dict)  # step id -> questions asked (Ctrl-Q)
    heard: list[Answer] = field(default_factory=list)  # the interviewer's answers

    def ask(
        self,
        prompt: StepPrompt,
        timer: Callable[[], TimerStatus],
        save_draft: Callable[[str], object],
        interviewer: Callable[[str], Answer] | None = None,
    ) -> Reply:
        self.prompts.append(prompt)
        for question in self.questions.pop(prompt.step.id, []):
            assert interviewer is not None
            self.heard.append(interviewer(question))
        seconds, reply = self.script.pop(0)
        if self.typed is not None:
            self.typed(save_draft)
        self.clock.advance(seconds)
        self.timers.append(timer())
        return reply if isinstance(reply, Reply) else Reply(reply, ReplyKind.SUBMITTED)

    def speak(self, prompt: StepPrompt, start: Callable[[], None], timer: Callable[[], TimerStatus]) -> bool:
        self.clock.advance(30)  # reading the cue card: not timed
        start()
        seconds, _ = self.script.pop(0)
        self.clock.advance(seconds)
        self.timers.append(timer())
        return True

    def confirm_skip(self, prompt: StepPrompt) -> bool:
        return self.skip_answers.pop(0)

    def show_guidance(self, prompt: StepPrompt) -> None:
        self.guidance_shown.append(prompt.step.id)

    def show_feedback(self, feedback: StepFeedback) -> None:
        self.feedbacks.append(feedback)
        self.events.append(f"score:{feedback.step.id}")

    def ask_probe(
        self, prompt: ProbePrompt, timer: Callable[[], TimerStatus], save_draft: Callable[[str], object]
    ) -> Reply:
        self.probes.append(prompt)
        self.events.append(f"probe:{prompt.probe.ref}")
        seconds, reply = self.script.pop(0)
        self.clock.advance(seconds)
        self.timers.append(timer())
        return reply if isinstance(reply, Reply) else Reply(reply, ReplyKind.SUBMITTED)

    def show_probe_result(self, result: ProbeResult) -> None:
        self.probe_results.append(result)
        self.events.append(f"result:{result.prompt.probe.ref}")

    def end_feedback(self, feedback: StepFeedback, last: bool) -> None:
        self.events.append(f"more:{feedback.step.id}" + (":last" if last else ""))
