"""Checklist matching: compiled rules of an item, run against an analysed answer.

Rules come from content (`MatchRules`, per item and language). Both
languages' rules apply to every answer, each compared on its own language's
stems, because answers mix the two. An item matches a sentence when

- a `phrase` occurs there as consecutive tokens (stop words ignored), or
- every slot of a `together` rule has one alternative in that same sentence,

and no matched token lies inside an `exclude` phrase occurrence ("order of
magnitude" does not earn ordering) or in words the candidate rejects or defers
("we won't need a circuit breaker", "sin reintentos", "¿hace falta una DLQ?": see cues.py). `needs_number` items also need a figure in
the sentence. The earliest sentence that qualifies is the evidence.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, compress, repeat
from operator import add, ne

from coach.scoring.normalize import BARE_MARKER_RE, LABEL_WORDS, LIST_ITEM_RE, Tokens
from coach.scoring.words import phrase_stems

# A compiled phrase: (language index 0=es 1=en, stems, exact: stop words included and contiguous,
# anchor: the index of the stem looked up first).
Phrase = tuple[int, tuple[str, ...], bool, int]

MAX_STOP_GAP = 3  # stop words allowed between two words of a phrase ("cola de los mensajes")
_PAD = 64  # Index.dismissed_occurrences: room around the prefix counts for a phrase's reach
# a phrase never runs across a clause break, nor across a comparison ("reads >> writes" is no
# read-your-writes)
_BREAK_RE = re.compile(r"[,;:()\[\]¿?¡!≫≪]|\s[<>]{1,2}=?\s")


@dataclass(frozen=True)
class CompiledItem:
    """An item's rules, as stems, both languages merged."""

    id: str
    step: str
    weight: float
    needs_number: bool
    phrases: tuple[Phrase, ...]
    together: tuple[tuple[tuple[Phrase, ...], ...], ...]  # rules -> slots -> alternatives
    exclude: tuple[Phrase, ...]
    quantities: frozenset[str] = frozenset()  # figure tags that earn the item (numbers.quantity_tags)
    named: frozenset[str] = frozenset()  # products the item's hint names: they earn it even in a bare list
    allow_cues: frozenset[str] = frozenset()  # cue kinds that do not void its words (content allow_cues)
    justify: tuple[Phrase, ...] = ()  # what justifies this item, when not the framework's reason words
    level: str = "mid"  # the level the item signals (content)
    # (figure kind, min, max): a stated total outside the range does not count (content `figure`)
    figure: tuple[str, float, float] | None = None
    # words that must stand near a match for it to decide the item (content `decided_with`): a hot key
    # named without how it is handled ("the biggest customer lands on one shard") is only mentioned
    decided_with: tuple[Phrase, ...] = ()


@dataclass(frozen=True)
class Hit:
    """Where an item matched: the sentence index and the token indexes (or char spans) that earned it."""

    sentence: int
    tokens: tuple[int, ...]
    chars: tuple[tuple[int, int], ...] = ()  # absolute char spans of a figure that earned it


