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

Per-word memos (the one place they are explained): `_FOLDED` (raw word ->
folded), `_CORRECTED` (per corrector: raw word -> folded, corrected), `_STEMS`
(word -> stems), `_INFO` (word -> stems and flags) here, and `Corrector._cache`
in typos.py. They are plain dicts, not functools caches, because the hot loops
of `analyse` call their bound `.get` once per token (a 1 MB answer is ~150k
tokens; an lru_cache call per token costs more than the rest of the loop).
They map a word to a pure function of it, so they never go stale; each stops
growing at WORD_MEMO_LIMIT entries (memory stays bounded on hostile input)
and is never cleared. Compiled rules are cached elsewhere: coach/scoring/cache.py.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import lru_cache

from coach.scoring.cues import Cue, find_cues
from coach.scoring.lists import listed_products


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD_RE = re.compile(r"[^\W_]+")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Figures written as words ("ninety-five percent", "el triple"); not "one"/"uno", which are articles.
_NUMBER_WORDS = _words(
    "dos tres cuatro cinco seis siete ocho nueve diez veinte treinta cuarenta cincuenta sesenta "
    "setenta ochenta noventa cien ciento mil millon millones millardo millardos doble triple "
    "cuadruple two three four five six seven eight nine ten twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand million millions billion billions double triple "
    "quadruple twice miles cientos centenares decenas docenas thousands hundreds dozens tens"
)
# a figure: "100", "8.64M", "x5"; not the digits inside "p95" or "v1"
_DIGIT_RE = re.compile(r"(?<!\w)[x×]?\d")

# Dropped before matching: they carry no meaning for a checklist and vary freely.
STOP_WORDS = _words(
    """
    a an the of to in on for and or with by at as is are be been being was were we our us it
    its this that these those i you your will would can could should shall may might then so
    also which who whom there their them they he she his her do does did have has had into
    from about via just very really some any each more most such than too out up down over
    el la los las un una unos unas de del al en y e o u con por para que se es son ser lo le
    les su sus nos nuestro nuestra nuestros nuestras este esta estos estas esto ese esa esos
    esas eso como muy mas pero sino tambien ya hay tiene tienen hace hacen cada donde cuando
    mi tu te me le usamos usaremos uso
    """
)

# Canonical rewrites on normalised (lower-case, accent-free) tokens, before stop words.
_REWRITES: dict[tuple[str, ...], tuple[str, ...]] = {}


def _rewrite(target: str, *variants: str) -> None:
    replacement = tuple(target.split())
    for variant in variants:
        _REWRITES[tuple(variant.split())] = replacement


_rewrite(
    "qps",
    "qps", "rps", "tps", "req s", "reqs s", "req sec", "req seg", "request s", "requests s",
    "requests per second", "request per second", "requests second", "requests a second",
    "peticiones por segundo", "peticiones s", "peticiones seg", "solicitudes por segundo",
    "solicitudes s", "pet s", "msg s", "msgs s", "mensajes por segundo", "messages per second",
    "events per second", "eventos por segundo", "events s", "eventos s",
    "notifications per second", "notificaciones por segundo", "notifications s",
    "notificaciones s", "queries per second", "consultas por segundo",
)
_rewrite("dead letter queue", "dlq", "dlqs", "deadletter", "deadletterqueue")
_rewrite("circuit breaker", "cb", "cbs", "circuitbreaker", "circuit breakers")
_rewrite("ttl", "time to live", "tiempo de vida", "ttls")
_rewrite("kms", "key management service")
_rewrite("iam", "identity and access management")
_rewrite("gdpr", "rgpd", "gdpr")
_rewrite("email", "e mail", "e mails", "emails", "correo electronico", "correos electronicos")
_rewrite("backoff", "back off", "backoffs")
_rewrite("backpressure", "back pressure", "contrapresion")
_rewrite("pubsub", "pub sub")
_rewrite("opentelemetry", "open telemetry", "otel")
_rewrite("kubernetes", "k8s")
_rewrite(
    "deduplication", "dedup", "dedupe", "deduping", "deduplicar", "deduplicacion", "desduplicacion",
    "deduplica", "deduplican", "deduplicamos", "deduplicado", "deduplicados", "deduplicada",
    "deduplicadas", "deduplicarlo", "deduplicarlos", "desduplicar",
)
_rewrite("idempotency key", "idempotencykey", "idempotency keys", "clave de idempotencia",
         "claves de idempotencia", "idempotence key", "llave de idempotencia")
