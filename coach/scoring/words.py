"""Words: folding, stems, stop words, rewrites, and a rule phrase as stems.

Stop words, number words, percentile words, product names and rewrites are language data: the
`[words]` table of each `languages/<code>.toml`, merged (a third language adds its own table).

The word-level half of the normaliser, shared by `normalize.analyse` (an answer) and
`cues` (a cue phrase), so that neither imports the other (no cycle inside
coach/scoring). The per-word memos here (`FOLDED`, `_CORRECTED`, `_STEMS`) are
explained in normalize.py's docstring.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Container
from functools import lru_cache
from importlib import resources
from typing import Any

# a table header line: "[words]", "[words.rewrites]", "[sets]"
_TABLE_RE = re.compile(r"^\[([^\]\n]+)\][ \t]*(?:#.*)?$", re.MULTILINE)


def table_text(text: str, name: str) -> str:
    """The `[name]` table of a TOML file and its subtables (`[name.x]`), as TOML text: a module that
    needs one table of a language file parses a tenth of it, not every cue set."""
    out: list[str] = []
    headers = list(_TABLE_RE.finditer(text))
    for header, following in zip(headers, [*headers[1:], None], strict=False):
        table = header.group(1).strip()
        if table == name or table.startswith(name + "."):
            out.append(text[header.start() : following.start() if following else len(text)])
    return "\n".join(out)


def language_tables(name: str) -> list[tuple[str, dict[str, Any]]]:
    """(file name, its `[name]` table) of every shipped language file (`languages/<code>.toml`), in order."""
    root = resources.files("coach.content_data.languages")
    out: list[tuple[str, dict[str, Any]]] = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        try:
            raw = tomllib.loads(table_text(entry.read_text(encoding="utf-8"), name)).get(name, {})
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"languages/{entry.name}: {error}") from None
        if not isinstance(raw, dict):
            raise ValueError(f"languages/{entry.name} [{name}]: must be a table")
        out.append((entry.name, raw))
    return out


def _word_list(where: str, key: str, value: object) -> list[str]:
    """A [words] entry: a list of words or phrases, or one string of words separated by white space."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return value
    raise ValueError(f"{where}: {key} must be a list of words or a string of words")


_Rewrites = dict[tuple[str, ...], tuple[str, ...]]


def _load_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], _Rewrites]:
    """Every language file's [words] table, merged: (stop words, number words, percentile words,
    products, rewrites variant -> target), folded."""
    stop: set[str] = set()
    numbers: set[str] = set()
    percentiles: set[str] = set()
    products: set[str] = set()
    rewrites: _Rewrites = {}
    for name, raw in language_tables("words"):
        where = f"languages/{name} [words]"
        unknown = set(raw) - {"stop_words", "number_words", "percentile_words", "products", "rewrites"}
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
        stop.update(fold(w) for w in _word_list(where, "stop_words", raw.get("stop_words", [])))
        numbers.update(fold(w) for w in _word_list(where, "number_words", raw.get("number_words", [])))
        percentiles.update(fold(w) for w in _word_list(where, "percentile_words", raw.get("percentile_words", [])))
        products.update(fold(w) for w in _word_list(where, "products", raw.get("products", [])))
        table = raw.get("rewrites", {})
        if not isinstance(table, dict):
            raise ValueError(f"{where}: rewrites must be a table of target = [variants]")
        for target, variants in table.items():
            replacement = tuple(fold(w) for w in _WORD_RE.findall(target))
            for variant in _word_list(f"{where} rewrites", target, variants):
                rewrites[tuple(fold(w) for w in _WORD_RE.findall(variant))] = replacement
    return frozenset(stop), frozenset(numbers), frozenset(percentiles), frozenset(products), rewrites


_WORD_RE = re.compile(r"[^\W_]+")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
# a figure: "100", "8.64M", "x5"; not the digits inside "p95" or "v1"
DIGIT_RE = re.compile(r"(?<!\w)[x×]?\d")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case and remove accents (`Caché` -> `cache`, `ñ` -> `n`)."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    # only the non-ASCII runs are decomposed: a whole sentence or answer folds at C speed around them
    return _NON_ASCII_RE.sub(_fold_run, lowered)


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFKD", match.group())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# The language data (languages/<code>.toml, [words]): stop words dropped before matching; figures
# written as words ("ninety-five percent", "el triple"); percentile words ("95th percentile");
# product names (lists.py); canonical rewrites on folded tokens, before stop words.
STOP_WORDS, NUMBER_WORDS, PERCENTILE_WORDS, PRODUCTS, _REWRITES = _load_words()
# first word -> longest rewrite starting with it: most words skip the rewrite lookup
REWRITE_FIRST: dict[str, int] = {}
for _key in _REWRITES:
    REWRITE_FIRST[_key[0]] = max(REWRITE_FIRST.get(_key[0], 0), len(_key))