class Index:
    """Positions of each stem in an analysed answer, per language."""

    __slots__ = (
        "_bounds", "_dismissed_before", "_excluded", "_figures", "_figures_done", "_kept", "_lists", "by_stem",
        "loose", "phrase_sentences", "tokens",
    )

    def __init__(self, tokens: Tokens, wanted: tuple[frozenset[str], frozenset[str]] | None = None) -> None:
        """Index positions by stem; with `wanted`, only the stems a rule phrase can start with."""
        self.tokens = tokens
        by_stem: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
        for lang, column in enumerate((tokens.es, tokens.en)):
            index = by_stem[lang]
            # only the positions of wanted stems, found at C speed (a 1 MB answer is ~150k tokens)
            positions = (
                range(len(column)) if wanted is None
                else compress(range(len(column)), map(wanted[lang].__contains__, column))
            )
            for position in positions:
                stem = column[position]
                found = index.get(stem)
                if found is None:
                    index[stem] = [position]
                else:
                    found.append(position)
        self.by_stem = by_stem
        self._bounds: list[int] | None = None
        self._lists: tuple[dict[int, int], dict[int, tuple[int, ...]]] | None = None
        self._figures: list[tuple[int, frozenset[str], tuple[int, int]]] = []
        self._figures_done = 0  # sentences whose figures were read
        # exclude phrases -> sentence -> its blocked tokens (excluded)
        self._excluded: dict[tuple[Phrase, ...], dict[int, frozenset[int]]] = {}
        self._dismissed_before: list[int] | None = None  # per position: dismissed tokens before it
        # (language, anchor stem, back, reach) -> the anchors dismissed_occurrences keeps: phrases
        # sharing an anchor word and a length share the filter over its (often thousands of) positions
        self._kept: dict[tuple[int, str, int, int], list[int]] = {}
        # id(phrases) -> (phrases, those whose anchor word is here, sentence -> whether it holds one, the
        # sentences that may): the memo of scorer._sentence_has, kept here to go with the answer it describes
        self.phrase_sentences: dict[
            int, tuple[tuple[Phrase, ...], tuple[Phrase, ...], dict[int, bool], frozenset[int]]
        ] = {}
        # id(item) -> (item, its earliest mention, cues ignored): scorer._match asks twice for the
        # mention of an item its own step did not decide (a deferral, then where its words were)
        self.loose: dict[int, tuple[CompiledItem, Hit | None]] = {}

    def lists(self) -> tuple[dict[int, int], dict[int, tuple[int, ...]]]:
        """(item sentence -> its label sentence, label -> its items) of the answer's labelled lists: a
        short line ending in a colon ("Risks:", "**Riesgos y cómo los bajo:**") and the bullet or
        numbered lines right after it."""
        if self._lists is None:
            text, sentences = self.tokens.text, self.tokens.sentences
            head_of: dict[int, int] = {}
            items_of: dict[int, tuple[int, ...]] = {}
            label = -1
            items: list[int] = []
            marker = False  # "1." split off as a sentence of its own: the next one is the item
            for i, (start, end) in enumerate(sentences):
                body = text[start:end]
                if label >= 0 and BARE_MARKER_RE.match(body):
                    marker = True
                    continue
                if label >= 0 and (marker or LIST_ITEM_RE.match(body)):
                    items.append(i)
                    head_of[i] = label
                    marker = False
                    continue
                marker = False
                if label >= 0 and items:
                    items_of[label] = tuple(items)
                label, items = -1, []
                stripped = body.strip().rstrip("*_ ").strip()
                if stripped.endswith(":") and len(stripped.split()) <= LABEL_WORDS:
                    label = i
            if label >= 0 and items:
                items_of[label] = tuple(items)
            self._lists = (head_of, items_of)
        return self._lists

    def sentence_range(self, sentence: int) -> tuple[int, int]:
        """[first, last + 1) token positions of a sentence."""
        if self._bounds is None:
            sentence_of = self.tokens.sentence_of
            self._bounds = [bisect_left(sentence_of, s) for s in range(len(self.tokens.sentences) + 1)]
        return self._bounds[sentence], self._bounds[sentence + 1]

    def figures(self, limit: int | None = None) -> list[tuple[int, frozenset[str], tuple[int, int]]]:
        """(sentence, tags, char span) of the stated figures, read lazily up to sentence `limit`."""
        sentences = self.tokens.sentences
        want = len(sentences) if limit is None else min(limit, len(sentences))
        if self._figures_done < want:
            from coach.scoring.numbers import extract_quantities, quantity_tags

            text = self.tokens.text
            upto = min(len(sentences), max(want, self._figures_done + 64))
            offset = sentences[self._figures_done][0]
            starts = [start for start, _ in sentences]
            for quantity in extract_quantities(text[offset : sentences[upto - 1][1]]):
                span = (quantity.span[0] + offset, quantity.span[1] + offset)
                tags = quantity_tags(replace(quantity, span=span), text)
                if tags:
                    self._figures.append((max(bisect_right(starts, span[0]) - 1, 0), tags, span))
            self._figures_done = upto
        return self._figures

    def occurrences_in(self, phrase: Phrase, first: int, last: int) -> Iterable[tuple[int, ...]]:
        """Occurrences of `phrase` starting at token positions in [first, last)."""
        lang, stems, _, anchor = phrase
        anchors = self.by_stem[lang].get(stems[anchor], ())
        low = bisect_left(anchors, first + anchor)
        if low >= len(anchors) or anchors[low] - anchor >= last:
            return ()
        # an occurrence starts `anchor` tokens before its anchor: those that start before `last`
        return self._scan(phrase, anchors, low, bisect_left(anchors, last + anchor, low))

    def occurrences(self, phrase: Phrase) -> Iterable[tuple[int, ...]]:
        """Token positions of each occurrence of `phrase` inside one sentence, in order, lazily."""
        lang, stems, _, anchor = phrase
        candidates = self.by_stem[lang].get(stems[anchor])
        if candidates is None:
            return ()  # most phrases of most items
        return self._scan(phrase, candidates)

    def dismissed_occurrences(self, phrase: Phrase) -> Iterable[tuple[int, ...]]:
        """The occurrences of `phrase` that may hold a token a cue governs (a superset of those that do).

        Skips, without reading them, the anchors with no governed token within the phrase's reach.
        """
        lang, stems, exact, anchor = phrase
        candidates = self.by_stem[lang].get(stems[anchor])
        dismissed = self.tokens.dismissed
        if candidates is None or not dismissed:
            return ()
        # an occurrence spans [found - back, found - back + reach]
        back = anchor if exact else 0
        reach = len(stems) - 1 if exact else (len(stems) - 1) * (MAX_STOP_GAP + 1)
        before = self._dismissed_before
        if before is None:
            # governed tokens before each position, shifted by _PAD (zeros before the answer, the
            # total after it) so that a window needs no clamping
            before = list(accumulate(map(bool, dismissed), initial=0))
            before = self._dismissed_before = [0] * _PAD + before + [before[-1]] * _PAD
        key = (lang, stems[anchor], back, reach)
        kept = self._kept.get(key)
        if kept is not None:
            pass
        elif back >= _PAD or reach + 1 >= _PAD:  # pragma: no cover - no phrase is that long
            end = len(dismissed)
            kept = self._kept[key] = [
                found for found in candidates
                if before[_PAD + min(found - back + reach + 1, end)] != before[_PAD + max(found - back, 0)]
            ]
        else:  # at C speed: a common word has thousands of positions in a long answer
            lows = map(before.__getitem__, map(add, candidates, repeat(_PAD - back)))
            highs = map(before.__getitem__, map(add, candidates, repeat(_PAD - back + reach + 1)))
            kept = self._kept[key] = list(compress(candidates, map(ne, highs, lows)))
        return self._scan(phrase, kept) if kept else ()

    def excluded(self, phrases: tuple[Phrase, ...]) -> Callable[[int], frozenset[int]]:
        """Per sentence, its token positions inside an occurrence of any of `phrases` (an item's
        exclude list). An occurrence lies in one sentence: each sentence is read once, when first
        asked (the search for an item mostly stops in the first sentences of a long answer)."""
        by_sentence = self._excluded.get(phrases)
        if by_sentence is None:
            by_sentence = self._excluded[phrases] = {}

        def blocked_in(sentence: int) -> frozenset[int]:
            blocked = by_sentence.get(sentence)
            if blocked is None:
                first, last = self.sentence_range(sentence)
                positions: set[int] = set()
                for phrase in phrases:
                    for occurrence in self.occurrences_in(phrase, first, last):
                        positions.update(range(occurrence[0], occurrence[-1] + 1))
                blocked = by_sentence[sentence] = frozenset(positions)
            return blocked

        return blocked_in

    def _scan(
        self, phrase: Phrase, candidates: Sequence[int], low: int = 0, high: int | None = None
    ) -> Iterator[tuple[int, ...]]:
        """Occurrences of `phrase` at the anchor positions `candidates[low:high]`, lazily, in order."""
        lang, stems, exact, anchor = phrase
        tokens = self.tokens
        text, spans = tokens.text, tokens.spans
        column = tokens.es if lang == 0 else tokens.en
        stop = tokens.stop
        sentence_of = tokens.sentence_of
        size = len(stems)
        end = len(column)
        second = stems[1] if size > 1 else ""
        # not candidates[low:]: a copy per sentence of a long answer
        for i in range(low, len(candidates) if high is None else high):
            found = candidates[i]
            if exact:
                start = found - anchor
                last = start + size - 1
                if (
                    start >= 0
                    and last < end
                    and sentence_of[last] == sentence_of[start]
                    and column[start : last + 1] == stems
                    and not (size > 1 and _BREAK_RE.search(text, spans[start][1], spans[last][0]))
                ):
                    yield tuple(range(start, last + 1))
                continue
            start = found
            if stop[start]:
                continue
            if size == 1:
                yield (start,)
                continue
            if start + 1 >= end or (not stop[start + 1] and column[start + 1] != second):
                continue  # most candidates: the next word is the wrong content word (as the loop below finds)
            positions = [start]
            position = start
            sentence = sentence_of[start]
            for stem in stems[1:]:
                position += 1
                gap = 0
                while position < end and stop[position] and gap < MAX_STOP_GAP:
                    position += 1
                    gap += 1
                if position >= end or sentence_of[position] != sentence or column[position] != stem:
                    break
                if _BREAK_RE.search(text, spans[positions[-1]][1], spans[position][0]):
                    break  # "the average, so we size for" is not "average size"
                positions.append(position)
            else:
                yield tuple(positions)