_rewrite("rate limit", "ratelimit", "ratelimiting", "ratelimiter", "rate limiting", "rate limiter",
         "rate limits", "rate limited")
_rewrite("p99 9", "p999")
# first word -> longest rewrite starting with it: most words skip the rewrite lookup
_REWRITE_FIRST: dict[str, int] = {}
for _key in _REWRITES:
    _REWRITE_FIRST[_key[0]] = max(_REWRITE_FIRST.get(_key[0], 0), len(_key))

_PERCENTILE_WORDS = frozenset({"percentil", "percentile", "percentiles", "pct"})
_PERCENTILE_SIGNS = _PERCENTILE_WORDS | {"p"}
_ORDINAL_RE = re.compile(r"^(\d{2,3})(?:th|st|nd|rd|o|avo)?$")


def _percentile(word: str, nxt: str) -> str | None:
    """ "percentil 95", "95th percentile", "p 99" -> "p95" / "p99"; else None."""
    if word in _PERCENTILE_WORDS:
        ordinal = _ORDINAL_RE.match(nxt)
        return "p" + ordinal[1] if ordinal else None
    if word == "p":
        return "p" + nxt if nxt.isdigit() and len(nxt) in (2, 3) else None
    ordinal = _ORDINAL_RE.match(word)
    if ordinal and nxt in _PERCENTILE_WORDS:
        return "p" + ordinal[1]
    return None


WORD_MEMO_LIMIT = 200_000  # entries per per-word memo (see the module docstring)
_FOLDED: dict[str, str] = {}
_CORRECTED: dict[int, tuple[Callable[[str], str], dict[str, str]]] = {}


def _corrected_cache(correct: Callable[[str], str]) -> dict[str, str]:
    """raw word -> folded, corrected word, one cache per corrector."""
    entry = _CORRECTED.get(id(correct))
    if entry is None or entry[0] is not correct:
        if len(_CORRECTED) > 16:
            _CORRECTED.clear()
        entry = (correct, {})
        _CORRECTED[id(correct)] = entry
    return entry[1]


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case and remove accents (`Caché` -> `cache`, `ñ` -> `n`)."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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


