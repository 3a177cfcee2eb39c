"""Score a sheet: each item's credit with evidence, estimate arithmetic, timing, totals and level.

How the numbers are made (documented here because users read them):

- Credit per item (notes/scoring-model.md): `none`; `mentioned` (its words are
  there, but only in a bare list of names, a question, a figure off by more than
  2×, an answer about another system, or governed by a cue that rejects, defers or
  hypothesises it: see cues.py); `decided` (a statement that commits to it);
  `justified` (decided, with a figure or a reason, mechanism or trade-off word in
  the same or the next sentence). `covered` means decided or justified.
- An item is looked for in its own step's answer first, then in the other steps'
  in framework order (`said_in`); opening and closing items only in their own
  answers (they are about those two timed moments). Opening items are earned by
  asking too; design items asked only as a question are `mentioned`. An item its
  own step defers ("Region DR: would come back to it later") stays `mentioned`
  whatever another step's words say.
- Points: justified earns the item's weight, decided half of it (CREDIT_SHARE).
- Step score = points earned in that step's own answer / its items' weight,
  × 0.8 per wrong arithmetic finding (estimates), × (0.85 + 0.15 × timing
  score) for a timed opening or closing. "No sé" in a step scores 0 there,
  whatever other steps said.
- Total = the same per step but counting items wherever they were said (each
  item once), averaged with each step's time budget as its weight.
- Level (below / mid / senior / staff) = coach.scoring.level: breadth, depth,
  trade-offs, figures, failures, cost and operations against the thresholds in
  content, with two gates (a keyword list; too few requirements clarified). A
  justified item records how it was justified (Why.kind: number, tradeoff,
  reason, joined with "+").
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache, wraps
from itertools import compress
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from coach.i18n import Lang
from coach.scoring.cache import compile_bundle
from coach.scoring.cues import merged_words
from coach.scoring.estimates import check_estimates
from coach.scoring.level import (
    BY_NUMBER,
    BY_REASON,
    BY_TRADEOFF,
    LevelVerdict,
    assess_level,
)
from coach.scoring.lexicon import off_vocabulary
from coach.scoring.lists import deck_sentences, is_deck, step_lists
from coach.scoring.matcher import (
    CompiledItem,
    Hit,
    Index,
    Phrase,
    evidence_of,
    match_item,
)
from coach.scoring.normalize import Tokens, analyse
from coach.scoring.numbers import extract_quantities
from coach.scoring.result import (
    DECIDED,
    JUSTIFIED,
    MENTIONED,
    NONE,
    ArithmeticFinding,
    Evidence,
    ItemResult,
    SheetScore,
    StepScore,
    TimingResult,
    Why,
)
from coach.scoring.rules import CompiledBundle
from coach.scoring.timing import assess_timing
from coach.scoring.voice import (
    ASIDE,
    ASIDE_HANDOFF_SHARE,
    ASIDE_IMPERSONAL_SHARE,
    ASIDE_MIN_SENTENCES,
    ASIDE_PAST_SHARE,
    ASIDE_QUIET_SHARE,
    ASIDE_SHARE,
    ASIDE_STORY_SHARE,
    IMPERSONAL_AUTHOR,
    QUIET_ASIDE_AUTHOR,
    QUIET_REPORT,
    REPORT,
    SENTENCE_WORDS,
    STORY,
    STORY_PAST_SHARE,
    interviewer_turns,
    is_question,
    sheet_voice,
    voice_shares,
)
from coach.scoring.words import NUMBER_WORDS, fold

if TYPE_CHECKING:
    from coach.content import Bundle
    from coach.sheet import Sheet

ARITHMETIC_PENALTY = 0.8  # step score multiplier per wrong arithmetic finding
TIMING_SHARE = 0.15  # the part of an opening/closing score that depends on timing
ESTIMATES_STEP = "estimates"


def score_sheet(sheet: Sheet, content: Bundle | CompiledBundle, lang: Lang | None = None) -> SheetScore:
    """Score a parsed sheet (messages in `lang`, else the sheet's language, else English).

    `content` is a loaded bundle, or its compiled rules (the warm path of `coach score`).
    """
    chosen: Lang = lang or sheet.lang or "en"
    # questions asked to the interviewer count as part of their step's answer (coach/asked.py)
    answers = {step_id: answer.scored_text for step_id, answer in sheet.answers.items()}
    elapsed = {
        step_id: answer.elapsed_s
        for step_id, answer in sheet.answers.items()
        if answer.elapsed_s is not None
    }
    result = score_answers(answers, content, chosen, elapsed)
    if not sheet.probes:
        return result
    from coach.probes import ProbeAnswer, apply_probes

    compiled = content if isinstance(content, CompiledBundle) else compile_bundle(content)
    probes = [ProbeAnswer(p.ref, p.step, p.items, p.after, p.text, p.elapsed_s) for p in sheet.probes]
    # The level is read again on the raised items; those covered only after a probe are `probed`.
    return apply_probes(
        result,
        probes,
        lambda texts: score_answers(texts, compiled, chosen),
        compiled.budgets,
        lambda steps, total, probed: _level(list(steps), total, compiled, chosen, probed),
    )


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _gc_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `function` with the cyclic garbage collector paused (then restored as it was).

    Analysing an answer allocates a few tuples per word (~150k words in a 1 MB answer), none
    of them in a cycle: each burst of allocations set off a collection that walked every live
    object, ~14% of a 1 MB answer and growing faster than the answer. Reference counting still
    frees everything that is not a cycle; the few cycles (closures) wait for the next collection
    (peak memory on a 1 MB answer: unchanged, 132 MB).
    """

    @wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@_gc_paused
def score_answers(
    answers: Mapping[str, str],
    content: Bundle | CompiledBundle,
    lang: Lang,
    elapsed_s: Mapping[str, float] | None = None,
    *,
    probed: Collection[str] = (),
) -> SheetScore:
    """Score answers (step id -> text; missing steps are empty).

    `probed`: items covered only after an interviewer's probe (they do not count as
    raised unprompted in the level).
    """
    compiled = content if isinstance(content, CompiledBundle) else compile_bundle(content)
    elapsed_s = elapsed_s or {}
    views = {
        step: _View(
            Index(
                analyse(answers.get(step, "") or "", compiled.correct, compiled.correct.known),
                compiled.wanted,
            )
        )
        for step in compiled.steps
    }
    _mark_salad_sheet(views.values())
    arithmetic_of: dict[str, tuple[ArithmeticFinding, ...]] = {}
    if answers.get(ESTIMATES_STEP) and ESTIMATES_STEP in views:
        arithmetic_of[ESTIMATES_STEP] = check_estimates(answers[ESTIMATES_STEP], lang, compiled.tolerance)
    context = _Context(
        compiled=compiled,
        views=views,
        off_figures=_off_figures(arithmetic_of.get(ESTIMATES_STEP, ()), compiled.cover_factor),
        off_topic=_off_topic(views.values(), compiled),
        voice=_voice(views.values(), compiled),
        derived=_derivable(views.get(ESTIMATES_STEP), arithmetic_of.get(ESTIMATES_STEP, ())),
    )
    steps: list[StepScore] = []
    for step in compiled.steps:
        index = views[step].index
        results = tuple(_score_item(item, step, context) for item in compiled.items[step])
        arithmetic = arithmetic_of.get(step, ())
        timing: TimingResult | None = None
        if step in compiled.windows:
            timing = assess_timing(
                step,
                elapsed_s.get(step),
                compiled.windows[step],
                index.tokens.word_count,
                compiled.words_per_minute.get(lang, 130),
            )
        steps.append(_step_score(step, results, arithmetic, timing, index.tokens.word_count))
    total = _total(steps, compiled)
    verdict = _level(steps, total, compiled, lang, probed)
    return SheetScore(
        scenario=compiled.scenario, lang=lang, total=total, level=verdict.id, steps=tuple(steps), verdict=verdict,
        voice=context.voice,
    )


def _level(
    steps: list[StepScore], total: float, compiled: CompiledBundle, lang: Lang, probed: Collection[str]
) -> LevelVerdict:
    if compiled.level_spec is not None:
        return assess_level(steps, total, compiled.level_spec, lang, probed)
    level = compiled.levels[0][0]
    for level_id, min_total in compiled.levels:
        if total >= min_total:
            level = level_id
    return LevelVerdict(id=level, label=level, reasons=(), next="")


# Opening and closing items are about those two timed moments (spec/concepts.md): earned only
# in their own answers. Items whose content allows "question" cues (the opening's) are earned by
# asking; any other item asked is mentioned.
OWN_ANSWER_ONLY = ("opening.", "closing.")
OPENING_STEP = "opening"  # its design words preview the steps: they earn no step item (see _score_item)
# Which stated figure covers which estimate item (estimates.py check ids).
_FIGURE_ITEMS = {
    "est.qps": "est.qps",  # a day's volume over 86,400, written out
    "est.daily_volume": "est.daily_volume",
    "est.monthly_volume": "est.daily_volume",
    "est.yearly_volume": "est.daily_volume",
    "est.storage": "est.storage",
    "est.storage_monthly": "est.storage",
    "est.storage_yearly": "est.storage",
}


_PER_SECOND_RE = re.compile(
    r"86[.,]?400|\b(?:a|per|por|each|cada|al)\s+(?:second|segundo)\b|/\s?s\b|\b(?:qps|rps)\b", re.IGNORECASE
)
_SIZE_RE = re.compile(r"\b(?:kilobytes?|kb|bytes?|kib)\b", re.IGNORECASE)
# Estimate items that need the seed's derivation in the estimates answer (a checked figure), not
# a figure alone ("8.6M a day" said in passing).
DERIVED_ITEMS = frozenset({"est.daily_volume", "est.storage"})


class _View:
    """One step's analysed answer and what the scorer derives from it once."""

    __slots__ = ("_firm", "_skips", "_told", "_unauthored", "answering", "every", "index", "interviewer", "listy", "questions", "salad", "trailing")

    def __init__(self, index: Index) -> None:
        self.index = index
        tokens = index.tokens
        count = len(tokens.sentences)
        # "Do we need a circuit breaker? Yes, per provider": a question answered yes is a decision
        self.questions = frozenset(i for i in range(count) if is_question(tokens, i) and not _answered_yes(tokens, i))
        self.salad, self.listy = step_lists(tokens)
        # "Timeouts...", "Fuerte frente a eventual...": a short thought left unfinished is no decision
        self.trailing = frozenset(i for i in range(count) if _trails_off(tokens, i))
        self.every = frozenset(range(count))
        # a transcript's interviewer asks and gives facts; an answer to the candidate's question shows what was asked
        self.interviewer, self.answering = interviewer_turns(tokens)  # a conversation among others: no sentence is the author's
        self._firm: frozenset[int] | None = None
        self._skips: dict[bool, tuple[frozenset[int], frozenset[int]]] = {}  # asking earns -> (salad, skip)
        self._unauthored: dict[bool, frozenset[int]] = {}  # asking earns -> sentences not the author's
        self._told: frozenset[int] | None = None

    def skip(self, asking_earns: bool) -> frozenset[int]:
        """The sentences that earn no item: salad, trailing off and the interviewer's turns, and questions
        unless asking earns (then the interviewer's answers to the candidate's questions earn too)."""
        known = self._skips.get(asking_earns)
        if known is None or known[0] is not self.salad:  # the salad is set again for a salad sheet
            skip = self.salad | self.trailing
            skip = skip | (self.interviewer - self.answering) if asking_earns else skip | self.interviewer | self.questions
            known = self._skips[asking_earns] = (self.salad, skip)
        return known[1]

    def unauthored(self, asking_earns: bool) -> frozenset[int]:
        """The sentences not in the author's own voice (voice.py: "we're looking for…" reports), questions
        aside when asking earns."""
        known = self._unauthored.get(asking_earns)
        if known is None:
            tokens = self.index.tokens
            known = self._unauthored[asking_earns] = frozenset(
                i for i in range(len(tokens.sentences))
                if (i not in tokens.author or i in tokens.reported or i in tokens.report_items)
                and not (asking_earns and i in self.questions)
            )
        return known

    def told(self) -> frozenset[int]:
        """The sentences that hold a past form ("Dani retried the next weekend"): in a story, no decision."""
        if self._told is None:
            tokens = self.index.tokens
            words, endings = _past_re(merged_words("past_words"), merged_words("past_endings"))
            self._told = frozenset(
                i for i, (start, end) in enumerate(tokens.sentences)
                if words.search(text := fold(tokens.text[start:end])) or endings.search(text)
            )
        return self._told

    def handed(self) -> frozenset[int]:
        """The sentences that give something away to someone ("A la ingeniera Rosa le dejo los 34 GB")."""
        verbs, to = _words_re(merged_words("handoff_verbs")), _words_re(merged_words("handoff_to"))
        tokens = self.index.tokens
        return frozenset(
            i for i, (start, end) in enumerate(tokens.sentences)
            if verbs.search(text := fold(tokens.text[start:end])) and to.search(text)
        )

    def firm(self, justify: tuple[Phrase, ...]) -> frozenset[int]:
        """Sentences holding a figure or a reason word, where a hedge does not undo a choice."""
        if self._firm is None:
            tokens = self.index.tokens
            dismissed = tokens.dismissed  # governed positions found at C speed (150k tokens per MB)
            hedged = {tokens.sentence_of[p] for p in compress(range(len(dismissed)), dismissed)
                      if tokens.cues[dismissed[p] - 1].kind == "hedged"}
            self._firm = frozenset(
                s for s in hedged
                if (tokens.has_number[s] and _free_figure(tokens, s)) or _sentence_has(self.index, justify, s)
            )
        return self._firm


_DIGIT = re.compile(r"\d")


def _free_figure(tokens: Tokens, sentence: int) -> bool:
    """A figure in the sentence that no rejection, deferral or question governs: "supongo que van un
    poco atrasadas, pero no sabría cómo no procesar dos veces" has none (its "dos" is turned down)."""
    first, last = bisect_left(tokens.sentence_of, sentence), bisect_right(tokens.sentence_of, sentence)
    dismissed, cues, text, spans = tokens.dismissed, tokens.cues, tokens.text, tokens.spans
    figures = [
        p for p in range(first, last)
        if _DIGIT.search(text[spans[p][0] : spans[p][1]]) or fold(text[spans[p][0] : spans[p][1]]) in NUMBER_WORDS
    ]
    if not figures:
        return True  # a figure no token holds on its own ("8.64M" split apart): the sentence's verdict stands
    return any(not dismissed or not dismissed[p] or cues[dismissed[p] - 1].kind == "hedged" for p in figures)


SALAD_SHEET = 0.5  # half the answered steps mostly lists: a keyword sheet, read line by line too
SALAD_MIN_STEPS = 3  # one or two answers say too little about the sheet


def _mark_salad_sheet(views: Iterable[_View]) -> None:
    """In a sheet made of lists, lines of bare names ("reintentos backoff jitter") are lists too."""
    answered = [view for view in views if view.index.tokens.word_count]
    listy = [view for view in answered if view.listy]
    if len(answered) >= SALAD_MIN_STEPS and len(listy) >= SALAD_SHEET * len(answered):
        for view in answered:
            view.salad, view.listy = step_lists(view.index.tokens, salad_sheet=True)
    if len(answered) >= SALAD_MIN_STEPS and is_deck([view.index.tokens.text for view in answered]):
        for view in answered:  # slides: "- Caching layer", "- Partitioning strategy"
            view.salad = view.salad | deck_sentences(view.index.tokens)


@dataclass(frozen=True)
class _Context:
    compiled: CompiledBundle
    views: Mapping[str, _View]
    off_figures: Mapping[str, ArithmeticFinding]  # item id -> the finding off by more than 2×
    off_topic: bool
    # "" a candidate's answer; "report": only the author's sentences decide; "conversation": none (voice.py)
    voice: str = ""
    derived: frozenset[str] = frozenset()  # estimate items whose figure was derived (a finding exists)


def _derivable(view: _View | None, findings: tuple[ArithmeticFinding, ...]) -> frozenset[str]:
    """Estimate items whose inputs the estimates answer states: a rate for the daily volume
    (or 86,400 written out), an event size for storage, or a checked figure for either."""
    derived = {_FIGURE_ITEMS[f.check] for f in findings if f.check in _FIGURE_ITEMS}
    if view is not None and view.index.tokens.word_count:
        tags = {tag for _, found, _ in view.index.figures() for tag in found}
        text = view.index.tokens.text
        if "rate" in tags or _PER_SECOND_RE.search(text):
            derived.add("est.daily_volume")
        if "event_bytes" in tags or _SIZE_RE.search(text):
            derived.add("est.storage")
    return frozenset(derived)


def _off_figures(findings: tuple[ArithmeticFinding, ...], factor: float) -> dict[str, ArithmeticFinding]:
    """Estimate items whose stated figure is off by more than `factor` (they do not cover)."""
    off: dict[str, ArithmeticFinding] = {}
    right: set[str] = set()  # "864,000 a day... no, 8.64 million": a right figure stands
    for finding in findings:
        item = _FIGURE_ITEMS.get(finding.check)
        if item is None or finding.expected <= 0 or finding.stated <= 0:
            continue
        ratio = finding.stated / finding.expected
        if ratio > factor or ratio < 1 / factor:
            off.setdefault(item, finding)
        elif finding.ok and finding.check == item:  # the day's own figure, not a month derived from it
            right.add(item)
    return {item: finding for item, finding in off.items() if item not in right}


def _aside(views: Iterable[_View], compiled: CompiledBundle) -> str:
    """`ASIDE` when a long sheet hardly ever names the design (a keyboard's review, a complaint
    letter): fewer than one sentence in four holds any item's words, so those it holds are asides,
    not decisions; or when it names it a little more but tells a story of the past (a toast or a
    memoir of a system: "the time the circuit breaker opened…"): fewer than three sentences in ten
    name the design and three in ten or more hold a past form (`past_words`); or when fewer than
    `ASIDE_IMPERSONAL_SHARE` name it and hardly any says "I" or "we" (an auction catalogue, a theatre
    review); or when half its sentences or more hold a past form, however much they name (an obituary
    for a gateway told in the design's words); or when one in five or more gives the design away to
    someone (a mock will: "Dejo mis reintentos al Wilson"); or when its author hardly ever speaks, its own
    phrases report and fewer than `ASIDE_QUIET_SHARE` name the design (a board game's rulebook, firmware
    release notes). Read after the items' words are indexed; stops as soon as enough sentences name the
    design (every honest answer, within its first items)."""
    views = [view for view in views if view.index.tokens.word_count]
    weighed = {id(view): {s for s, size in Counter(view.index.tokens.sentence_of).items() if size >= SENTENCE_WORDS}
               for view in views}
    count = sum(len(sentences) for sentences in weighed.values())
    if count < ASIDE_MIN_SENTENCES:
        return ""
    told = sum(len(weighed[id(view)] & view.told()) for view in views)
    if told >= ASIDE_PAST_SHARE * count:
        return ASIDE  # half of it in the past: a story of a system, not a design of one
    if sum(len(weighed[id(view)] & view.handed()) for view in views) >= ASIDE_HANDOFF_SHARE * count:
        return ASIDE  # it gives the design away, piece by piece: a will, not a design
    story = STORY if told >= STORY_PAST_SHARE * count else ""
    enough = ASIDE_STORY_SHARE * count
    answers = [view.index.tokens for view in views]
    authored = voice_shares(answers)[2]
    # the author hardly ever speaks and its own phrases report: it must name the design more to be an answer
    quiet = authored <= QUIET_ASIDE_AUTHOR and voice_shares(answers, items=False)[1] >= QUIET_REPORT
    if quiet:
        enough = max(enough, ASIDE_QUIET_SHARE * count)
    named: set[tuple[int, int]] = set()
    by_anchor = _phrases_by_anchor(compiled)
    for view in views:
        index, own = view.index, weighed[id(view)]
        # only the phrases whose anchor word is in the answer can occur (the set is the same, in any order)
        for phrase in (
            phrase for lang, stems in enumerate(index.by_stem) for stem in stems
            for phrase in by_anchor[lang].get(stem, ())
        ):
            for occurrence in index.occurrences(phrase):
                sentence = index.tokens.sentence_of[occurrence[0]]
                if sentence in own:
                    named.add((id(view), sentence))
            if len(named) >= enough:
                return story  # it names the design enough, but may tell it as a story
    if len(named) < ASIDE_SHARE * count:
        return ASIDE
    if len(named) < ASIDE_IMPERSONAL_SHARE * count and authored < IMPERSONAL_AUTHOR:
        return ASIDE  # a document in no one's voice that names the design now and then: a catalogue, a review
    if quiet and len(named) < ASIDE_QUIET_SHARE * count:
        return ASIDE  # addressed to others, in the design's words now and then: a rulebook, release notes
    return ASIDE if told >= ASIDE_STORY_SHARE * count else story


_BY_ANCHOR: dict[int, tuple[CompiledBundle, tuple[dict[str, list[Phrase]], dict[str, list[Phrase]]]]] = {}


def _phrases_by_anchor(compiled: CompiledBundle) -> tuple[dict[str, list[Phrase]], dict[str, list[Phrase]]]:
    """Every item phrase of the bundle by language and anchor stem (kept per compiled bundle)."""
    cached = _BY_ANCHOR.get(id(compiled))
    if cached is None or cached[0] is not compiled:
        if len(_BY_ANCHOR) > 16:
            _BY_ANCHOR.clear()
        by_anchor: tuple[dict[str, list[Phrase]], dict[str, list[Phrase]]] = ({}, {})
        for items in compiled.items.values():
            for item in items:
                for phrase in item.phrases:
                    lang, stems, _, anchor = phrase
                    by_anchor[lang].setdefault(stems[anchor], []).append(phrase)
        cached = _BY_ANCHOR[id(compiled)] = (compiled, by_anchor)
    return cached[1]


@lru_cache(maxsize=4)
def _words_re(words: frozenset[str]) -> re.Pattern[str]:
    """One folded word list as a whole-word pattern (`past_words`, `handoff_verbs`, `handoff_to`)."""
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b" if words else r"(?!)")


@lru_cache(maxsize=4)
def _past_re(words: frozenset[str], endings: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`past_words` as whole words, and a word of seven letters or more with one of `past_endings`
    ("conocieron", "metieron", "llegaron": no present form ends so): a sentence holds a past form when
    either finds one (one alternation of both scans a long answer a third slower)."""
    ending = r"[a-z]{3}(?:" + "|".join(sorted(map(re.escape, endings))) + r")\b" if endings else r"(?!)"
    return _words_re(words), re.compile(ending)


def _voice(views: Collection[_View], compiled: CompiledBundle) -> str:
    """Who decides in the sheet (voice.py), or whether it is an aside or a story (`_aside`). A report
    that hardly names the design is an aside too: a line cook's memoir in the first person ("the night
    the breaker went") reports, and none of its sentences decides. A sheet whose words are mostly not
    the house's (lexicon.py: a tasting menu of puns on the design) is an aside before anything else."""
    answers = [view.index.tokens for view in views]
    if off_vocabulary(answers, compiled.lexicon):
        return ASIDE  # a tasting menu in the design's words: most of its words are about something else
    voice = sheet_voice(answers)
    if voice == REPORT:
        return ASIDE if _aside(views, compiled) == ASIDE else voice
    return voice or _aside(views, compiled)


def _off_topic(views: Iterable[_View], compiled: CompiledBundle) -> bool:
    """True when the answer rarely names what this scenario is about (another system's design)."""
    if not compiled.anchors:
        return False
    mentions = words = 0
    for view in views:
        index = view.index
        words += index.tokens.word_count
        by_es, by_en = index.by_stem
        # a token counts once, whichever language's stem names it
        positions = {p for stem in compiled.anchor_stems[0] for p in by_es.get(stem, ())}
        positions.update(p for stem in compiled.anchor_stems[1] for p in by_en.get(stem, ()))
        mentions += len(positions)
    if words < compiled.min_words:
        return False
    return mentions < max(compiled.min_mentions, words / compiled.per_words)


def _score_item(item: CompiledItem, step: str, context: _Context) -> ItemResult:
    compiled = context.compiled
    own_only = item.id.startswith(OWN_ANSWER_ONLY)
    # the opening last: its words only preview a design item, so any other step that decides it wins
    places = [step] if own_only else [
        step, *(other for other in compiled.steps if other not in (step, OPENING_STEP)),
        *([OPENING_STEP] if OPENING_STEP in compiled.steps and step != OPENING_STEP else []),
    ]
    asking_earns = "question" in item.allow_cues
    preview: tuple[_View, Hit] | None = None
    reported: tuple[_View, str, Hit] | None = None
    unsettled: tuple[_View, str, Hit] | None = None  # named without what the item must be decided with
    for where in places:
        view = context.views[where]
        if not view.index.tokens.es:
            continue  # an empty answer (_match finds nothing in it)
        skip, firm = view.skip(asking_earns), view.firm(compiled.justify)
        if context.voice:  # a report: only its author's sentences (and asking, where it earns) decide
            unauthored = (
                view.unauthored(asking_earns) if context.voice == REPORT
                else view.told() if context.voice == STORY else view.every
            )
            deciding = skip | unauthored  # the sentences that may decide it
            hit = _match(view.index, item, strict=True, skip=deciding, firm=firm)
            if hit is None and reported is None:
                named = _match(view.index, item, strict=True, skip=skip, firm=firm)
                reported = None if named is None else (view, where, named)
        else:
            deciding = skip
            hit = _match(view.index, item, strict=True, skip=deciding, firm=firm)
        if hit is None:
            if where == step and not own_only:
                deferred = _deferred_here(view, item)
                if deferred is not None:  # its own step defers it: a word elsewhere does not decide it
                    return _result(item, step, view, where, deferred[0], MENTIONED, deferred[1])
            continue
        if where == OPENING_STEP and step != OPENING_STEP:
            # the opening sketches the topology (opening.topology); a design item is decided in its step
            preview = preview or (view, hit)
            continue
        why = _capped(item, context) or _out_of_range(item, view, hit)
        if why is not None:
            if why.code == "figure_range":
                return _result(item, step, view, where, hit, MENTIONED, why)
            break  # a figure off by 2× or another system: the mention below explains it
        if item.decided_with and not _settled(view, hit, item.decided_with):
            unsettled = unsettled or (view, where, hit)
            hit = _next_settled(view, item, hit, deciding, firm)
            if hit is None:
                continue  # another step may say how it is handled
        # asking the right opening question is the whole of what the item asks for
        if item.justify:  # the item's own depth ("jitter" for growing backoff), not any reason word
            justified = _justified(view.index, hit, item.justify, figures=False)
        else:
            justified = (
                (BY_REASON,)
                if asking_earns and is_question(view.index.tokens, hit.sentence)
                else _justified(view.index, hit, compiled.justify, compiled.tradeoff)
            )
        why = Why("justified", kind="+".join(justified)) if justified else Why("no_reason")
        return _result(item, step, view, where, hit, JUSTIFIED if justified else DECIDED, why)
    if reported is not None:
        return _result(item, step, reported[0], reported[1], reported[2], MENTIONED, Why(context.voice))
    if unsettled is not None:
        return _result(item, step, unsettled[0], unsettled[1], unsettled[2], MENTIONED, Why("unsettled"))
    if preview is not None:
        return _result(item, step, preview[0], OPENING_STEP, preview[1], MENTIONED, Why("preview"))
    return _mention(item, step, places, context)


def _result(item: CompiledItem, step: str, view: _View, where: str, hit: Hit, credit: str, why: Why) -> ItemResult:
    """An item's result with the sentence that earned (or only mentioned) it."""
    sentence, spans = evidence_of(view.index.tokens, hit)
    return ItemResult(
        id=item.id,
        step=step,
        covered=credit in (DECIDED, JUSTIFIED),
        weight=item.weight,
        evidence=Evidence(sentence=sentence, spans=spans, step=where),
        said_in=None if where == step else where,
        credit=credit,
        why=why,
        level=item.level,
    )


def _capped(item: CompiledItem, context: _Context) -> Why | None:
    """Why a decided item still earns only `mentioned`: a figure off by 2×, or another system."""
    finding = context.off_figures.get(item.id)
    if finding is not None:
        return Why("figure", detail=finding.formula)
    if item.id in DERIVED_ITEMS and item.id not in context.derived:
        # spec: a daily count alone is not the ×86,400 conversion; storage is size × rate
        return Why("underived")
    if context.off_topic and item.id in context.compiled.grounded:
        return Why("offtopic")
    return None


FIGURE_FLOOR = 100  # a figure this many times under the range is a part (4-byte ids, 20 B a string), no total


def _out_of_range(item: CompiledItem, view: _View, hit: Hit) -> Why | None:
    """`figure_range` when every total the answer states for the item's kind of figure lies outside
    its expected range (content `figure`): "100 M × 20 B = 2 GB" sizes the strings, not an index of
    34 GB. The whole answer is read, since the total may come sentences after the words ("…2 GB of
    strings. The nodes are the bigger part: … 32 GB"); no total of that kind, no finding."""
    if item.figure is None:
        return None
    kind, low, high = item.figure
    stated = [
        quantity for quantity in extract_quantities(view.index.tokens.text)
        if quantity.kind == kind and quantity.value >= low / FIGURE_FLOOR
    ]
    if not stated or any(low <= quantity.value <= high for quantity in stated):
        return None
    return Why("figure_range", detail=max(stated, key=lambda quantity: quantity.value).raw.strip())


SETTLED_WITHIN = 2  # sentences after a match where an item's `decided_with` words may stand


def _settled(view: _View, hit: Hit, phrases: tuple[Phrase, ...]) -> bool:
    """Whether the words the item must be decided with stand in the hit's sentence or the next
    `SETTLED_WITHIN` ("Hot key: the biggest customer lands on one shard. Its bucket splits into 8 sub-buckets"),
    not only asked ("Split its bucket into sub-buckets? Cache locally?")."""
    index = view.index
    last = min(hit.sentence + SETTLED_WITHIN, len(index.tokens.sentences) - 1)
    return any(
        sentence not in view.questions and _sentence_has(index, phrases, sentence)
        for sentence in range(hit.sentence, last + 1)
    )


SETTLED_TRIES = 8  # later matches in one answer tried for a settled one (a long answer stays linear)


def _next_settled(view: _View, item: CompiledItem, hit: Hit, skip: frozenset[int], firm: frozenset[int]) -> Hit | None:
    """A later match in the same answer that is settled ("Hot key: the biggest customer, one shard. …
    Mitigation: its bucket splits into 8 sub-buckets"), or None."""
    for _ in range(SETTLED_TRIES):
        skip = skip | frozenset(range(hit.sentence + 1))
        found = _match(view.index, item, strict=True, skip=skip, firm=firm)
        if found is None:
            return None
        if _settled(view, found, item.decided_with):
            return found
        hit = found
    return None


def _mention(item: CompiledItem, step: str, places: list[str], context: _Context) -> ItemResult:
    """The item was not decided anywhere: find where its words were, and why they earned nothing."""
    for where in places:
        view = context.views[where]
        hit = _match(view.index, item, strict=False)
        if hit is None:
            continue
        return _result(item, step, view, where, hit, MENTIONED, _capped(item, context) or _dismissal(view, hit))
    return ItemResult(
        item.id, step, False, item.weight, None, None, credit=NONE, why=Why("missing"), level=item.level
    )


def _deferred_here(view: _View, item: CompiledItem) -> tuple[Hit, Why] | None:
    """The item named in this answer only to be deferred ("Region DR: I didn't have time to design it,
    would come back to it later"), with the cue that did it. Not a rejection: "no connected device →
    push", "no personalization" turn down a condition or an option and decide the item."""
    hit = _match(view.index, item, strict=False)
    if hit is None:
        return None
    why = _dismissal(view, hit)
    return (hit, why) if why.code == "cue" and why.kind == "deferred" else None


def _dismissal(view: _View, hit: Hit) -> Why:
    """The stage that kept a mention from counting: a cue, a bare list or a question."""
    tokens = view.index.tokens
    dismissed = tokens.dismissed
    for position in hit.tokens:
        mark = dismissed[position] if dismissed else 0
        if mark:
            cue = tokens.cues[mark - 1]
            return Why("cue", kind=cue.kind, detail=cue.text)
    if hit.sentence in view.salad:
        return Why("list")
    if hit.sentence in view.questions:
        return Why("question")
    if hit.sentence in view.trailing:
        return Why("cue", kind="hypothetical", detail="…")
    if tokens.listed and hit.tokens and all(tokens.listed[p] for p in hit.tokens):
        return Why("list")
    return Why("cue", kind="other")


def _justified(
    index: Index, hit: Hit, justify: tuple[Phrase, ...], tradeoff: tuple[Phrase, ...] = (), figures: bool = True
) -> tuple[str, ...]:
    """How the hit is justified, in its sentence or the next: a figure (number, unless `figures`
    is off), a trade-off word (tradeoff), a reason / mechanism word (reason); empty when not."""
    tokens = index.tokens
    last = min(hit.sentence + 1, len(tokens.sentences) - 1)
    number = traded = reason = False
    for sentence in range(hit.sentence, last + 1):
        number = number or (figures and tokens.has_number[sentence])
        traded = traded or _sentence_has(index, tradeoff, sentence)
        reason = reason or _sentence_has(index, justify, sentence)
    kinds = [kind for kind, found in ((BY_NUMBER, number), (BY_TRADEOFF, traded)) if found]
    return tuple(kinds) or ((BY_REASON,) if reason else ())


def _sentence_has(index: Index, phrases: tuple[Phrase, ...], sentence: int) -> bool:
    """Whether a sentence holds one of `phrases`, each sentence looked up once per answer and phrase
    set (items share the reason words; a 1 MB answer only pays for the sentences that earn items).

    The memo lives on the index (Index.phrase_sentences): a module-level one kept the last answers'
    indexes alive, for the garbage collector to walk after every sheet."""
    if not phrases:
        return False
    cached = index.phrase_sentences.get(id(phrases))
    if cached is None or cached[0] is not phrases:
        # the phrases whose first word is in the answer, and the sentences holding one of those words:
        # only they can hold a phrase
        by_stem, sentence_of = index.by_stem, index.tokens.sentence_of
        present = tuple(phrase for phrase in phrases if phrase[1][phrase[3]] in by_stem[phrase[0]])
        anchored = frozenset(sentence_of[p] for lang, stems, _, anchor in present for p in by_stem[lang][stems[anchor]])
        cached = index.phrase_sentences[id(phrases)] = (phrases, present, {}, anchored)
    if sentence not in cached[3]:
        return False
    known = cached[2]
    found = known.get(sentence)
    if found is None:
        first, end = index.sentence_range(sentence)
        found = known[sentence] = any(True for phrase in cached[1] for _ in index.occurrences_in(phrase, first, end))
    return found


_YES_RE = re.compile(
    r"[\s\-*•>]*(?:yes|yeah|yep|sure|definitely|absolutely|of course|sí\b|si,|claro|por supuesto|desde luego)",
    re.IGNORECASE,
)


# "…, so yes: Redis with a short TTL": a yes that closes the reasoning after a question
_SO_YES_RE = re.compile(r"\b(?:so yes|then yes|así que sí|asi que si|entonces sí|entonces si)\b", re.IGNORECASE)


def _answered_yes(tokens: Tokens, question: int) -> bool:
    """The next sentence says yes: "Do we need a circuit breaker? Yes, per provider" / "…, so yes: …"."""
    if question + 1 >= len(tokens.sentences):
        return False
    start, end = tokens.sentences[question + 1]
    return _YES_RE.match(tokens.text, start, end) is not None or _SO_YES_RE.search(tokens.text, start, end) is not None


TRAILING_WORDS = 8  # longer sentences that end in "..." are usually finished thoughts


def _trails_off(tokens: Tokens, sentence: int) -> bool:
    start, end = tokens.sentences[sentence]
    body = tokens.text[start:end].rstrip()
    # a figure or a code cut short ("Idempotency-Key: 5f1c9a0e-...") is not a thought left hanging
    return body.endswith(("...", "…")) and len(body.split()) <= TRAILING_WORDS and not any(c.isdigit() for c in body)


def _match(
    index: Index, item: CompiledItem, strict: bool, skip: frozenset[int] = frozenset(),
    firm: frozenset[int] = frozenset(),
) -> Hit | None:
    if not index.tokens.es:
        return None
    if strict:
        return match_item(index, item, strict, skip, firm)
    known = index.loose.get(id(item))
    if known is None or known[0] is not item:
        known = index.loose[id(item)] = (item, match_item(index, item, strict=False))
    return known[1]


def _step_score(
    step: str,
    items: tuple[ItemResult, ...],
    arithmetic: tuple[ArithmeticFinding, ...],
    timing: TimingResult | None,
    word_count: int,
) -> StepScore:
    total_weight = sum(item.weight for item in items)
    own = interview = 0.0
    if total_weight > 0:
        own = sum(item.own_points for item in items) / total_weight
        interview = sum(item.points for item in items) / total_weight
    factor = ARITHMETIC_PENALTY ** sum(1 for finding in arithmetic if not finding.ok)
    if timing is not None and timing.score is not None:
        factor *= (1 - TIMING_SHARE) + TIMING_SHARE * timing.score
    return StepScore(
        step=step,
        score=min(1.0, max(0.0, own * factor)),
        items=items,
        arithmetic=arithmetic,
        timing=timing,
        word_count=word_count,
        interview=min(1.0, max(0.0, interview * factor)),
    )


def _total(steps: list[StepScore], compiled: CompiledBundle) -> float:
    """Budget-weighted mean of each step's interview score (items counted wherever said, once)."""
    weighted = [(compiled.budgets.get(step.step, 1), step.interview) for step in steps if step.items]
    weight = sum(w for w, _ in weighted)
    if weight == 0:
        return 0.0
    return min(1.0, max(0.0, sum(w * s for w, s in weighted) / weight))