def _start(occurrence: tuple[int, ...]) -> int:
    return occurrence[0]


def first_stems(items: Iterable[CompiledItem]) -> tuple[frozenset[str], frozenset[str]]:
    """Per language, the anchor stems of every phrase of `items` (all an Index needs)."""
    firsts: tuple[set[str], set[str]] = (set(), set())
    for item in items:
        phrases = [*item.phrases, *item.exclude, *item.justify, *item.decided_with]
        phrases += [phrase for rule in item.together for slot in rule for phrase in slot]
        for lang, stems, _, anchor in phrases:
            firsts[lang].add(stems[anchor])
    return frozenset(firsts[0]), frozenset(firsts[1])


def compile_phrases(raw: Iterable[tuple[str, str]]) -> tuple[Phrase, ...]:
    """(lang, text) pairs -> compiled phrases; phrases of only stop words are dropped."""
    out: list[Phrase] = []
    seen: set[Phrase] = set()
    for lang, text in raw:
        stems, exact, anchor = phrase_stems(text, lang)
        phrase: Phrase = (0 if lang == "es" else 1, stems, exact, anchor)
        if stems and phrase not in seen:
            seen.add(phrase)
            out.append(phrase)
    return tuple(out)


def compile_item(
    item_id: str,
    step: str,
    weight: float,
    needs_number: bool,
    rules: Sequence[tuple[str, Sequence[str], Sequence[Sequence[str]], Sequence[str]]],
    quantities: Iterable[str] = (),
    named: Iterable[str] = (),
    allow_cues: Iterable[str] = (),
    level: str = "mid",
    justify: Iterable[tuple[str, str]] = (),
    figure: tuple[str, float, float] | None = None,
    decided_with: Iterable[tuple[str, str]] = (),
) -> CompiledItem:
    """Compile one item from its rules per language: (lang, phrases, together, exclude)."""
    phrases = compile_phrases((lang, text) for lang, texts, _, _ in rules for text in texts)
    exclude = compile_phrases((lang, text) for lang, _, _, texts in rules for text in texts)
    together: list[tuple[tuple[Phrase, ...], ...]] = []
    for lang, _, rule_list, _ in rules:
        for rule in rule_list:
            slots = tuple(
                compile_phrases((lang, alt.strip()) for alt in slot.split("|") if alt.strip())
                for slot in rule
            )
            if slots and all(slots):
                together.append(slots)
    return CompiledItem(
        id=item_id,
        step=step,
        weight=weight,
        needs_number=needs_number,
        phrases=phrases,
        together=tuple(together),
        exclude=exclude,
        quantities=frozenset(quantities),
        named=frozenset(named),
        allow_cues=frozenset(allow_cues),
        level=level,
        justify=compile_phrases(justify),
        figure=figure,
        decided_with=compile_phrases(decided_with),
    )


