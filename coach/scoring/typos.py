"""Typo tolerance: a word one edit away from a word of the matching rules is read as that word.

"circut breaker", "backof exponencial", "idempotant", "asyncronous" still earn
their items. One edit = a letter missing, extra, or replaced (also most swaps).
Only words of five letters or more are corrected, toward rule words of six or
more, and never a real word: "sharing" is not "sharding" and "catching" is not
"caching", "blocker" is not "blocked". Real words near the shipped rules are listed in
`_typo_guard.py`, generated from Spanish and English word lists; a test regenerates
it and fails when content changed and the file did not:

    python -m coach.scoring.typos   # pyspellchecker comes with the test extra
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from coach.scoring._typo_guard import GUARD
from coach.scoring.words import STOP_WORDS, WORD_MEMO_LIMIT, folded_words, stems

if TYPE_CHECKING:
    from coach.content import Bundle

MIN_WORD = 5  # shorter answer words are never corrected
MIN_TARGET = 6  # rule words shorter than this are never a correction target
MAX_WORD = 30  # longer "words" (pasted hashes, URLs) are never corrected
SHARED = GUARD | STOP_WORDS  # known to every corrector: never corrected, never stored in the rule cache


def rule_vocabulary(content: Bundle) -> set[str]:
    """Every folded word of every matching rule of a bundle: the words a typo is corrected toward."""
    words: set[str] = set()
    for _, item in content.all_items():
        for rules in (item.match.es, item.match.en):
            texts = [*rules.phrases, *rules.exclude]
            texts += [alt for rule in rules.together for slot in rule for alt in slot.split("|")]
            for text in texts:
                words.update(folded_words(text))
    return words


def _deletions(word: str) -> Iterable[str]:
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


class Corrector:
    """Maps a misspelt answer word to the rule word it was meant to be (or to itself).

    One edit, never on the first letter ("sincrona" is not a typo of "asincrona"):
    a letter missing, a letter too many, a letter replaced, two neighbours swapped.
    """

    def __init__(self, vocabulary: Iterable[str]) -> None:
        words = {w for w in vocabulary if w.isalpha()}
        self.known = frozenset(words) | SHARED
        self.targets = frozenset(w for w in words if len(w) >= MIN_TARGET)
        deleted: dict[str, list[tuple[str, int]]] = {}
        for word in sorted(self.targets):
            for index, variant in enumerate(_deletions(word)):
                if index:
                    deleted.setdefault(variant, []).append((word, index))
        self.deleted = deleted
        self._cache: dict[str, str] = {}

    @property
    def shared(self) -> frozenset[str]:
        """The words every corrector knows (SHARED): the rule cache stores `known` without them."""
        return SHARED

    @classmethod
    def restore(
        cls, vocabulary: frozenset[str], targets: frozenset[str], deleted: dict[str, list[tuple[str, int]]]
    ) -> Corrector:
        """A corrector rebuilt from its saved state (see cache.py): `vocabulary` is `known` without SHARED."""
        corrector = cls.__new__(cls)
        corrector.known = vocabulary | SHARED
        corrector.targets = targets
        corrector.deleted = deleted
        corrector._cache = {}
        return corrector

    def __call__(self, word: str) -> str:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        fixed = self._correct(word)
        if len(self._cache) < WORD_MEMO_LIMIT:
            self._cache[word] = fixed
        return fixed

    def _correct(self, word: str) -> str:
        candidates = self.candidates(word)
        if not candidates:
            return word
        # "workers" and "worker" are one meaning: candidates that share a stem are not ambiguous
        pairs = [stems(candidate) for candidate in candidates]
        if len({es for es, _ in pairs}) == 1 or len({en for _, en in pairs}) == 1:
            return min(candidates)
        return word

    def candidates(self, word: str) -> set[str]:
        """The rule words one edit away from an unknown answer word (none for a known one)."""
        if not MIN_WORD <= len(word) <= MAX_WORD or word in self.known or not word.isalpha():
            return set()
        if not word.isascii():  # rule words are folded to ASCII; nothing else can be one of them
            return set()
        # a letter left out: "circut" is "circuit" without its 6th letter
        candidates = {target for target, _ in self.deleted.get(word, ())}
        for index, variant in enumerate(_deletions(word)):
            if not index:
                continue
            if len(word) > MIN_TARGET and variant in self.targets:  # a letter too many: "traceing"
                candidates.add(variant)
            if len(word) >= MIN_TARGET:  # replaced ("idempotant") or swapped with a neighbour
                candidates.update(
                    target for target, at in self.deleted.get(variant, ()) if abs(at - index) <= 1
                )
        return candidates


_ES_VERB_ENDINGS = {
    "ar": "a as an amos ais ado ada ados adas ando e es en emos o aba abas aban abamos ara aras aran "
    "aria arias arian ariamos are aras aremos aran",
    "er": "e es en emos eis ido ida idos idas iendo a as an amos o ia ias ian iamos eria erian eriamos "
    "ere eremos eran",
    "ir": "e es en imos ido ida idos idas iendo a as an amos o ia ias ian iamos iria irian iriamos "
    "ire iremos iran",
}


def _spanish_forms(word: str) -> set[str]:
    """Plural, gender and common verb forms of a Spanish dictionary word (accents folded)."""
    forms = {word + "s", word + "es"}
    if word[-1:] in ("o", "a"):
        base = word[:-1]
        forms |= {base + "o", base + "a", base + "os", base + "as"}
    ending = word[-2:]
    if ending in _ES_VERB_ENDINGS and len(word) > 3:
        stem = word[:-2]
        forms |= {stem + suffix for suffix in _ES_VERB_ENDINGS[ending].split()}
    return forms


def _content_words() -> set[str]:
    """Every word the shipped content writes (briefs, hints, references): correctly spelt by construction."""
    import re
    import tomllib
    from importlib import resources

    from coach.scoring.words import fold

    words: set[str] = set()

    def walk(value: object, key: str = "") -> None:
        if key == "match":
            return
        if isinstance(value, dict):
            for name, inner in value.items():
                walk(inner, name)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, key)
        elif isinstance(value, str):
            words.update(fold(w) for w in re.findall(r"[^\W\d_]+", value))

    for kind in ("frameworks", "scenarios"):
        for entry in resources.files(f"coach.content_data.{kind}").iterdir():
            if entry.name.endswith(".toml"):
                walk(tomllib.loads(entry.read_text("utf-8")))
    return words


def guard_words() -> set[str]:
    """Real es/en words one edit away from a shipped rule word: what `_typo_guard.py` must hold.

    Real words: the es/en dictionaries of pyspellchecker (a test dependency), Spanish
    plural, gender and verb forms generated from them, and every word of the shipped
    content. tests/scoring/test_scoring_typos.py checks the shipped guard against this,
    so a content change that needs a new guard fails the tests instead of going stale.
    """
    from spellchecker import SpellChecker  # type: ignore[import-not-found,unused-ignore]

    from coach.content import Library
    from coach.scoring.words import fold

    library = Library(use_user_dir=False)
    # one corrector per scenario, as the scorer builds them: a word two rule words of the union
    # make ambiguous ("camino": "cambio" or "camina") is still corrected by a bundle holding one
    correctors: list[Corrector] = []
    union: set[str] = set()
    for scenario_id in library.scenarios:
        vocabulary = rule_vocabulary(library.bundle(scenario_id))
        corrector = Corrector(vocabulary)
        corrector.known = frozenset(vocabulary) | STOP_WORDS
        correctors.append(corrector)
        union |= vocabulary
    near = Corrector(union)  # a word with no rule word of the union near it needs no bundle's check
    near.known = frozenset(union) | STOP_WORDS
    real = _content_words()
    for language in ("en", "es"):
        for word in SpellChecker(language=language).word_frequency.dictionary:
            folded = fold(word)
            if folded.isalpha():
                real.add(folded)
                if language == "es":
                    real |= _spanish_forms(folded)
    return {
        word
        for word in real
        if (word in union or near.candidates(word)) and any(corrector._correct(word) != word for corrector in correctors)
    }


def _generate() -> None:  # pragma: no cover - maintenance script
    """Rewrite _typo_guard.py from `guard_words()`: `python -m coach.scoring.typos`."""
    from pathlib import Path

    guard = guard_words()
    lines = [
        '"""Real words one edit away from a rule word: never "corrected" (generated by typos.py)."""',
        "",
        "_WORDS = \"\"\"",
    ]
    row: list[str] = []
    for word in sorted(guard):
        if sum(len(w) + 1 for w in row) + len(word) > 90:
            lines.append(" ".join(row))
            row = []
        row.append(word)
    if row:
        lines.append(" ".join(row))
    lines += ['"""', "", "GUARD: frozenset[str] = frozenset(_WORDS.split())", ""]
    target = Path(__file__).with_name("_typo_guard.py")
    target.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(guard)} guard words -> {target}")


if __name__ == "__main__":  # pragma: no cover
    _generate()
