"""Checklist matching: compiled rules of an item, run against an analysed answer.

Rules come from content (`MatchRules`, per item and language). Both
languages' rules apply to every answer, each compared on its own language's
stems, because answers mix the two. An item matches a sentence when

- a `phrase` occurs there as consecutive tokens (stop words ignored), or
- every slot of a `together` rule has one alternative in that same sentence,

and no matched token lies inside an `exclude` phrase occurrence ("order of
magnitude" does not earn ordering). `needs_number` items also need a figure in
the sentence. The earliest sentence that qualifies is the evidence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from coach.scoring.normalize import Tokens, phrase_stems

# A compiled phrase: (language index 0=es 1=en, stems, exact: stop words included and contiguous).
Phrase = tuple[int, tuple[str, ...], bool]

MAX_STOP_GAP = 3  # stop words allowed between two words of a phrase ("cola de los mensajes")


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


@dataclass(frozen=True)
class Hit:
    """Where an item matched: the sentence index and the token indexes (or char spans) that earned it."""

    sentence: int
    tokens: tuple[int, ...]
    chars: tuple[tuple[int, int], ...] = ()  # absolute char spans of a figure that earned it


class Index:
    """Positions of each stem in an analysed answer, per language."""

    __slots__ = ("_figures", "by_stem", "tokens")

    def __init__(self, tokens: Tokens, wanted: tuple[frozenset[str], frozenset[str]] | None = None) -> None:
        """Index positions by stem; with `wanted`, only the stems a rule phrase can start with."""
        self.tokens = tokens
        by_stem: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
        for lang, column in enumerate((tokens.es, tokens.en)):
            index = by_stem[lang]
            if wanted is None:
                hits = list(enumerate(column))
            else:
                keep = wanted[lang]
                hits = [(p, stem) for p, stem in enumerate(column) if stem in keep]
            for position, stem in hits:
                found = index.get(stem)
                if found is None:
                    index[stem] = [position]
                else:
                    found.append(position)
        self.by_stem = by_stem
        self._figures: list[tuple[int, frozenset[str], tuple[int, int]]] | None = None

    def figures(self) -> list[tuple[int, frozenset[str], tuple[int, int]]]:
        """(sentence, tags, char span) of every stated figure, read on first use."""
        if self._figures is None:
            from coach.scoring.numbers import extract_quantities, quantity_tags

            starts = [start for start, _ in self.tokens.sentences]
            figures = []
            for quantity in extract_quantities(self.tokens.text):
                tags = quantity_tags(quantity, self.tokens.text)
                if tags:
                    sentence = bisect_right(starts, quantity.span[0]) - 1
                    figures.append((max(sentence, 0), tags, quantity.span))
            self._figures = figures
        return self._figures

    def occurrences(self, phrase: Phrase) -> Iterable[tuple[int, ...]]:
        """Token positions of each occurrence of `phrase` inside one sentence, in order."""
        lang, stems, exact = phrase
        tokens = self.tokens
        column = tokens.es if lang == 0 else tokens.en
        stop = tokens.stop
        sentence_of = tokens.sentence_of
        size = len(stems)
        end = len(column)
        for start in self.by_stem[lang].get(stems[0], ()):
            if size == 1:
                if exact or not stop[start]:
                    yield (start,)
                continue
            if exact:
                last = start + size - 1
                if last < end and sentence_of[last] == sentence_of[start] and all(
                    column[start + k] == stems[k] for k in range(1, size)
                ):
                    yield tuple(range(start, start + size))
                continue
            if stop[start]:
                continue
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
                positions.append(position)
            else:
                yield tuple(positions)


def first_stems(items: Iterable[CompiledItem]) -> tuple[frozenset[str], frozenset[str]]:
    """Per language, the stems any phrase of `items` starts with (all an Index needs)."""
    firsts: tuple[set[str], set[str]] = (set(), set())
    for item in items:
        phrases = [*item.phrases, *item.exclude]
        phrases += [phrase for rule in item.together for slot in rule for phrase in slot]
        for lang, stems, _ in phrases:
            firsts[lang].add(stems[0])
    return frozenset(firsts[0]), frozenset(firsts[1])


def compile_phrases(raw: Iterable[tuple[str, str]]) -> tuple[Phrase, ...]:
    """(lang, text) pairs -> compiled phrases; phrases of only stop words are dropped."""
    out: list[Phrase] = []
    seen: set[Phrase] = set()
    for lang, text in raw:
        stems, exact = phrase_stems(text, lang)
        phrase: Phrase = (0 if lang == "es" else 1, stems, exact)
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
    )


def _excluded(index: Index, item: CompiledItem) -> frozenset[int]:
    if not item.exclude:
        return frozenset()
    blocked: set[int] = set()
    for phrase in item.exclude:
        for positions in index.occurrences(phrase):
            blocked.update(range(positions[0], positions[-1] + 1))
    return frozenset(blocked)


def match_item(index: Index, item: CompiledItem) -> Hit | None:
    """The earliest sentence of the answer that earns `item`, or None."""
    tokens = index.tokens
    blocked = _excluded(index, item)
    has_number = tokens.has_number
    sentence_of = tokens.sentence_of

    def usable(positions: tuple[int, ...]) -> bool:
        if item.needs_number and not has_number[sentence_of[positions[0]]]:
            return False
        return not blocked or all(p not in blocked for p in positions)

    best: Hit | None = None
    for phrase in item.phrases:
        for positions in index.occurrences(phrase):
            if best is not None and sentence_of[positions[0]] >= best.sentence:
                break
            if usable(positions):
                best = Hit(sentence_of[positions[0]], positions)
                break
    for rule in item.together:
        hit = _match_together(index, rule, usable, best.sentence if best else None)
        if hit is not None and (best is None or hit.sentence < best.sentence):
            best = hit
    if item.quantities and index.tokens.sentences:
        for sentence, tags, span in index.figures():
            if best is not None and sentence >= best.sentence:
                break
            if tags & item.quantities:
                best = Hit(sentence, (), (span,))
                break
    return best


def _match_together(
    index: Index,
    rule: tuple[tuple[Phrase, ...], ...],
    check: Callable[[tuple[int, ...]], bool],
    before: int | None,
) -> Hit | None:
    """Earliest sentence (before `before`) holding one alternative of every slot."""
    sentence_of = index.tokens.sentence_of
    per_slot: list[dict[int, tuple[int, ...]]] = []
    for slot in rule:
        found: dict[int, tuple[int, ...]] = {}
        for phrase in slot:
            for positions in index.occurrences(phrase):
                sentence = sentence_of[positions[0]]
                if before is not None and sentence >= before:
                    break
                if sentence in found and found[sentence][0] <= positions[0]:
                    continue
                if check(positions):
                    found[sentence] = positions
        if not found:
            return None
        per_slot.append(found)
    common = set(per_slot[0])
    for found in per_slot[1:]:
        common &= set(found)
        if not common:
            return None
    sentence = min(common)
    matched: set[int] = set()
    for found in per_slot:
        matched.update(found[sentence])
    return Hit(sentence, tuple(sorted(matched)))


def evidence_of(tokens: Tokens, hit: Hit) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The hit's sentence text and the matched words' spans relative to it (merged, sorted)."""
    start, end = tokens.sentences[hit.sentence]
    spans = sorted({tokens.spans[p] for p in hit.tokens} | set(hit.chars))
    sentence = tokens.text[start:end]
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = max(s - start, 0), min(e - start, len(sentence))
        # words next to each other read as one highlight: "dead-letter queue", "per day"
        if merged and (s <= merged[-1][1] or not sentence[merged[-1][1] : s].strip(" -/")):
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return sentence, tuple(merged)