# "though" closing a clause is an aside ("I wouldn't retry on the client though, by the time…"), not a turn;
# a self-correction turns too ("864 mil… no, perdón, me comí un cero: 8,64 millones al día"); "pero no"
# does not ("se mencionó un 99,9 %…, pero no lo adoptamos")
_TURN_RE = re.compile(
    r"\b(?:but(?!,? no\b)|however|although|though(?!\s*[,.;])|whereas|pero(?!,? no\b)|sino|aunque|sin embargo|en cambio"
    r"|no,? sorry|no,? perdón|mejor dicho|quiero decir|I mean)\b",
    re.IGNORECASE,
)
_SPOILING = frozenset({"rejected", "deferred"})


def _spoiled_sentences(index: Index, phrases: Iterable[Phrase], allow: frozenset[str]) -> frozenset[int]:
    """Sentences where a cue dismisses one of an item's `phrases` (rejected, deferred, supposed)."""
    tokens = index.tokens
    sentence_of = tokens.sentence_of
    found: set[int] = set()
    for phrase in phrases:
        for positions in index.dismissed_occurrences(phrase):
            kinds = _dismissing_kinds(tokens, positions)
            if kinds & _SPOILING and not kinds & allow:
                found.add(sentence_of[positions[0]])
    if not found:
        return frozenset()
    text, sentences = tokens.text, tokens.sentences
    return frozenset(s for s in found if not _TURN_RE.search(text, *sentences[s]))