def _raw_words(
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


def _canonical(
    words: list[tuple[str, int, int]], correct: Callable[[str], str] | None = None
) -> list[tuple[str, int, int]]:
    """Fold, fix typos, rewrite multi-word variants, join percentiles (stop words kept)."""
    cache = _FOLDED if correct is None else _corrected_cache(correct)
    folded = []
    for word, start, end in words:
        canon = cache.get(word)
        if canon is None:
            canon = fold(word) if correct is None else correct(fold(word))
            if len(cache) < WORD_MEMO_LIMIT:
                cache[word] = canon
        folded.append((canon, start, end))
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(folded)
    while i < n:
        word, start, end = folded[i]
        longest = _REWRITE_FIRST.get(word, 0)
        if i + 1 < n and (word in _PERCENTILE_SIGNS or word[0].isdigit()):
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


_BOUNDARY_RE = re.compile(
    r"(?<=[.!?])[\"')\]]*\s+"  # end punctuation, then space (a semicolon joins clauses)
    r"|\n[ \t]*\n\s*"  # blank line
    r"|\n(?=[ \t]*(?:[-*+•>|#]|\d+[.)]\s|[^\sa-záéíóúñü]))"  # a new line that starts a new thing
)


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
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


_INFO: dict[str, tuple[str, str, bool, bool]] = {}


def _info(word: str) -> tuple[str, str, bool, bool]:
    """(es stem, en stem, is a stop word, is a number word) of a canonical word, cached."""
    info = _INFO.get(word)
    if info is None:
        stem_es, stem_en = stems(word)
        info = (stem_es, stem_en, word in STOP_WORDS, word in _NUMBER_WORDS)
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
    raw = _raw_words(text, 0, len(text), keep_whole)
    cache = _FOLDED if correct is None else _corrected_cache(correct)
    canon: list[str] = []
    for word, _, _ in raw:
        folded = cache.get(word)
        if folded is None:
            folded = fold(word) if correct is None else correct(fold(word))
            if len(cache) < WORD_MEMO_LIMIT:
                cache[word] = folded
        canon.append(folded)
    sentence_starts = [start for start, _ in sentences]
    raw_sentence = [bisect_right(sentence_starts, start) - 1 for _, start, _ in raw]
    raw_spans = [(start, end) for _, start, end in raw]

    # rewrites and percentiles, only where one can start, never across sentences
    special = {i for i, word in enumerate(canon) if word in _REWRITE_FIRST or word in _PERCENTILE_SIGNS}
    special.update(i - 1 for i, word in enumerate(canon) if i and word in _PERCENTILE_WORDS)
    words: list[str] = []
    plain: list[int] = []  # per word: the raw word it comes from unchanged (-1: a rewrite)
    spans: list[tuple[int, int]] = []
    sentence_of: list[int] = []
    done = 0
    count = len(canon)
    for i in sorted(special):
        if i < done:
            continue
        size, replacement = _rewrite_at(canon, raw_sentence, i, count)
        if not size:
            continue
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
    words.extend(canon[done:])
    plain.extend(range(done, count))
    spans.extend(raw_spans[done:])
    sentence_of.extend(raw_sentence[done:])

    info_get = _INFO.get
    infos = [info_get(word) or _info(word) for word in words]
    has_number = [_DIGIT_RE.search(text, start, end) is not None for start, end in sentences]
    for info, sentence in zip(infos, sentence_of, strict=True):
        if info[3]:
            has_number[sentence] = True
    es = [info[0] for info in infos]
    en = [info[1] for info in infos]
    stop = [info[2] for info in infos]
    # cues read the words as written: the typo corrector aims at concept words and may turn a cue
    # word into one ("pondría" -> "podria")
    cue_words, cue_es, cue_en = words, es, en
    if correct is not None:
        cue_words, cue_es, cue_en = list(words), list(es), list(en)
        for position, source in enumerate(plain):
            if source >= 0:
                written = fold(raw[source][0])
                if written != words[position]:
                    cue_words[position] = written
                    cue_es[position], cue_en[position] = stems(written)
    cues, dismissed = find_cues(text, cue_es, cue_en, cue_words, stop, spans, sentence_of, sentences)
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
        listed=listed_products(text, sentences, words, sentence_of),
    )


def _rewrite_at(
    canon: list[str], sentence_of: list[int], i: int, count: int
) -> tuple[int, tuple[str, ...]]:
    """(words consumed, replacement) for a percentile or rewrite starting at i; (0, ()) if none."""
    if i + 1 < count and sentence_of[i + 1] == sentence_of[i]:
        joined = _percentile(canon[i], canon[i + 1])
        if joined is not None:
            return 2, (joined,)
    longest = _REWRITE_FIRST.get(canon[i], 0)
    for size in range(min(longest, count - i), 0, -1):
        if sentence_of[i + size - 1] != sentence_of[i]:
            continue
        target = _REWRITES.get(tuple(canon[i : i + size]))
        if target is not None:
            return size, target
    return 0, ()


def phrase_stems(phrase: str, lang: str) -> tuple[tuple[str, ...], bool, int]:
    """A rule phrase as the stems it must match (rule's language), whether it is exact, and its anchor.

    Stop words are dropped, and the remaining words may have stop words between
    them in an answer ("cola de mensajes fallidos" matches "cola de los mensajes
    fallidos"). A phrase that would shrink to one word or none ("we give up",
    "time out", "a day") is kept whole and must appear exactly, stop words included.
    The anchor is the word looked up first: the first that is not a stop word
    (looking up every "a" of a long answer for "a cambio de" is slow).
    """
    words = [word for word, _, _ in _canonical(_raw_words(phrase, 0, len(phrase)))]
    pick = 0 if lang == "es" else 1
    content = [word for word in words if word not in STOP_WORDS]
    if len(content) >= 2 or len(words) == len(content):
        return tuple(stems(word)[pick] for word in content), False, 0
    anchor = next((i for i, word in enumerate(words) if word not in STOP_WORDS), 0)
    return tuple(stems(word)[pick] for word in words), True, anchor


def folded_words(phrase: str) -> list[str]:
    """The folded words of a rule phrase (for the typo vocabulary)."""
    return [fold(word) for word, _, _ in _raw_words(phrase, 0, len(phrase))]


def count_words(text: str) -> int:
    """Words as a speaker says them (for the spoken-time estimate)."""
    return sum(1 for _ in _WORD_RE.finditer(text))

