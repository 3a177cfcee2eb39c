"""The answer-sheet format (DESIGN.md, "Contracts"): write a blank sheet, read any sheet back.

    <!-- coach: scenario=ID lang=es|en -->
    ...
    <!-- step: STEP_ID -->
    ## heading
    the candidate's answer, up to the next step marker or the end

Blocks between `<!-- coach:NAME -->` and `<!-- /coach:NAME -->` are added by
coach (the question and guidance, feedback, reference answers) and are skipped
when a sheet is read back, except `coach:asked`: the questions asked to the
interviewer in that step, read back into `Answer.asked` (coach/asked.py); they
count as part of the answer (`Answer.scored_text`). `<!-- coach:timing
elapsed_s=N -->` records how long an answer took.

Lines inside a fenced code block (``` or ~~~) of an answer are answer text,
markers included. A run of text with no sentence end longer than
MAX_SENTENCE_CHARS is broken at whitespace (or hard-broken), so the scorer's
cost stays linear in the sheet's length whatever its shape.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coach.asked import BLOCK as ASKED_BLOCK
from coach.asked import AskedQuestion, parse_block, with_questions
from coach.errors import ContentError
from coach.files import SHEET_MAX_BYTES, read_input
from coach.messages import problem, t
from coach.steps import STEP_IDS

if TYPE_CHECKING:  # reading a sheet must not import pydantic (coach score's start-up)
    from coach.content import Bundle, Step
    from coach.i18n import Lang

HEADER_RE = re.compile(r"^\s*<!--\s*coach:\s+(?P<attrs>[^>]*?)\s*-->\s*$")
STEP_RE = re.compile(r"^\s*<!--\s*step:\s*(?P<id>[A-Za-z_.-]+)\s*-->\s*$")
BLOCK_OPEN_RE = re.compile(r"^\s*<!--\s*coach:(?P<name>[a-z_-]+)\s*-->\s*$")
BLOCK_CLOSE_RE = re.compile(r"^\s*<!--\s*/coach:(?P<name>[a-z_-]+)\s*-->\s*$")
# A follow-up probe's answer (coach.probes): `<!-- probe: REF step=ID items=A,B after=ID|end -->`.
PROBE_RE = re.compile(r"^\s*<!--\s*probe:\s*(?P<ref>[A-Za-z0-9_.:#+-]+)(?P<attrs>[^>]*?)\s*-->\s*$")
TIMING_RE = re.compile(r"^\s*<!--\s*coach:timing\s+(?P<attrs>[^>]*?)\s*-->\s*$")
_ATTR_RE = re.compile(r"([a-z_]+)=(\S+)")
# An answer line that would read as a marker is written with one more backslash
# before "<!--" (Markdown shows `\<` as `<`) and read back with one less: exact.
_ESCAPED_RE = re.compile(r"^(\s*)(\\*)<!--")
# CommonMark fences: up to 3 spaces, then 3+ backticks or tildes; a closer has no info string.
_FENCE_RE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
MAX_SENTENCE_CHARS = 2_000
MAX_ELAPSED_S = 86_400.0  # a day: anything longer is not the time of one answer
# Where the scorer surely starts a new sentence: end punctuation then space, or a blank line.
_SENTENCE_END_RE = re.compile(r"[.!?;][\"')\]]*\s+|\n[ \t]*\n")


@dataclass
class Answer:
    """One step's answer as read from a sheet."""

    step: str
    text: str
    line: int  # 1-based line of the step marker, for messages
    elapsed_s: float | None = None
    asked: list[AskedQuestion] = field(default_factory=list)  # its coach:asked block

    @property
    def scored_text(self) -> str:
        """The answer as scored: the text, then the questions asked that it no longer holds."""
        return with_questions(self.text, (entry.question for entry in self.asked))


@dataclass
class ProbeBlock(Answer):
    """A follow-up probe and its answer, read from a `<!-- probe: ... -->` section."""

    ref: str = ""
    items: tuple[str, ...] = ()
    after: str = "end"


@dataclass
class Sheet:
    """A parsed answer sheet: header attributes and answers in sheet order."""

    scenario: str | None
    lang: Lang | None
    answers: dict[str, Answer] = field(default_factory=dict)
    attrs: dict[str, str] = field(default_factory=dict)
    probes: list[ProbeBlock] = field(default_factory=list)  # in sheet order

    def text(self, step_id: str) -> str:
        answer = self.answers.get(step_id)
        return answer.text if answer else ""


def escape_answer(text: str) -> str:
    """Write-side escape: answer lines starting with `<!--` (or escaped ones) get one more backslash."""
    return "\n".join(_ESCAPED_RE.sub(r"\1\\\2<!--", line) for line in text.split("\n"))


def _unescape(line: str) -> str:
    match = _ESCAPED_RE.match(line)
    if match and match[2]:
        return line[: match.start(2)] + line[match.start(2) + 1 :]
    return line


def _attrs(raw: str) -> dict[str, str]:
    return {key: value for key, value in _ATTR_RE.findall(raw)}