_SPOILED_ONE_BY_ONE = 32  # sentences _Spoiled reads one by one before it reads the whole answer


class _Spoiled:
    """The sentences of `_spoiled_sentences`, read one by one as the search asks about them.

    The search stops at the earliest sentence that earns the item, in the first sentences of most
    long answers; reading every phrase's dismissed occurrences first cost more than the search.
    Past _SPOILED_ONE_BY_ONE sentences asked, the whole answer at once (the same verdicts).
    """

    __slots__ = ("_all", "_allow", "_index", "_known", "_phrases")

    def __init__(self, index: Index, phrases: list[Phrase], allow: frozenset[str]) -> None:
        self._index, self._phrases, self._allow = index, phrases, allow
        self._known: dict[int, bool] = {}
        self._all: frozenset[int] | None = None

    def __contains__(self, sentence: int) -> bool:
        if self._all is not None:
            return sentence in self._all
        known = self._known.get(sentence)
        if known is None:
            if len(self._known) >= _SPOILED_ONE_BY_ONE:
                self._all = _spoiled_sentences(self._index, self._phrases, self._allow)
                return sentence in self._all
            known = self._known[sentence] = self._read(sentence)
        return known

    def _read(self, sentence: int) -> bool:
        """Whether the sentence is spoiled: an occurrence of a phrase in it (each lies in the sentence
        of its first word) holds a spoiling cue, and the sentence does not turn."""
        index = self._index
        tokens = index.tokens
        first, last = index.sentence_range(sentence)
        for phrase in self._phrases:
            for positions in index.occurrences_in(phrase, first, last):
                kinds = _dismissing_kinds(tokens, positions)
                if kinds & _SPOILING and not kinds & self._allow:
                    return not _TURN_RE.search(tokens.text, *tokens.sentences[sentence])
        return False


