"""The interviewer answers clarifying questions offline, from a scenario's facts.

A question is read with the scorer's own pipeline (folded, typo-corrected,
stemmed in both languages, multi-word variants rewritten: coach.scoring) and
matched against each fact's `match` rules, compiled with the checklist
compiler. The fact whose rules cover most of the question's words answers,
in the session's language, with the fact's numbers.

A design question ("should I use Kafka?", "¿uso una cola?") is the
candidate's call: it names a concept of a design step's checklist item and asks
should / would / do-we-use. A question no fact covers gets "not specified:
state your assumption". Nothing here prints: `Answer` is what the UI and
`coach ask --json` share.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from coach.asked import MAX_QUESTION_CHARS, AskedQuestion, AskKind, one_line
from coach.errors import CoachError
from coach.i18n import Lang
from coach.messages import problem, t
from coach.scoring.cache import compile_bundle
from coach.scoring.matcher import CompiledItem, Index, compile_item, match_item
from coach.scoring.normalize import analyse
from coach.scoring.words import fold

if TYPE_CHECKING:
    from coach.content import Bundle, Fact

# The steps whose items are design choices: asking about one of them is the candidate's call.
DESIGN_STEPS = ("api", "architecture", "consistency", "scaling", "failures", "observability", "security")

# "Should / would / do we use ...?": asking for a decision rather than a fact (folded text).
_ASKS_DECISION = re.compile(
    r"\b(should|shall|would you|would i|would we|would it|do i use|do we use|can i use|can we use"
    r"|could i use|could we use|ok to use|okay to use|do we need|do i need|do we want|makes? sense"
    r"|better to|good idea|what about using|how about using|go with|which one"
    r"|deberia|deberiamos|debo|debemos|uso|usamos|usaria|usariamos|utilizo|utilizamos|utilizaria"
    r"|pongo|ponemos|pondria|pondriamos|meto|metemos|anado|anadimos|anadiria|conviene|vale la pena"
    r"|merece la pena|hace falta|necesito|necesitamos|buena idea|seria mejor|que tal si|mejor)\b"
)
# Asking whether to use something, or what one should do, is a design choice even when no
# checklist item names it ("should I use websockets?", "should the API return 202?").
_OWN_CHOICE = re.compile(
    r"\b(use|using|usar|uso|usamos|usaria|usariamos|utilizar|utilizo|utilizamos"
    r"|should|shall|deberia|deberiamos|debo|debemos)\b"
)
# A question that opens by asking for information ("which providers do we use?"): on a tie
# between a fact and a design concept, the fact answers.
_ASKS_INFO = re.compile(r"^\W*(what|which|who|how|when|where|que|cual|cuales|quien|quienes|como|cuanto|cuanta|cuantos|cuantas|cuando|donde)\b")

@dataclass(frozen=True)
class Answer:
    """The interviewer's answer to one question."""

    question: str
    lang: Lang
    kind: AskKind
    text: str  # what the interviewer says, one line
    fact_id: str | None = None
    topic: str | None = None  # the fact's topic, or the design item's label
    item_id: str | None = None  # design: the checklist item the question names

    def record(self, step: str) -> AskedQuestion:
        """What a session keeps of it."""
        return AskedQuestion(step, self.question, self.kind, self.fact_id, self.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "lang": self.lang,
            "kind": self.kind.value,
            "fact": self.fact_id,
            "topic": self.topic,
            "item": self.item_id,
            "answer": self.text,
        }


@dataclass(frozen=True)
class _CompiledFact:
    fact: Fact
    rules: tuple[CompiledItem, ...]  # one rule each (a phrase or a `together` rule): coverage is counted per rule