PERCENTILE_SIGNS = PERCENTILE_WORDS | {"p"}
_ORDINAL_RE = re.compile(r"^(\d{2,3})(?:th|st|nd|rd|o|avo)?$")


def _percentile(word: str, nxt: str) -> str | None:
    """ "percentil 95", "95th percentile", "p 99" -> "p95" / "p99"; else None."""
    if word in PERCENTILE_WORDS:
        ordinal = _ORDINAL_RE.match(nxt)
        return "p" + ordinal[1] if ordinal else None
    if word == "p":
        return "p" + nxt if nxt.isdigit() and len(nxt) in (2, 3) else None
    ordinal = _ORDINAL_RE.match(word)
    if ordinal and nxt in PERCENTILE_WORDS:
        return "p" + ordinal[1]
    return None


WORD_MEMO_LIMIT = 200_000  # entries per per-word memo (see normalize.py's docstring)
FOLDED: dict[str, str] = {}
_CORRECTED: dict[int, tuple[Callable[[str], str], dict[str, str]]] = {}


def corrected_cache(correct: Callable[[str], str]) -> dict[str, str]:
    """raw word -> folded, corrected word, one cache per corrector."""
    entry = _CORRECTED.get(id(correct))
    if entry is None or entry[0] is not correct:
        if len(_CORRECTED) > 16:
            _CORRECTED.clear()
        entry = (correct, {})
        _CORRECTED[id(correct)] = entry
    return entry[1]


try:  # PyStemmer: the same Snowball algorithms in C, about 15x faster
    import Stemmer  # type: ignore[import-not-found,unused-ignore]

    _ES = Stemmer.Stemmer("spanish")
    _EN = Stemmer.Stemmer("english")
except ImportError:  # pragma: no cover - the pure-Python build (identical stems)
    # Import the two stemmers directly: `import snowballstemmer` loads all 36 languages.
    from snowballstemmer.english_stemmer import EnglishStemmer  # type: ignore[import-untyped]
    from snowballstemmer.spanish_stemmer import SpanishStemmer  # type: ignore[import-untyped]

    _ES = SpanishStemmer()
    _EN = EnglishStemmer()
STEMMER = type(_ES).__module__  # "Stemmer" (PyStemmer) or the snowballstemmer package: part of the rule cache key
_STEMS: dict[str, tuple[str, str]] = {}
_CONDITIONAL_PLURAL = ("riamos", "riais", "rian")  # usaríamos, usaríais, usarían (accents folded)


def stems(word: str) -> tuple[str, str]:
    """(Spanish stem, English stem) of a folded word; digits-bearing words stay whole."""
    cached = _STEMS.get(word)
    if cached is None:
        if any(ch.isdigit() for ch in word):
            cached = (word, word)
        else:
            stem_es = _ES.stemWord(word)
            # Snowball knows "-aríamos" only with its accent: "lanzariamos" -> "lanzari".
            # Strip the left-over conditional so it meets "lanzar" -> "lanz".
            if word.endswith(_CONDITIONAL_PLURAL) and stem_es.endswith(("ari", "eri", "iri")):
                stem_es = stem_es[:-3]
            cached = (stem_es, _EN.stemWord(word))
        if len(_STEMS) < WORD_MEMO_LIMIT:
            _STEMS[word] = cached
    return cached


def raw_words(
    text: str, start: int, end: int, keep_whole: Container[str] = frozenset()
) -> list[tuple[str, int, int]]:
    """Words in text[start:end] with absolute spans.

    camelCase splits ("idempotencyKey" -> idempotency, Key) unless the whole word
    is one the rules know ("CloudWatch", "DynamoDB", "SendGrid" stay whole).
    """
    out = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text, start, end)]
    camel = _CAMEL_RE.search
    mixed = [
        i
        for i, (word, _, _) in enumerate(out)
        if not word.islower() and camel(word) and fold(word) not in keep_whole
    ]
    if not mixed:
        return out
    split: list[tuple[str, int, int]] = []
    done = 0
    for i in mixed:
        split.extend(out[done:i])
        word, offset, _ = out[i]
        for piece in _CAMEL_RE.split(word):
            split.append((piece, offset, offset + len(piece)))
            offset += len(piece)
        done = i + 1
    split.extend(out[done:])
    return split


