"""Text normalisation for matching, in Spanish and English.

An answer becomes a stream of tokens. Each token keeps the char span it came
from (for highlighting), the sentence it sits in, and two stems: the Spanish
and the English snowball stem of its lower-cased, accent-free form. Rules
written in Spanish are compared on Spanish stems, rules written in English on
English stems, so a Spanish answer full of English terms matches either way.

Before stemming, fixed multi-word variants are rewritten to one canonical form
(`req/s`, `RPS`, `requests per second` -> `qps`; `DLQ` -> `dead letter
queue`; `percentil 95` -> `p95` ...), and stop words are dropped. Hyphens,
slashes, underscores and camelCase split words, so `dead-letter`, `dead
letter` and `deadLetter` are the same tokens.

The word-level steps (folding, stems, stop words, rewrites, a rule phrase as stems)
live in words.py, which cues.py shares without importing this module.

Per-word memos (the one place they are explained): `_INFO` (word -> stems and
flags) here; `FOLDED` (raw word -> folded), `_CORRECTED` (per corrector: raw word
-> folded, corrected) and `_STEMS` (word -> stems) in words.py; and `Corrector._cache`
in typos.py. They are plain dicts, not functools caches, because the hot loops
of `analyse` call their bound `.get` once per token (a 1 MB answer is ~150k
tokens; an lru_cache call per token costs more than the rest of the loop).
They map a word to a pure function of it, so they never go stale; each stops
growing at WORD_MEMO_LIMIT entries (memory stays bounded on hostile input)
and is never cleared. Compiled rules are cached elsewhere: coach/scoring/cache.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter

from coach.scoring.cues import Cue, find_cues, merged_words
from coach.scoring.lists import listed_products
from coach.scoring.words import (
    DIGIT_RE,
    NUMBER_WORDS,
    PERCENTILE_SIGNS,
    PERCENTILE_WORDS,
    REWRITE_FIRST,
    STOP_WORDS,
    WORD_MEMO_LIMIT,
    fold_words,
    raw_words,
    rewrite_at,
    stems,
)


@dataclass(frozen=True)
class Tokens:
    """An analysed text: parallel tuples, one entry per token kept for matching."""

    text: str
    es: tuple[str, ...]  # Spanish stems
    en: tuple[str, ...]  # English stems
    spans: tuple[tuple[int, int], ...]  # char spans in `text`
    stop: tuple[bool, ...]  # a stop word: skipped by ordinary phrases, matched by exact ones
    sentence_of: tuple[int, ...]  # index into `sentences`
    sentences: tuple[tuple[int, int], ...]  # char spans of sentences in `text`
    has_number: tuple[bool, ...]  # per sentence: holds a figure ("100", "cien", "8.64M")
    word_count: int
    # per token: 0 (free) or the 1-based index into `cues` of the cue that governs it (cues.py); () when none is
    dismissed: tuple[int, ...] = ()
    listed: tuple[str, ...] = ()  # per token: the product it names in a bare list (lists.py), else ""; () when none
    cues: tuple[Cue, ...] = ()  # what rejects, defers, supposes, asks or is in another sense (cues.py)
    # the voice of each sentence (cues.py, `report` and `author_words`): who decides in it
    reported: frozenset[int] = frozenset()  # sentences that speak of what others do or what a term means
    author: frozenset[int] = frozenset()  # sentences in which the author speaks ("I", "we", "propongo")
    # the list items under a label that reports ("**Lo que buscamos**" then bullets: reported_lists)
    report_items: frozenset[int] = frozenset()


_BOUNDARY_RE = re.compile(
    # end punctuation (and closing emphasis: "*Rejected.*"), then space; not an abbreviation's full stop
    # ("decoupled, i.e. is the send…?", "e.g.", "vs.", "p. ej.", "aprox.")
    r"(?<=[.!?])(?<!\b[iI]\.[eE]\.)(?<!\b[eE]\.[gG]\.)(?<!\bvs\.)(?<!\bej\.)(?<!\bp\.)(?<!\bapprox\.)(?<!\baprox\.)(?<!\bcf\.)"
    r"[\"')\]*_]*\s+"
    r"|\n[ \t]*\n\s*"  # blank line
    r"|\n(?=[ \t]*(?:[-*+•>|#]|\d+[.)]\s|[^\sa-záéíóúñü]))"  # a new line that starts a new thing
)


LIST_ITEM_RE = re.compile(r"\s*(?:[-*•+]\s|\d{1,2}[.)]\s|\(\d{1,2}\)\s|[a-z][.)]\s)")  # "- ", "1. ", "(2) ", "a) "
BARE_MARKER_RE = re.compile(r"\s*\(?\d{1,2}[.)]\s*$")  # "1." alone: the sentence splitter cut it off its item
LABEL_WORDS = 6  # a list's label is a short line ending in a colon (or a line in bold, for a voice's label)
_BOLD_LINE_RE = re.compile(r"\s*(\*\*|__)[^*_\n]+\1\s*$")  # "**Lo que buscamos**"


def reported_lists(text: str, sentences: Sequence[tuple[int, int]], reported: frozenset[int]) -> frozenset[int]:
    """`reported` and the list items under a label that reports ("**Lo que buscamos**", "Nice to
    have:", "Valorable:"), and the rows under a table's header that reports ("| Término | Nota de
    uso |"): a job advert's bullets or a glossary's rows name techniques in no one's decision, each
    too short to carry the phrase itself. An item's later sentences on the same line go with it."""
    if not reported:
        return reported
    out = set(reported)
    label = listing = table = False
    previous_end = 0
    for i, (start, end) in enumerate(sentences):
        body = text[start:end]
        same_line = "\n" not in text[previous_end:start]
        previous_end = end
        row = table and body.lstrip().startswith("|")
        if (label or listing) and (
            row or (not table and (LIST_ITEM_RE.match(body) or BARE_MARKER_RE.match(body))) or (listing and same_line)
        ):
            out.add(i)
            label, listing = False, True
            continue
        stripped = body.strip().rstrip("*_ ").strip()
        table = i in reported and stripped.startswith("|")
        label = table or (i in reported and len(stripped.split()) <= LABEL_WORDS and (
            stripped.endswith(":") or bool(_BOLD_LINE_RE.match(body))
        ))
        listing = False
    return frozenset(out)


_TIMESTAMP_RE = re.compile(r"[*_\s]*[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[*_]*")


def _after_timestamp(text: str, start: int, end: int) -> int:
    """Where a sentence's words start after a leading timestamp ("[01:40]", "(12:05)", "00:40"), if any."""
    if not text[start : start + 6].lstrip("*_ [(")[:1].isdigit():
        return start  # most sentences: no timestamp to look for
    found = _TIMESTAMP_RE.match(text, start, end)
    return found.end() if found else start


# a design doc's emphasised label closed by a full stop: "**Risks.**", "*Partitioning.*"
_EMPHASISED_LABEL_RE = re.compile(r"[-•\s]*(?:\*\*|__|\*|_)[^*_\n.:]{1,40}\.(?:\*\*|__|\*|_)?")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: end punctuation, blank lines, bullets, and lines that start afresh.

    A line that begins in lower case continues the sentence above (hard-wrapped prose).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY_RE.finditer(text):
        if boundary.start() > start:
            spans.append((start, boundary.start()))
        start = boundary.end()
    if start < len(text):
        spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            if out and _EMPHASISED_LABEL_RE.fullmatch(text, *out[-1]) and "\n" not in text[out[-1][1] : s]:
                out[-1] = (out[-1][0], e)  # "**Risks.** (1) Hot groups → chunked fan-out": the label heads its line
            else:
                out.append((s, e))
    return out


_INFO: dict[str, tuple[str, str, bool, bool]] = {}


def _info(word: str) -> tuple[str, str, bool, bool]:
    """(es stem, en stem, is a stop word, is a number word) of a canonical word, cached."""
    info = _INFO.get(word)
    if info is None:
        stem_es, stem_en = stems(word)
        info = (stem_es, stem_en, word in STOP_WORDS, word in NUMBER_WORDS)
        if len(_INFO) < WORD_MEMO_LIMIT:
            _INFO[word] = info
    return info


def analyse(
    text: str, correct: Callable[[str], str] | None = None, keep_whole: Container[str] = frozenset()
) -> Tokens:
    """Tokenise, normalise and stem an answer, sentence by sentence.

    `correct` maps a folded word to its intended spelling (see typos.py);
    `keep_whole` holds the folded words never split at camelCase.
    Written for speed (a 1 MB answer in well under a second): list
    comprehensions, per-word caches, and the rewrite pass only where a
    rewrite can start.
    """
    sentences = split_sentences(text)
    raw = raw_words(text, 0, len(text), keep_whole)
    canon = fold_words(raw, correct)
    raw_spans = [(start, end) for _, start, end in raw]
    raw_sentence = _sentence_of_words([start for start, _ in raw_spans], sentences)

    # rewrites and percentiles, only where one can start, never across sentences (map/compress:
    # C speed over the ~150k words of a 1 MB answer)
    count = len(canon)
    special = set(compress(range(count), map(REWRITE_FIRST.__contains__, canon)))
    special.update(compress(range(count), map(PERCENTILE_SIGNS.__contains__, canon)))
    special.update(i - 1 for i in compress(range(count), map(PERCENTILE_WORDS.__contains__, canon)) if i)
    words: list[str] = []
    plain: list[int] = []  # per word: the raw word it comes from unchanged (-1: a rewrite)
    spans: list[tuple[int, int]] = []
    sentence_of: list[int] = []
    chunks: list[tuple[int, int]] = []  # (first raw word, its position) of each run of unchanged words
    done = 0
    for i in sorted(special):
        if i < done:
            continue
        size, replacement = rewrite_at(canon, raw_sentence, i, count)
        if not size:
            continue
        chunks.append((done, len(words)))
        words.extend(canon[done:i])
        plain.extend(range(done, i))
        spans.extend(raw_spans[done:i])
        sentence_of.extend(raw_sentence[done:i])
        joined = (raw_spans[i][0], raw_spans[i + size - 1][1])
        words.extend(replacement)
        plain.extend([-1] * len(replacement))
        spans.extend([joined] * len(replacement))
        sentence_of.extend([raw_sentence[i]] * len(replacement))
        done = i + size
    chunks.append((done, len(words)))
    words.extend(canon[done:])
    plain.extend(range(done, count))
    spans.extend(raw_spans[done:])
    sentence_of.extend(raw_sentence[done:])

    info_get = _INFO.get
    infos = [info_get(word) or _info(word) for word in words]
    # a transcript's timestamp ("[27:00] Logs, metrics, probably some tracing") is no figure of the design
    has_number = [DIGIT_RE.search(text, _after_timestamp(text, start, end), end) is not None for start, end in sentences]
    for sentence in compress(sentence_of, map(itemgetter(3), infos)):  # a number word
        has_number[sentence] = True
    es = list(map(itemgetter(0), infos))
    en = list(map(itemgetter(1), infos))
    stop = list(map(itemgetter(2), infos))
    # cues read the words as written: the typo corrector aims at concept words and may turn a cue
    # word into one ("pondría" -> "podria")
    cue_words, cue_es, cue_en = words, es, en
    if correct is not None:
        cue_words, cue_es, cue_en = list(words), list(es), list(en)
        # the raw words the corrector changed (and no rewrite took): their positions, by chunk
        written_words = fold_words(raw)
        chunk_starts = [first for first, _ in chunks]
        for source in compress(range(count), map(str.__ne__, written_words, canon)):
            first, position = chunks[bisect_right(chunk_starts, source) - 1]
            position += source - first
            if position < len(plain) and plain[position] == source:
                written = written_words[source]
                cue_words[position] = written
                cue_es[position], cue_en[position] = stems(written)
    cues, dismissed, reported = find_cues(text, cue_es, cue_en, cue_words, stop, spans, sentence_of, sentences)
    author = frozenset(compress(sentence_of, map(merged_words("author_words").__contains__, cue_words)))
    return Tokens(
        text=text,
        es=tuple(es),
        en=tuple(en),
        spans=tuple(spans),
        stop=tuple(stop),
        sentence_of=tuple(sentence_of),
        sentences=tuple(sentences),
        has_number=tuple(has_number),
        word_count=len(raw),
        dismissed=dismissed,
        cues=cues,
        reported=reported,
        report_items=reported_lists(text, sentences, reported) - reported,
        author=author,
        listed=listed_products(text, sentences, words, sentence_of),
    )


def _sentence_of_words(starts: list[int], sentences: list[tuple[int, int]]) -> list[int]:
    """Per word (by its start), the sentence it sits in: the last one starting at or before it (-1: none).

    One bisect per sentence instead of one per word (both lists are sorted).
    """
    out: list[int] = [-1] * (bisect_left(starts, sentences[0][0]) if sentences else len(starts))
    for index in range(len(sentences)):
        end = bisect_left(starts, sentences[index + 1][0]) if index + 1 < len(sentences) else len(starts)
        out.extend([index] * (end - len(out)))
    return out


def governed_words(text: str) -> list[tuple[str, str]]:
    """(cue kind, governed words as written) per cue of `text`: for tests and explanations."""
    tokens = analyse(text)
    out: dict[int, list[int]] = {}
    for position, number in enumerate(tokens.dismissed):
        if number:
            out.setdefault(number, []).append(position)
    result = []
    for number, positions in sorted(out.items()):
        start, end = tokens.spans[positions[0]][0], tokens.spans[positions[-1]][1]
        result.append((tokens.cues[number - 1].kind, text[start:end]))
    return result
