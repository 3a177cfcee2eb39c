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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD_RE = re.compile(r"[^\W_]+")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NUMBER_WORDS = _words(
    "cien mil millon millones millardo millardos diez veinte treinta cincuenta "
    "hundred thousand million millions billion billions ten twenty thirty fifty"
)
_DIGIT_RE = re.compile(r"(?<![^\W\d_])\d")

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
_rewrite("deduplication", "dedup", "dedupe", "deduping", "deduplicar", "deduplicacion", "desduplicacion")
_rewrite("idempotency key", "idempotencykey", "idempotency keys", "clave de idempotencia",
         "claves de idempotencia", "idempotence key", "llave de idempotencia")
_rewrite("rate limit", "ratelimit", "ratelimiting", "ratelimiter", "rate limiting", "rate limiter",
         "rate limits", "rate limited")
_rewrite("p99 9", "p999")
_REWRITE_MAX = max(len(key) for key in _REWRITES)

_PERCENTILE_WORDS = frozenset({"percentil", "percentile", "percentiles", "pct"})
_ORDINAL_RE = re.compile(r"^(\d{2,3})(?:th|st|nd|rd|o|avo)?$")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case and remove accents (`Caché` -> `cache`, `ñ` -> `n`)."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_ES = snowballstemmer.stemmer("spanish")
_EN = snowballstemmer.stemmer("english")
_STEMS: dict[str, tuple[str, str]] = {}


def stems(word: str) -> tuple[str, str]:
    """(Spanish stem, English stem) of a folded word; digits-bearing words stay whole."""
    cached = _STEMS.get(word)
    if cached is None:
        if any(ch.isdigit() for ch in word) or len(word) <= 3:
            cached = (word, word)
        else:
            cached = (_ES.stemWord(word), _EN.stemWord(word))
        if len(_STEMS) < 200_000:
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


def _raw_words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Words in text[start:end] with absolute spans; camelCase splits."""
    out: list[tuple[str, int, int]] = []
    for match in _WORD_RE.finditer(text, start, end):
        word = match.group()
        if not word.isascii() or word.islower() or word.isupper() or word.isdigit():
            out.append((word, match.start(), match.end()))
            continue
        offset = match.start()
        pieces = _CAMEL_RE.split(word)
        for piece in pieces:
            out.append((piece, offset, offset + len(piece)))
            offset += len(piece)
    return out


def _canonical(
    words: list[tuple[str, int, int]], correct: Callable[[str], str] | None = None
) -> list[tuple[str, int, int]]:
    """Fold, fix typos, rewrite multi-word variants, join percentiles (stop words kept)."""
    if correct is None:
        folded = [(fold(word), start, end) for word, start, end in words]
    else:
        folded = [(correct(fold(word)), start, end) for word, start, end in words]
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(folded)
    while i < n:
        word, start, end = folded[i]
        # percentiles: "percentil 95", "95th percentile", "p 99" -> p95 / p99
        if i + 1 < n:
            nxt = folded[i + 1][0]
            if word in _PERCENTILE_WORDS and _ORDINAL_RE.match(nxt):
                out.append(("p" + _ORDINAL_RE.match(nxt)[1], start, folded[i + 1][2]))  # type: ignore[index]
                i += 2
                continue
            ordinal = _ORDINAL_RE.match(word)
            if ordinal and nxt in _PERCENTILE_WORDS:
                out.append(("p" + ordinal[1], start, folded[i + 1][2]))
                i += 2
                continue
            if word == "p" and nxt.isdigit() and len(nxt) in (2, 3):
                out.append(("p" + nxt, start, folded[i + 1][2]))
                i += 2
                continue
        replaced = False
        for size in range(min(_REWRITE_MAX, n - i), 0, -1):
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
    r"(?<=[.!?;])[\"')\]]*\s+"  # end punctuation, then space
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


def analyse(text: str, correct: Callable[[str], str] | None = None) -> Tokens:
    """Tokenise, normalise and stem an answer, sentence by sentence.

    `correct` maps a folded word to its intended spelling (see typos.py).
    """
    es: list[str] = []
    en: list[str] = []
    spans: list[tuple[int, int]] = []
    stop: list[bool] = []
    sentence_of: list[int] = []
    sentences = split_sentences(text)
    has_number: list[bool] = []
    word_count = 0
    for index, (start, end) in enumerate(sentences):
        words = _raw_words(text, start, end)
        word_count += len(words)
        number = _DIGIT_RE.search(text, start, end) is not None
        for word, w_start, w_end in _canonical(words, correct):
            if not number and word in _NUMBER_WORDS:
                number = True
            stem_es, stem_en = stems(word)
            es.append(stem_es)
            en.append(stem_en)
            spans.append((w_start, w_end))
            stop.append(word in STOP_WORDS)
            sentence_of.append(index)
        has_number.append(number)
    return Tokens(
        text=text,
        es=tuple(es),
        en=tuple(en),
        spans=tuple(spans),
        stop=tuple(stop),
        sentence_of=tuple(sentence_of),
        sentences=tuple(sentences),
        has_number=tuple(has_number),
        word_count=word_count,
    )


def phrase_stems(phrase: str, lang: str) -> tuple[tuple[str, ...], bool]:
    """A rule phrase as the stems it must match, in the rule's language, and whether it is exact.

    Stop words are dropped, and the remaining words may have stop words between
    them in an answer ("cola de mensajes fallidos" matches "cola de los mensajes
    fallidos"). A phrase that would shrink to one word or none ("we give up",
    "time out", "a day") is kept whole and must appear exactly, stop words included.
    """
    words = [word for word, _, _ in _canonical(_raw_words(phrase, 0, len(phrase)))]
    pick = 0 if lang == "es" else 1
    content = [word for word in words if word not in STOP_WORDS]
    if len(content) >= 2 or len(words) == len(content):
        return tuple(stems(word)[pick] for word in content), False
    return tuple(stems(word)[pick] for word in words), True


def folded_words(phrase: str) -> list[str]:
    """The folded words of a rule phrase (for the typo vocabulary)."""
    return [fold(word) for word, _, _ in _raw_words(phrase, 0, len(phrase))]


def count_words(text: str) -> int:
    """Words as a speaker says them (for the spoken-time estimate)."""
    return sum(1 for _ in _WORD_RE.finditer(text))