def header_line(scenario_id: str, lang: Lang, **extra: str) -> str:
    """The first line of every sheet coach writes."""
    more = "".join(f" {key}={value}" for key, value in extra.items())
    return f"<!-- coach: scenario={scenario_id} lang={lang}{more} -->"


def parse_sheet(text: str, name: str = "<sheet>") -> Sheet:
    """Read a sheet; errors name the file and line."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sheet = Sheet(scenario=None, lang=None)
    current: Answer | None = None
    body: list[str] = []
    open_block: tuple[str, int] | None = None
    block_lines: list[str] = []  # the lines of an open coach:asked block
    closers = _closers_after(lines)
    fence: tuple[str, int] | None = None  # the open fence's character and length

    def close_step() -> None:
        if current is not None:
            current.text = bound_sentences(_trim(body))

    for number, line in enumerate(lines, start=1):
        if fence is not None:
            body.append(_unescape(line))
            match = _FENCE_RE.match(line)
            if match and _closes(match, fence):
                fence = None
            continue
        if open_block is not None:
            closing = BLOCK_CLOSE_RE.match(line)
            if closing and closing["name"] == open_block[0]:
                if open_block[0] == ASKED_BLOCK and current is not None:
                    current.asked.extend(parse_block(current.step, block_lines))
                open_block = None
            elif open_block[0] == ASKED_BLOCK:
                block_lines.append(line)
            continue
        step = STEP_RE.match(line)
        if step:
            step_id = step["id"].lower()
            if step_id not in STEP_IDS:
                known = ", ".join(STEP_IDS)
                raise ContentError(problem("sheet.unknown_step", name=name, line=number, step=step["id"], known=known))
            if step_id in sheet.answers:
                first = sheet.answers[step_id].line
                raise ContentError(problem("sheet.step_twice", name=name, line=number, step=step_id, first=first))
            close_step()
            current = Answer(step=step_id, text="", line=number)
            sheet.answers[step_id] = current
            body = []
            continue
        probe = PROBE_RE.match(line)
        if probe:
            close_step()
            current = _probe_block(probe, name, number)
            sheet.probes.append(current)
            body = []
            continue
        timing = TIMING_RE.match(line)
        if timing:
            if current is not None:
                elapsed = _attrs(timing["attrs"]).get("elapsed_s")
                current.elapsed_s = _number(elapsed, name, number)
            continue
        block = BLOCK_OPEN_RE.match(line)
        if block:
            open_block = (block["name"], number)
            block_lines = []
            continue
        if current is None:
            header = HEADER_RE.match(line)
            if header and sheet.scenario is None:
                sheet.attrs = _attrs(header["attrs"])
                sheet.scenario = sheet.attrs.get("scenario")
                lang = sheet.attrs.get("lang")
                if lang is not None and lang not in ("es", "en"):
                    raise ContentError(problem("sheet.bad_lang", name=name, line=number, code=lang))
                sheet.lang = "es" if lang == "es" else "en" if lang == "en" else None
            continue
        if not body and line.lstrip().startswith("#"):
            continue  # the step's heading
        opener = _FENCE_RE.match(line)
        if opener:
            char, length = opener["fence"][0], len(opener["fence"])
            # An unclosed fence is plain text: it must not swallow the steps after it.
            if not (char == "`" and "`" in opener["info"]) and closers[number][char] >= length:
                fence = (char, length)
        body.append(_unescape(line))
    if open_block is not None:
        block_name, block_line = open_block
        raise ContentError(problem("sheet.unclosed", name=name, line=block_line, block=block_name))
    close_step()
    if not sheet.answers:
        raise ContentError(problem("sheet.no_markers", name=name))
    return sheet


def _probe_block(match: re.Match[str], name: str, number: int) -> ProbeBlock:
    """A probe marker: its step and items must be known ids (the items are scored against the answer)."""
    attrs = _attrs(match["attrs"])
    step = attrs.get("step", "").lower()
    after = attrs.get("after", "end").lower()
    items = tuple(i for i in attrs.get("items", "").split(",") if i)
    if step not in STEP_IDS or after not in (*STEP_IDS, "end") or not items:
        raise ContentError(problem("sheet.bad_probe", name=name, line=number))
    return ProbeBlock(step=step, text="", line=number, ref=match["ref"], items=items, after=after)


def _closes(match: re.Match[str], fence: tuple[str, int]) -> bool:
    return match["fence"][0] == fence[0] and len(match["fence"]) >= fence[1] and not match["info"].strip()


def _closers_after(lines: list[str]) -> list[dict[str, int]]:
    """For each line number n (1-based), the longest closing fence of each kind after line n.

    One backward pass: telling an unclosed fence stays linear however many there are.
    """
    best = {"`": 0, "~": 0}
    out: list[dict[str, int]] = [best] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        out[index + 1] = best
        match = _FENCE_RE.match(lines[index])
        if match and not match["info"].strip():
            char, length = match["fence"][0], len(match["fence"])
            if length > best[char]:
                best = {**best, char: length}
    return out


def bound_sentences(text: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    """Break every run longer than `limit` with no sentence end, at whitespace or hard.

    The break is a blank line, which every reader of the text takes as a new
    sentence. Idempotent; text without such a run comes back unchanged.
    """
    if len(text) <= limit:
        return text
    out: list[str] = []
    start = 0
    for end in _SENTENCE_END_RE.finditer(text):
        out.append(_chunk(text[start : end.end()], limit))
        start = end.end()
    out.append(_chunk(text[start:], limit))
    return "".join(out)


def _chunk(run: str, limit: int) -> str:
    if len(run) <= limit:
        return run
    pieces: list[str] = []
    while len(run) > limit:
        cut = max(run.rfind(" ", 0, limit), run.rfind("\n", 0, limit), run.rfind("\t", 0, limit))
        if cut < limit // 2:
            cut = limit  # no whitespace near the limit: a hard break
        pieces.append(run[:cut].rstrip())
        run = run[cut:].lstrip()
    pieces.append(run)
    return "\n\n".join(pieces)


def _number(raw: str | None, name: str, line: int) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ContentError(problem("sheet.elapsed_nan", name=name, line=line, raw=raw)) from None
    if not math.isfinite(value) or value > MAX_ELAPSED_S:
        raise ContentError(problem("sheet.elapsed_range", name=name, line=line, raw=raw, most=f"{MAX_ELAPSED_S:g}"))
    if value < 0:
        raise ContentError(problem("sheet.elapsed_negative", name=name, line=line, raw=raw))
    return value


def _trim(lines: list[str]) -> str:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])


def read_sheet(path: Path) -> Sheet:
    """Read a sheet file (`-`: standard input); a FIFO, a device, a file over the cap,
    bad UTF-8 or no markers is a ContentError."""
    name = "<stdin>" if str(path) == "-" else str(path)
    return parse_sheet(read_input(path, limit_bytes=SHEET_MAX_BYTES, stdin_ok=True), name)


def render_answers(scenario_id: str, lang: Lang, answers: dict[str, str]) -> str:
    """A minimal sheet of `answers` (step id -> text): what `coach run --answers` and `coach score` read."""
    out = [header_line(scenario_id, lang)]
    for step_id, text in answers.items():
        out += ["", f"<!-- step: {step_id} -->", f"## {step_id}", "", escape_answer(text)]
    return "\n".join(out) + "\n"


def step_heading(step: Step, lang: Lang) -> str:
    """`## 1. Requirements and KPIs (5:00)`: the heading under each step marker."""
    number = f"{step.number}. " if step.number else ""
    if step.window is not None:
        span = f"{_clock(step.window.min_s)}–{_clock(step.window.max_s)}"
    else:
        span = _clock(step.budget_s)
    return f"## {number}{step.title(lang)} ({span})"


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def quote(text: str) -> list[str]:
    """A Markdown blockquote of `text`, line by line."""
    return [f"> {line}" if line else ">" for line in text.strip().split("\n")]


def render_blank_sheet(content: Bundle, lang: Lang) -> str:
    """A blank sheet: header, brief, then each step's marker, heading and question as guidance."""
    scenario, framework = content.scenario, content.framework
    out = [header_line(scenario.id, lang, framework=framework.id), ""]
    out.append(f"# {scenario.title(lang)}")
    out.append("")
    out.append("<!-- coach:prompt -->")
    out.extend(quote(scenario.brief(lang)))
    out.append(">")
    out.append(f"> {t('sheet.how', lang)}")
    if scenario.facts:
        topics = ", ".join(fact.topic(lang) for fact in scenario.facts)
        out.append(">")
        out.append(f"> {t('sheet.ask', lang, topics=topics, scenario=scenario.id)}")
    out.append("<!-- /coach:prompt -->")
    for step in framework.steps:
        out += ["", f"<!-- step: {step.id} -->", step_heading(step, lang), ""]
        out.append("<!-- coach:prompt -->")
        out.append(f"> **{step.question(lang)}**")
        out.append(">")
        out.extend(f"> - {bullet}" for bullet in step.guidance(lang))
        out.append("<!-- /coach:prompt -->")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_reference_sheet(content: Bundle, lang: Lang) -> str:
    """The scenario's reference answers as a filled sheet, in `lang`, that `coach score` reads.

    A step without a reference answer keeps its marker and heading with no answer, so the
    score shows the gap instead of hiding the step.
    """
    scenario, framework = content.scenario, content.framework
    out = [header_line(scenario.id, lang, framework=framework.id, source="reference"), ""]
    out.append(f"# {scenario.title(lang)} ({t('sheet.reference', lang)})")
    for step in framework.steps:
        out += ["", f"<!-- step: {step.id} -->", step_heading(step, lang), ""]
        reference = scenario.reference.get(step.id)
        if reference is not None:
            out.append(escape_answer(reference(lang).strip()))
    return "\n".join(out).rstrip("\n") + "\n"