def match_item(
    index: Index,
    item: CompiledItem,
    strict: bool = True,
    skip: frozenset[int] = frozenset(),
    firm: frozenset[int] = frozenset(),
) -> Hit | None:
    """The earliest sentence of the answer that earns `item`, or None.

    `strict`: words a cue governs (rejected, deferred, asked...: see cues.py) and the
    sentences in `skip` (bare lists, questions: the scorer decides) earn nothing, except a hedge
    in a `firm` sentence (one with a figure or a reason). Not strict: any mention counts, which
    is how the scorer finds what was only `mentioned`.
    """
    tokens = index.tokens
    by_stem = index.by_stem
    in_answer = by_stem[0].keys(), by_stem[1].keys()  # a key view's isdisjoint reads the smaller side
    anchors = _item_anchors(item)
    # whether any phrase can occur: its first word is in the answer (most items, most answers: no)
    has_phrases = not (in_answer[0].isdisjoint(anchors.phrases[0]) and in_answer[1].isdisjoint(anchors.phrases[1]))
    gate_es, gate_en = anchors.together_gate
    has_together = bool(item.together) and not (in_answer[0].isdisjoint(gate_es) and in_answer[1].isdisjoint(gate_en))
    if not (has_phrases or has_together or item.quantities):
        return None  # none of its words is in the answer (most items, most answers)
    # the phrases whose anchor word is in the answer, in order: the others occur nowhere
    phrases = [phrase for phrase in item.phrases if phrase[1][phrase[3]] in by_stem[phrase[0]]] if has_phrases else []
    excluded: list[Callable[[int], frozenset[int]]] = []  # a sentence's excluded tokens, when first needed
    has_number = tokens.has_number
    sentence_of = tokens.sentence_of

    dismissed = tokens.dismissed if strict else ()
    has_dismissed = bool(dismissed)  # empty when nothing is dismissed
    allow = item.allow_cues  # "what volumes do we expect?" earns opening.volumes (content data)
    cues = tokens.cues
    listed = tokens.listed if strict else ()
    named = item.named
    spans = tokens.spans

    # a sentence that rejects or defers the item is about not doing it: a second mention in
    # it ("No Redis either: a cache is one more thing to invalidate") decides nothing, unless
    # the sentence turns ("we don't cache sessions, but templates are cached for 5 min")
    spoiled = _Spoiled(index, phrases, allow) if strict and has_dismissed and has_phrases else None

    def skipped(sentence: int) -> bool:
        return sentence in skip or (spoiled is not None and sentence in spoiled)

    def usable(positions: tuple[int, ...]) -> bool:
        if skipped(sentence_of[positions[0]]):
            return False
        if item.needs_number and not has_number[sentence_of[positions[0]]]:
            return False
        if has_dismissed and any(
            dismissed[p]
            and cues[dismissed[p] - 1].kind not in allow
            # a hedge with a figure or a reason beside it is a commitment ("probably 2-3 s timeouts")
            and not (cues[dismissed[p] - 1].kind == "hedged" and sentence_of[p] in firm)
            and not _cue_within(cues[dismissed[p] - 1].span, spans[positions[0]][0], spans[positions[-1]][1])
            for p in positions
        ):
            return False  # "we won't need a circuit breaker", "do we need a DLQ?" (cues.py)
        if listed and all(listed[p] for p in positions) and not all(listed[p] in named for p in positions):
            return False  # "Prometheus, Grafana, ELK, Jaeger.": tools listed, no technique named
        if not item.exclude:
            return True
        if not excluded:
            excluded.append(index.excluded(item.exclude))
        blocked = excluded[0](sentence_of[positions[0]])  # an occurrence lies in one sentence
        return not blocked or all(p not in blocked for p in positions)

    best: Hit | None = None
    for phrase in phrases:
        for positions in index.occurrences(phrase):
            if best is not None and sentence_of[positions[0]] >= best.sentence:
                break
            if usable(positions):
                best = Hit(sentence_of[positions[0]], positions)
                break
    in_es, in_en = in_answer
    for rule, slots in zip(item.together, anchors.together, strict=True) if has_together else ():
        for es, en in slots:
            if in_es.isdisjoint(es) and in_en.isdisjoint(en):
                break  # a slot with no word in the answer: the rule cannot match
        else:
            hit = _match_together(index, rule, usable, best.sentence if best else None)
            if hit is not None and (best is None or hit.sentence < best.sentence):
                best = hit
    if item.quantities and index.tokens.sentences and (best is None or best.sentence > 0):
        for sentence, tags, span in index.figures(best.sentence if best else None):
            if best is not None and sentence >= best.sentence:
                break
            if tags & item.quantities and not skipped(sentence):
                best = Hit(sentence, (), (span,))
                break
    return best


def _dismissing_kinds(tokens: Tokens, positions: tuple[int, ...]) -> set[str]:
    """The kinds of the cues that govern an occurrence's tokens, those inside its own words aside."""
    dismissed, cues, spans = tokens.dismissed, tokens.cues, tokens.spans
    start, end = spans[positions[0]][0], spans[positions[-1]][1]
    return {
        cues[dismissed[p] - 1].kind for p in positions
        if dismissed[p] and not _cue_within(cues[dismissed[p] - 1].span, start, end)
    }


def _cue_within(cue: tuple[int, int], start: int, end: int) -> bool:
    """Whether a cue's words lie inside a phrase's occurrence: the item's own words ("rules reloaded without
    a deploy": its "without" is no rejection of the deploy, it is what the item asks for)."""
    return start <= cue[0] and cue[1] <= end


StemSets = tuple[frozenset[str], frozenset[str]]  # per language (0 es, 1 en)


@dataclass(frozen=True)
class _ItemAnchors:
    """The anchor stems of an item's rules: what an answer must hold for each of them to match."""

    phrases: StemSets  # of its phrases
    together: tuple[tuple[StemSets, ...], ...]  # per together rule, per slot: of the slot's alternatives
    # of one slot per rule (its fewest alternatives), merged: an answer without any of them matches no rule
    together_gate: StemSets


def _anchor_sets(phrases: Iterable[Phrase]) -> StemSets:
    stems: tuple[set[str], set[str]] = (set(), set())
    for lang, words, _, anchor in phrases:
        stems[lang].add(words[anchor])
    return frozenset(stems[0]), frozenset(stems[1])


_ANCHORS: dict[int, tuple[CompiledItem, _ItemAnchors]] = {}