class Interviewer:
    """Answers questions about one bundle's scenario (rules compiled once)."""

    def __init__(self, content: Bundle) -> None:
        self.content = content
        self._compiled = compile_bundle(content)
        self._facts = tuple(_compile_fact(fact) for fact in content.scenario.facts)
        self._design = tuple(
            (step, item) for step in DESIGN_STEPS for item in self._compiled.items.get(step, ())
        )

    def topics(self, lang: Lang) -> list[str]:
        """The topics one may ask about (never the answers)."""
        return [fact.topic(lang) for fact in self.content.scenario.facts]

    def answer(self, question: str, lang: Lang) -> Answer:
        """Answer `question` in `lang`: a fact, "your call", or "not specified"."""
        asked = one_line(question)
        if not asked:
            raise CoachError(problem("ask.empty"))
        if len(asked) > MAX_QUESTION_CHARS:
            raise CoachError(problem("ask.too_long", length=len(asked), most=MAX_QUESTION_CHARS))
        correct = self._compiled.correct
        index = Index(analyse(asked, correct, correct.known))
        best: tuple[int, int, _CompiledFact] | None = None  # (covered words, rules hit, fact)
        for compiled in self._facts:
            covered, rules = _coverage(index, compiled.rules)
            if covered and (best is None or (covered, rules) > best[:2]):
                best = (covered, rules, compiled)
        design = self._design_item(index, asked)
        folded = " ".join(fold(word) for word in asked.split())
        fact_wins_ties = _ASKS_INFO.search(folded) is not None
        if design is not None and (
            best is None or best[0] < design[0] or (best[0] == design[0] and not fact_wins_ties)
        ):
            _, item_id = design
            label = self.content.item(item_id)[1].label(lang) if item_id else None
            return Answer(asked, lang, AskKind.DESIGN, t("ask.design", lang), topic=label, item_id=item_id)
        if best is None:
            return Answer(asked, lang, AskKind.UNKNOWN, t("ask.unknown", lang))
        fact = best[2].fact
        return Answer(asked, lang, AskKind.FACT, one_line(fact.answer(lang)), fact.id, fact.topic(lang))

    def _design_item(self, index: Index, asked: str) -> tuple[int, str | None] | None:
        """(words covered, item id) when the question asks for a design decision, else None."""
        folded = " ".join(fold(word) for word in asked.split())
        if not _ASKS_DECISION.search(folded):
            return None
        best: tuple[int, str | None] | None = None
        for _, item in self._design:
            hit = match_item(index, item, strict=False)
            if hit is not None and (best is None or len(hit.tokens) > best[0]):
                best = (len(hit.tokens), item.id)
        if best is None and _OWN_CHOICE.search(folded):
            return (0, None)  # "should I use websockets?": a choice, whatever it names
        return best


def _compile_fact(fact: Fact) -> _CompiledFact:
    """A fact's rules compiled like a checklist item's, one compiled rule per phrase or `together` rule."""
    if fact.match is not None:
        per_lang = [(lang, fact.match(lang)) for lang in ("es", "en")]
        raw = [(lang, rules.phrases, rules.together, rules.exclude) for lang, rules in per_lang]
    else:  # user content without matching data: the topic's words
        raw = [(lang, [fact.topic(lang)], [], []) for lang in ("es", "en")]
    whole = compile_item(f"fact.{fact.id}", "opening", 1.0, False, raw)
    rules = [replace(whole, phrases=(phrase,), together=()) for phrase in whole.phrases]
    rules += [replace(whole, phrases=(), together=(rule,)) for rule in whole.together]
    return _CompiledFact(fact, tuple(rules))


def _coverage(index: Index, rules: Iterable[CompiledItem]) -> tuple[int, int]:
    """(question words the rules cover, rules that match); exclusions apply."""
    covered: set[int] = set()
    hits = 0
    for rule in rules:
        hit = match_item(index, rule, strict=False)
        if hit is not None:
            hits += 1
            covered.update(hit.tokens)
    return len(covered), hits


_CACHE: dict[int, tuple[Bundle, Interviewer]] = {}


def interviewer_for(content: Bundle) -> Interviewer:
    """The interviewer of a bundle (built once per bundle object)."""
    cached = _CACHE.get(id(content))
    if cached is not None and cached[0] is content:
        return cached[1]
    built = Interviewer(content)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(content)] = (content, built)
    return built


def answer_question(content: Bundle, question: str, lang: Lang) -> Answer:
    """Answer one question about a bundle's scenario (see `Interviewer.answer`)."""
    return interviewer_for(content).answer(question, lang)