def fold_words(words: list[tuple[str, int, int]], correct: Callable[[str], str] | None = None) -> list[str]:
    """Each raw word folded (and corrected, with `correct`), through the per-word memo."""
    cache = FOLDED if correct is None else corrected_cache(correct)
    canon: list[str] = []
    for word, _, _ in words:
        folded = cache.get(word)
        if folded is None:
            folded = fold(word) if correct is None else correct(fold(word))
            if len(cache) < WORD_MEMO_LIMIT:
                cache[word] = folded
        canon.append(folded)
    return canon


def _canonical(
    words: list[tuple[str, int, int]], correct: Callable[[str], str] | None = None
) -> list[tuple[str, int, int]]:
    """Fold, fix typos, rewrite multi-word variants, join percentiles (stop words kept)."""
    folded = [
        (canon, start, end)
        for canon, (_, start, end) in zip(fold_words(words, correct), words, strict=True)
    ]
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(folded)
    while i < n:
        word, start, end = folded[i]
        longest = REWRITE_FIRST.get(word, 0)
        if i + 1 < n and (word in PERCENTILE_SIGNS or word[0].isdigit()):
            joined = _percentile(word, folded[i + 1][0])
            if joined is not None:
                out.append((joined, start, folded[i + 1][2]))
                i += 2
                continue
        if longest:
            replaced = False
            for size in range(min(longest, n - i), 0, -1):
                key = tuple(w for w, _, _ in folded[i : i + size])
                target = _REWRITES.get(key)
                if target is not None:
                    last_end = folded[i + size - 1][2]
                    out.extend((t, start, last_end) for t in target)
                    i += size
                    replaced = True
                    break
            if replaced:
                continue
        out.append((word, start, end))
        i += 1
    return out


def phrase_stems(phrase: str, lang: str) -> tuple[tuple[str, ...], bool, int]:
    """A rule phrase as the stems it must match (rule's language), whether it is exact, and its anchor.

    Stop words are dropped, and the remaining words may have stop words between
    them in an answer ("cola de mensajes fallidos" matches "cola de los mensajes
    fallidos"). A phrase that would shrink to one word or none ("we give up",
    "time out", "a day") is kept whole and must appear exactly, stop words included.
    The anchor is the word looked up first: the first that is not a stop word
    (looking up every "a" of a long answer for "a cambio de" is slow).
    """
    words = [word for word, _, _ in _canonical(raw_words(phrase, 0, len(phrase)))]
    pick = 0 if lang == "es" else 1
    content = [word for word in words if word not in STOP_WORDS]
    if len(content) >= 2 or len(words) == len(content):
        return tuple(stems(word)[pick] for word in content), False, 0
    anchor = next((i for i, word in enumerate(words) if word not in STOP_WORDS), 0)
    return tuple(stems(word)[pick] for word in words), True, anchor


def folded_words(phrase: str) -> list[str]:
    """The folded words of a rule phrase (for the typo vocabulary)."""
    return [fold(word) for word, _, _ in raw_words(phrase, 0, len(phrase))]


def rewrite_at(
    canon: list[str], sentence_of: list[int], i: int, count: int
) -> tuple[int, tuple[str, ...]]:
    """(words consumed, replacement) for a percentile or rewrite starting at i; (0, ()) if none."""
    if i + 1 < count and sentence_of[i + 1] == sentence_of[i]:
        joined = _percentile(canon[i], canon[i + 1])
        if joined is not None:
            return 2, (joined,)
    longest = REWRITE_FIRST.get(canon[i], 0)
    for size in range(min(longest, count - i), 0, -1):
        if sentence_of[i + size - 1] != sentence_of[i]:
            continue
        target = _REWRITES.get(tuple(canon[i : i + size]))
        if target is not None:
            return size, target
    return 0, ()


def count_words(text: str) -> int:
    """Words as a speaker says them (for the spoken-time estimate)."""
    return sum(1 for _ in _WORD_RE.finditer(text))