def _item_anchors(item: CompiledItem) -> _ItemAnchors:
    """The anchor stems of the item's phrases and of its together rules' slots (kept per compiled item)."""
    cached = _ANCHORS.get(id(item))
    if cached is None or cached[0] is not item:
        if len(_ANCHORS) > 4096:
            _ANCHORS.clear()
        gate = [min(rule, key=len) for rule in item.together if rule]
        anchors = _ItemAnchors(
            _anchor_sets(item.phrases),
            tuple(tuple(_anchor_sets(slot) for slot in rule) for rule in item.together),
            _anchor_sets(phrase for slot in gate for phrase in slot),
        )
        cached = _ANCHORS[id(item)] = (item, anchors)
    return cached[1]


def _match_together(
    index: Index,
    rule: tuple[tuple[Phrase, ...], ...],
    check: Callable[[tuple[int, ...]], bool],
    before: int | None,
) -> Hit | None:
    """Earliest sentence (before `before`) holding one alternative of every slot.

    Walks the rarest slot's occurrences and looks for the other slots only
    inside each candidate sentence, so long answers stay fast. Every slot has a word in the
    answer (match_item checks, with `_item_anchors`).
    """
    by_stem = index.by_stem
    sentence_of = index.tokens.sentence_of
    counts = []  # the occurrences of each slot's anchor words (plain loops: a generator per slot cost more)
    for slot in rule:
        count = 0
        earliest = -1  # the slot's first anchor word in the answer (an occurrence lies in its anchor's sentence)
        for lang, stems, _, anchor in slot:
            anchored = by_stem[lang].get(stems[anchor])
            if anchored:
                count += len(anchored)
                if earliest < 0 or anchored[0] < earliest:
                    earliest = anchored[0]
        if before is not None and (earliest < 0 or sentence_of[earliest] >= before):
            return None  # a slot with no word before `before`: no earlier sentence holds every slot
        counts.append(count)
    order = sorted(range(len(rule)), key=counts.__getitem__)
    pivot = rule[order[0]]
    # the other slots' phrases whose anchor word is in the answer: the rest occur in no sentence
    others = [[phrase for phrase in rule[i] if phrase[1][phrase[3]] in by_stem[phrase[0]]] for i in order[1:]]
    # lazily, in text order: a match in the first sentences stops the walk (one phrase in the
    # answer, as is common, needs no merge)
    sources = [index.occurrences(phrase) for phrase in pivot if phrase[1][phrase[3]] in by_stem[phrase[0]]]
    candidates = sources[0] if len(sources) == 1 else heapq.merge(*sources, key=_start)
    head_of, items_of = index.lists()
    tried: set[int] = set()
    for positions in candidates:
        sentence = sentence_of[positions[0]]
        if before is not None and sentence >= before:
            break
        if not check(positions):
            continue
        # a label's word reaches the items of its list ("Risks:" / "1. unknown outcomes → lookup first")
        for target in (sentence, *items_of.get(sentence, ())):
            if target in tried or (before is not None and target >= before):
                continue
            tried.add(target)
            first, last = index.sentence_range(target)
            head = head_of.get(target)
            ranges = [(first, last)] if head is None else [(first, last), index.sentence_range(head)]
            matched = set(positions)
            for alternatives in others:
                found: tuple[int, ...] | None = None
                for phrase in alternatives:
                    for start, end in ranges:
                        for occ in index.occurrences_in(phrase, start, end):
                            # one word never fills two slots ("hash" is not "hash" + "key")
                            if check(occ) and matched.isdisjoint(occ):
                                if found is None or occ[0] < found[0]:
                                    found = occ
                                break
                if found is None:
                    break
                matched.update(found)
            else:
                own = tuple(sorted(p for p in matched if first <= p < last))
                if own:  # the item's words stand in this sentence, not only in its label
                    return Hit(target, own)
    return None


def evidence_of(tokens: Tokens, hit: Hit) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The hit's sentence text and the matched words' spans relative to it (merged, sorted)."""
    start, end = tokens.sentences[hit.sentence]
    spans = sorted({tokens.spans[p] for p in hit.tokens} | set(hit.chars))
    sentence = tokens.text[start:end]
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = max(s - start, 0), min(e - start, len(sentence))
        # words next to each other read as one highlight: "dead-letter queue", "per day", "86.400"
        if merged and (s <= merged[-1][1] or not sentence[merged[-1][1] : s].strip(" -/.,")):
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return sentence, tuple(merged)
