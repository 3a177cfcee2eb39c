"""Questions asked to the interviewer: the record, how they count, and their block in a sheet.

A question the candidate asks (Ctrl-Q in `coach run`, a question line of a
sheet's opening) is recorded with the interviewer's answer. It counts as part
of that step's answer: `with_questions` appends the questions that the typed
text no longer holds, so asking "¿cuánto tráfico hay en pico?" earns the
opening's volumes item even when the line was deleted after asking. The
interviewer's answers never count: they are not the candidate's words.

In a sheet the questions of a step sit in their own block, which the sheet
reader reads back (coach/sheet.py), so export → read → export is exact:

    <!-- coach:asked -->
    **Preguntas al entrevistador**

    - ¿cuánto tráfico hay en pico? <!-- ask kind=fact fact=volumes -->
      > 100 notificaciones por segundo de media ...
    <!-- /coach:asked -->

Nothing here imports pydantic or the scorer: the sheet reader stays light.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

MAX_QUESTION_CHARS = 500  # a question is a line, not an essay
# A step's block is read up to this many entries and lines this long: a real interview asks
# a few dozen questions, and a hostile sheet must not make reading or scoring quadratic.
MAX_ASKED = 100
_MAX_LINE_CHARS = 4 * MAX_QUESTION_CHARS + 2_000

BLOCK = "asked"  # <!-- coach:asked --> ... <!-- /coach:asked -->
_ENTRY_RE = re.compile(r"^- (?P<question>.*) <!-- ask (?P<attrs>[^>]*?) -->\s*$")
_ANSWER_RE = re.compile(r"^  > ?(?P<answer>.*)$")
_ATTR_RE = re.compile(r"([a-z_]+)=(\S+)")


class AskKind(StrEnum):
    """What kind of answer a question got."""

    FACT = "fact"  # a scenario fact answers it, with its numbers
    DESIGN = "design"  # a design choice: the candidate's call
    UNKNOWN = "unknown"  # no fact covers it: state an assumption


@dataclass(frozen=True)
class AskedQuestion:
    """One question asked during a step, and what the interviewer answered (one line each)."""

    step: str
    question: str
    kind: AskKind
    fact_id: str | None
    answer: str


def one_line(text: str) -> str:
    """Whitespace collapsed: questions and answers are stored and exported as one line."""
    return " ".join(text.split())


def is_question(line: str) -> bool:
    """A line that asks: it ends in "?" or starts with "¿" (bullets and quotes ignored)."""
    stripped = line.strip().lstrip("-*•> ").strip()
    return bool(stripped) and (stripped.startswith("¿") or stripped.endswith("?"))


_SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+")


def _asks_in(line: str) -> list[str]:
    """The sentences of a line that ask ("Aclaro el alcance. ¿Cuánto tráfico hay?" asks the second)."""
    if not is_question(line):
        return []
    sentences = [one_line(part.strip().lstrip("-*•> ")) for part in _SENTENCE_END_RE.split(line.strip())]
    return [sentence for sentence in sentences if is_question(sentence)]


def question_lines(text: str) -> list[str]:
    """The questions of a text's question lines, one line each, in order."""
    return [question for line in text.split("\n") for question in _asks_in(line)]


def pick_question(text: str, row: int) -> str | None:
    """The question to ask from a buffer: the cursor's line if it asks (its last question), else the
    last line that does, else the cursor's line if it holds anything; None when there is nothing."""
    lines = text.split("\n")
    current = lines[row] if 0 <= row < len(lines) else ""
    asks = _asks_in(current) or question_lines(text)
    if asks:
        return asks[-1]
    line = one_line(current.strip().lstrip("-*•> "))
    return line or None


def with_questions(text: str, questions: Iterable[str]) -> str:
    """A step's answer as scored: the typed text, then each asked question it does not already hold."""
    held = one_line(text)
    extra: dict[str, None] = {}  # ordered, and a set for the look-up
    for question in questions:
        line = one_line(question)
        if len(extra) >= MAX_ASKED:
            break
        if line and line not in extra and line not in held:
            extra[line] = None
    if not extra:
        return text
    return (text.rstrip() + "\n\n" if text.strip() else "") + "\n".join(extra)


def render_block(asked: Sequence[AskedQuestion], lang: str) -> list[str]:
    """The sheet lines of a step's asked questions (empty when none were asked)."""
    if not asked:
        return []
    from coach.messages import t

    out = [f"<!-- coach:{BLOCK} -->", f"**{t('session.asked', 'es' if lang == 'es' else 'en')}**", ""]
    for entry in asked:
        attrs = f"kind={entry.kind.value}" + (f" fact={entry.fact_id}" if entry.fact_id else "")
        out.append(f"- {one_line(entry.question)} <!-- ask {attrs} -->")
        out.append(f"  > {one_line(entry.answer)}")
    out.append(f"<!-- /coach:{BLOCK} -->")
    return out


def parse_block(step: str, lines: Iterable[str]) -> list[AskedQuestion]:
    """Read a step's asked block back (lines between the markers); lines that are not entries are skipped."""
    out: list[AskedQuestion] = []
    pending: tuple[str, AskKind, str | None] | None = None
    for line in lines:
        if len(out) >= MAX_ASKED:
            break
        if len(line) > _MAX_LINE_CHARS:
            continue  # no question or answer of ours is this long
        entry = _ENTRY_RE.match(line)
        if entry:
            if pending is not None:
                out.append(AskedQuestion(step, pending[0], pending[1], pending[2], ""))
            attrs = dict(_ATTR_RE.findall(entry["attrs"]))
            try:
                kind = AskKind(attrs.get("kind", ""))
            except ValueError:
                pending = None  # not ours: skipped, never fatal
                continue
            pending = (entry["question"], kind, attrs.get("fact"))
            continue
        answer = _ANSWER_RE.match(line)
        if answer and pending is not None:
            out.append(AskedQuestion(step, pending[0], pending[1], pending[2], answer["answer"]))
            pending = None
    if pending is not None:
        out.append(AskedQuestion(step, pending[0], pending[1], pending[2], ""))
    return out
