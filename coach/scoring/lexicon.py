"""The house's vocabulary, and how much of an answer speaks it.

A document poured into a sheet's headings can use the design's words on every line (a tasting
menu's "cola de toro a fuego asíncrono", a futsal chronicle's "escalado horizontal") and still be
about oysters or a match: most of its other words are words no system design uses. The lexicon is
every word stem of the shipped content (frameworks, scenarios with their hints and reference
answers, language data) and of the bundle being scored; `known_share` is the share of an answer's
content words (four letters or more, not stop words, no figures) whose stem the lexicon holds.
Honest answers, however terse or colloquial, speak it: on train, 0.94 or more for 99 % of the
labelled sheets with 15 items or more and 0.83 at the lowest; the tasting menu 0.64, the restaurant
review 0.74 (see `OFF_VOCABULARY_SHARE`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from coach.scoring.normalize import Tokens
from coach.scoring.words import fold, stems

if TYPE_CHECKING:
    from coach.content import Bundle

Lexicon = tuple[frozenset[str], frozenset[str]]  # Spanish stems, English stems
_WORD_RE = re.compile(r"[^\W\d_]{4,}")
MIN_LETTERS = 4  # shorter words are mostly function words in both languages
# Below this share a sheet is about something else (an aside, scorer._voice). Train (3,720 sheets,
# twenty-first session): every labelled sheet 0.83 or more (1 % of those with 15+ items under 0.94);
# 293 unlabelled documents below 0.78, which held 284 of the 1,301 false ticks of such documents.
OFF_VOCABULARY_SHARE = 0.78
OFF_VOCABULARY_MIN_WORDS = 150  # fewer content words than this: too short to tell


def lexicon_of(texts: Iterable[str]) -> Lexicon:
    """The es and en stems of every word of four letters or more in the texts."""
    words = {fold(word) for text in texts for word in _WORD_RE.findall(text)}
    pairs = [stems(word) for word in words]
    return frozenset(es for es, _ in pairs), frozenset(en for _, en in pairs)


@lru_cache(maxsize=1)
def shipped_lexicon() -> Lexicon:
    """The lexicon of every content file shipped with coach (read once per process)."""
    texts = []
    for kind in ("frameworks", "scenarios", "languages"):
        for entry in resources.files(f"coach.content_data.{kind}").iterdir():
            if entry.name.endswith(".toml"):
                texts.append(entry.read_text("utf-8"))
    return lexicon_of(texts)


def known_share(answers: Sequence[Tokens], lexicon: Lexicon) -> tuple[int, float]:
    """(content words, share of them whose stem the lexicon holds) over the answers."""
    known_es, known_en = lexicon
    count = known = 0
    for tokens in answers:
        text = tokens.text
        for (start, end), stop, es, en in zip(tokens.spans, tokens.stop, tokens.es, tokens.en, strict=True):
            if stop or end - start < MIN_LETTERS or not text[start:end].isalpha():
                continue
            count += 1
            if es in known_es or en in known_en:
                known += 1
    return count, known / count if count else 1.0


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from _strings(inner)


def bundle_lexicon(content: Bundle) -> Lexicon:
    """The shipped lexicon and every word of the bundle's own scenario and framework (a user's
    scenario speaks its own domain)."""
    shipped_es, shipped_en = shipped_lexicon()
    own_es, own_en = lexicon_of(
        _strings([content.scenario.model_dump(mode="json"), content.framework.model_dump(mode="json")])
    )
    return shipped_es | own_es, shipped_en | own_en


def off_vocabulary(answers: Sequence[Tokens], lexicon: Lexicon) -> bool:
    """Whether a long enough sheet mostly speaks of something else (an empty lexicon: never)."""
    if not lexicon[0]:
        return False
    count, share = known_share(answers, lexicon)
    return count >= OFF_VOCABULARY_MIN_WORDS and share < OFF_VOCABULARY_SHARE
