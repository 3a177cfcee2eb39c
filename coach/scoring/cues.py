"""Cues: what the candidate rejects, defers, supposes, asks, or says in another sense (NegEx, adapted).

One stage of the pipeline, driven by data. Each language ships a cue file
(`languages/<code>.toml`, package `coach.content_data.languages`) with its cue
sets; this module holds no word of any language. A third language is a third
file.

Cue sets (each a list of phrases, compiled by the same phrase compiler as the
checklist rules, `normalize.phrase_stems`, and matched over folded, stemmed
tokens, so accents and verb endings that share a stem need no alternatives):

- `preceding`: a rejection that governs what follows it ("without", "rather
  than", "nunca", "en vez de").
- `following`: a rejection that governs what came before it in its clause
  ("not needed", "por ahora no"); `following_self` also governs its own words
  ("isn't my concern", "can deal with … later").
- `negated_verb`: a negation whose scope is the verb after it only ("we don't
  retry", "no reintentamos"), unless a `bound` follows in the clause ("we don't
  retry 4xx", "no reintentamos más de 3 veces": a bounded policy).
- `pseudo`: phrases that look like a cue and are not ("not only", "no more
  than", "sin estado", "without *ing"): a cue overlapping one does not count.
- `termination`: words that end a scope ("but", "because", "pero", "porque"); an open
  scope (`undecided`, forward deferrals and suppositions) ends only at a `contrast` or a
  `consequence` ("so", "because", "así que").
- `contrast` + `closed_rejection`: a closed rejection right after a contrast
  word dismisses what came before it ("podríamos usar X, pero no lo veo
  necesario"); a rejection with its own object or a bound does not ("pero no
  para los 4xx").
- `hedge`: a word that weakens its whole clause ("probably", "ideally", "supongo"):
  the design is floated, not committed (unless a figure or a reason stands beside it).
- `undecided`: the choice is left open ("it depends on", "there are many options",
  "depende de"): everything after it in the sentence, up to a colon, a semicolon or a
  termination word, is a menu, not a decision; a reason beside it does not lift it.
- `vague`: a wave at the usual ("I'd follow the company standard", "the usual stuff",
  "y esas cosas", "handle duplicates somehow"): what came before it in the sentence is
  named, not designed, even with a reason beside it.
- `dismiss_all`: "todo eso no", "none of that": everything before it in the sentence is
  turned down.
- `options`: a menu announced ("there are a lot of options here:", "las opciones son"):
  the rest of the sentence, colon included, lists what could be chosen, not what is.
- `anaphoric`, `anaphoric_deferral`: a turn-down or a deferral of a pronoun ("I wouldn't
  build them", "preferiría no cerrarlos", "tampoco lo tocaría", "I don't want to go down
  that path", "I'd consider these later"): it speaks of what the pronoun stands for, the
  topic fronted in its clause ("El RGPD tampoco lo tocaría"), else the clauses before it in
  the sentence back to a semicolon ("X and Y are nice ideas, but I wouldn't build them"),
  else the sentence before. Not in a question, and not when the clause goes on past the
  pronoun or bounds it ("we don't need it to survive a restart", "no los reintentamos más de
  5 veces"). `lead_words` ("I'd", "prefiero", "no") stand before one without being its topic.
- `guess_rest`: a declared guess ("no sé muy bien qué poner", "I don't know what to say
  here"): everything after it in the answer is supposed, not designed.
- `ignorance_rest`: "No sé." or "Honestly, I don't know." as the answer's first sentence, on its
  own (nothing else in it but stop words and fillers): the rest of the answer is supposed, not
  designed.
- `rejection_rest`: a label that turns down the rest of its line ("Rejected: a DLQ",
  "Not doing: trending", "Descartado: Kafka"), as a design doc writes it.
- `deferral` (preceding / following / rest of the sentence), `hypothetical`
  (the sentence, when a conditional verb is in it), `limitation` (from the
  sentence start to the cue: "SQS standard doesn't guarantee it").
- `question`: a sentence ending in "?" (or opening with "¿" or a question
  opener) is governed by a "question" cue, unless the next sentence answers
  yes; a question answered no is a rejection ("Do we need X? Probably not").
- `other_sense`: a non-technical object (a person, a meeting, the team's
  process) voids itself and the few words before it in its clause ("partition
  the team", "reintentamos la reunión").
- `report` and `author_words`: not cues, the voice of a sentence (who decides). A
  `report` phrase speaks of what others do or what a term means ("most teams", "in the
  literature", "se suele", "Options considered", "Status: Proposed"); an `author_words`
  word puts the author in it ("I", "we", "nosotros", "propongo"). `find_cues` reports the
  sentences holding a `report` phrase; the scorer weighs both over the whole sheet
  (scorer._reported_sheet): a sheet that reports and never decides earns no decision
  outside its own author's sentences.
- `estimates`: not a cue set. The estimate checker's words (`byte_words` and the
  nouns of each flow, `[estimates.flows]`) live in the same file, so a language
  stays one file; `coach/scoring/estimates.py` reads the flows, `numbers.py` the
  byte words ("ten gigabytes", "diez gigas"), and this loader
  accepts and ignores the table.

Phrase syntax: words as written; `…` is a gap of up to GAP words inside the
clause; a word `*ing` (or `*ar|er|ir`) is any word ending so; `=needed` is that
folded form exactly (not every word of its stem: "need"); `{name}` expands
to every phrase of the file's `[sets]` entry `name`.

ONE scope rule for every forward rejection: from the cue to a termination word, a
clause break, the sentence end, or `scope_tokens` content tokens, carried
across a coordinated list ("no cache, queue or workers", "ni DLQ ni circuit
breaker"). A forward deferral or supposition ("next I'd", "we could") governs
its whole clause instead, up to a colon, a semicolon or a termination word: "next
I'd move to token bucket and look at multi-region" defers both. A backward cue reaches the start of its clause (and across a colon
or dash when it opens its clause: "Tracing: por ahora no").

Each sentence is read with the cues of its language, told by function words
(`function_words`); a sentence with no clear language is read with all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from typing import Any

KINDS = ("rejected", "deferred", "hypothetical", "hedged", "question", "limitation", "other_sense")
GAP = 6  # words a `…` may span
_MAX_STOP_GAP = 3  # stop words between two words of a phrase (as the matcher allows)
_BREAK_RE = re.compile(r"[,;:()\[\]¿?¡!→⇒]|\s[-–—]\s|->|=>")
_STRONG_RE = re.compile(r"[;:()\[\]¿?¡!→⇒]|\s[-–—]\s|->|=>")
_PERIOD_RE = re.compile(r"\.[*_]*(?:\s|$)")  # a full stop, closing emphasis included ("*Rejected.*")
_STRONG_BREAKS = (".", ":", ";", "-", "–", "—", "->", "=>", "→", "⇒")  # where an open choice gets made
_OPENERS = (":", "-", "–", "—", "->", "=>", "→", "⇒")  # a break after which a trailing cue looks back
SCOPE_WORDS = 4  # content words of the scope a label's verdict applies in ("en el camino de lectura")
ASIDE_WORDS = 3  # words of a comma aside a rejection crosses to its object ("no pondría, de momento, una caché")
LABEL_TOPIC_WORDS = 2  # words a design doc's label may follow on its line ("Caché descarto:")
_LABEL_BREAKS = (":", "-", "–", "—")  # what follows a label written with a colon ("Rejected: X", "Later — …")


@dataclass(frozen=True)
class Cue:
    """A cue found in an answer."""

    kind: str  # "rejected"|"deferred"|"hypothetical"|"question"|"limitation"|"other_sense"
    span: tuple[int, int]  # char span of the cue words in Tokens.text
    text: str  # the cue words as written


# A compiled element of a cue phrase: ("seq", stems, exact, anchor) | ("suffix", endings) | ("gap",)
Element = tuple[Any, ...]


@dataclass(frozen=True)
class Pattern:
    """A compiled cue phrase."""

    elements: tuple[Element, ...]
    role: str  # the cue set it comes from
    text: str


@dataclass(frozen=True)
class Language:
    """One language's compiled cue sets."""

    code: str
    column: int  # 0: Spanish stems, 1: English stems (normalize.Tokens.es / .en)
    scope_tokens: int
    list_item_tokens: int
    object_window: int
    function_words: frozenset[str]
    coordinators: frozenset[str]  # "or", "and", "ni": a list goes on
    alternatives: frozenset[str]  # the "or" words among them: "X or Y" inside a scope
    conditional_words: frozenset[str]
    conditional_endings: tuple[str, ...]
    qualifiers: frozenset[str]
    prepositions: frozenset[str]
    scale_or_time: frozenset[str]
    objects: frozenset[str]
    after_article: frozenset[str]
    exempt_verbs: frozenset[str]
    light_words: frozenset[str]  # determiners and prepositions: skipped when counting an object's window
    verb_skip: frozenset[str]  # words between a negated_verb cue and its verb ("no lo reintentamos")
    verb_endings: tuple[str, ...]  # the verb a negated_verb cue governs ends so ("amos": "we"); () any
    patterns: dict[str, tuple[Pattern, ...]]  # role -> patterns
    link_words: frozenset[str] = frozenset()  # "by", "per", "tras": a note that links names (lists.is_deck)
    modals: frozenset[str] = frozenset()  # "should", "must": a hedge right after one weakens the clause before it
    list_fillers: frozenset[str] = frozenset()  # "the", "also", "también": not part of a listed name (lists.py)
    list_connectors: frozenset[str] = frozenset()  # "luego", "then": names strung in prose (lists.py)
    lead_words: frozenset[str] = frozenset()  # "I'd", "prefiero": before a turn-down of a pronoun, no topic
    # 1 when a turned-down pronoun follows its verb and may be a subject or a message ("we don't lose
    # it"), so the clause must end with it; 0 when it is a clitic object before it ("no lo haría")
    pronoun_last: int = 0
    relative_heads: frozenset[str] = frozenset()  # "lo" (que), "what": a relative that points ahead
    relatives: frozenset[str] = frozenset()  # "que", "that": opens a relative clause inside a fronted topic
    speech_words: frozenset[str] = frozenset()  # "pero", "um": a list that trails off in speech is no catalogue
    author_words: frozenset[str] = frozenset()  # "I", "we", "nosotros", "propongo": the author decides (voice)
    record_labels: frozenset[str] = frozenset()  # "status", "decisión": a decision record's label (voice.py)
    open_values: frozenset[str] = frozenset()  # "proposed", "pendiente": a record left open (voice.py)
    speaker_roles: frozenset[str] = frozenset()  # "candidate", "yo": the candidate in a transcript (voice.py)
    interviewer_roles: frozenset[str] = frozenset()  # "interviewer", "entrevistadora": whose turns never decide
    turn_verbs: frozenset[str] = frozenset()  # "commented", "respondió": a review thread's speaker header (voice)
    past_words: frozenset[str] = frozenset()  # "was", "did", "fue", "había": a story of the past (scorer._aside)
    past_endings: frozenset[str] = frozenset()  # "-aron", "-ieron": a past form by its ending (scorer._aside)
    handoff_verbs: frozenset[str] = frozenset()  # "dejo", "bequeath": X given away to someone (scorer._aside)
    handoff_to: frozenset[str] = frozenset()  # "a mi", "to my": the someone it is given to (scorer._aside)

    def to_json(self) -> dict[str, Any]:
        """The compiled cue sets as JSON data (the rule cache stores them: coach/scoring/cache.py)."""
        data: dict[str, Any] = {
            name: sorted(value) if isinstance(value, frozenset) else value
            for name, value in ((name, getattr(self, name)) for name in _FIELDS)
        }
        data["patterns"] = {
            role: [
                [pattern.text, [list(element) for element in pattern.elements]]
                for pattern in patterns
            ]
            for role, patterns in self.patterns.items()
        }
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Language:
        """The cue sets of `to_json` data."""
        values: dict[str, Any] = {name: frozenset(data[name]) for name in _WORD_LISTS}
        values.update({name: tuple(data[name]) for name in _ORDERED})
        values.update(
            {name: int(data[name]) for name in ("column", *_SCALARS)}, code=str(data["code"])
        )
        values["patterns"] = {
            role: tuple(
                Pattern(tuple(_element(element) for element in elements), role, text)
                for text, elements in raw
            )
            for role, raw in data["patterns"].items()
        }
        if set(values["patterns"]) != {*ROLES, *AUX_ROLES}:
            raise ValueError("cue roles")
        return cls(**values)


def _element(raw: list[Any]) -> Element:
    kind = raw[0]
    if kind == "seq":
        return ("seq", tuple(str(stem) for stem in raw[1]), bool(raw[2]), int(raw[3]))
    if kind == "suffix":
        return ("suffix", tuple(str(end) for end in raw[1]))
    if kind == "word":
        return ("word", str(raw[1]), str(raw[2]))
    if kind == "gap" and len(raw) == 1:
        return ("gap",)
    raise ValueError(f"cue element {kind!r}")


ROLES = {
    # role: (Cue kind, scope)
    "preceding": ("rejected", "forward"),
    "argument": ("rejected", "forward"),  # "without X": an argument for X when a conditional is in the clause
    "following": ("rejected", "backward"),
    "following_self": ("rejected", "backward_self"),
    # a rejection that closes its clause ("Idempotency key en la API no usaría", "Outbox tampoco"):
    # only then does it look back, so "usamos Redis y no pondría Kafka" keeps Redis
    "following_end": ("rejected", "backward_end"),
    "negated_verb": ("rejected", "verb"),
    "deferral_preceding": ("deferred", "open"),  # "next I'd move to token bucket and look at multi-region"
    "deferral_following": ("deferred", "backward_self"),
    # a deferral that closes its clause ("Pruebas de carga, algún día", "Circuit breakers, maybe in v2")
    "deferral_end": ("deferred", "backward_end"),
    "deferral_rest": ("deferred", "rest"),
    # a design doc's label that turns down the rest of its line: "Rejected: a DLQ", "Descartado: Kafka"
    # (a phrase written with a colon is a label: it counts only before a colon or a dash)
    "rejection_rest": ("rejected", "rest"),
    "hypothetical": ("hypothetical", "sentence"),
    # an option floated, not chosen: "we could put a cache", "podríamos cachear", "I was going to"
    "hypothetical_preceding": ("hypothetical", "open"),
    # a hedge weakens its whole clause, wherever it sits: "Workers, ideally a pool per channel",
    # "we'd probably scale the workers", "Logs estructurados, probablemente"
    "hedge": ("hedged", "clause"),
    "undecided": ("hypothetical", "open"),
    "options": ("hypothetical", "rest"),
    "vague": ("hypothetical", "before"),
    # "Sharding, particiones por clave, todo eso no": the whole list before it is turned down
    "dismiss_all": ("rejected", "before"),
    "limitation": ("limitation", "before"),
    # a turn-down whose object is a pronoun speaks of what the pronoun stands for: "Idempotent
    # fan-out and tombstones are nice ideas, but I wouldn't build them", "Riesgos y roadmap:
    # preferiría no cerrarlos hoy", "El RGPD tampoco lo tocaría", "I don't want to go down that path"
    "anaphoric": ("rejected", "antecedent"),
    # "no sé muy bien qué poner aquí", "I don't know what to say here": the rest of the answer is a
    # guess, not a design ("supongo que no pasa nada si van un poco atrasadas")
    "guess_rest": ("hypothetical", "answer"),
    # "No sé." / "Honestly, I don't know." as a sentence of its own: the candidate declares the step
    # unknown, and what follows in the answer is thinking aloud about the gap, not a design
    # ("Aquí, sinceramente, no sé. … no sé cómo mantener un contador global …")
    "ignorance_rest": ("hypothetical", "answer_alone"),
    "anaphoric_deferral": ("deferred", "antecedent"),
    "question_openers": ("question", "sentence"),
}
# the roles _read_sentence reads a cue from (the cue roles, and the contrast of a closed rejection);
# a sentence whose matches are all of other roles has only its objects to read
_READ_ROLES = frozenset(ROLES).difference({"question_openers"}).union({"contrast"})
# phrase sets that are not cues themselves
AUX_ROLES = ("pseudo", "termination", "contrast", "consequence", "closed_rejection", "fillers", "bounds", "alternative",
             "answer_yes", "answer_no", "report")
_SCALARS = {
    "scope_tokens": int, "list_item_tokens": int, "object_window": int, "pronoun_last": int,
}
_FLAGS = ("pronoun_last",)  # scalars that may be 0
_WORD_LISTS = (
    "function_words", "coordinators", "alternatives", "conditional_words", "conditional_endings", "qualifiers",
    "prepositions", "scale_or_time", "objects", "after_article", "exempt_verbs", "light_words",
    "verb_skip", "verb_endings", "link_words", "modals", "list_fillers", "list_connectors", "speech_words",
    "lead_words", "relative_heads", "relatives", "author_words", "record_labels", "open_values", "speaker_roles",
    "interviewer_roles", "turn_verbs", "past_words", "past_endings", "handoff_verbs", "handoff_to",
)
_ORDERED = ("conditional_endings", "verb_endings")  # word lists kept as tuples (in order)
_FIELDS = ("code", "column", *_SCALARS, *_WORD_LISTS)  # Language fields besides `patterns`


def _compile(text: str, lang: str, role: str) -> Pattern:
    from coach.scoring.words import fold, phrase_stems

    elements: list[Element] = []
    words: list[str] = []

    def flush() -> None:
        # every written word counts, stop words too ("won't have" is not "won't"): each word is
        # compiled alone, and a phrase's words may have stop words between them in an answer
        stems: list[str] = []
        for word in words:
            stems += phrase_stems(word, lang)[0]
        if words and not stems:
            raise ValueError(f"cue phrase {text!r} ({role}) has no words")
        if stems:
            elements.append(("seq", tuple(stems), False, 0))
        words.clear()

    for word in text.replace("...", " … ").replace("…", " … ").split():
        if word == "…":
            flush()
            elements.append(("gap",))
        elif word.startswith("*"):
            flush()
            elements.append(("suffix", tuple(fold(end) for end in word[1:].split("|") if end)))
        elif word.startswith("=") and len(word) > 1:
            flush()
            elements.append(("word", fold(word[1:]), phrase_stems(word[1:], lang)[0][0]))
        else:
            words.append(word)
    flush()
    if not elements or elements[0][0] not in ("seq", "word") or elements[-1][0] == "gap":  # the first words anchor it
        raise ValueError(f"cue phrase {text!r} ({role}) must start with words and not end with a gap")
    return Pattern(tuple(elements), role, text)


def _expand(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    match = re.search(r"\{(\w+)\}", phrase)
    if match is None:
        return [phrase]
    if match.group(1) not in sets:
        raise ValueError(f"cue phrase {phrase!r} names an unknown set {match.group(1)!r}")
    out: list[str] = []
    for value in sets[match.group(1)]:
        out += _expand(phrase[: match.start()] + value + phrase[match.end() :], sets)
    return out


def load_language(code: str, raw: dict[str, Any]) -> Language:
    """Validate and compile one language's cue file (already parsed)."""
    from coach.scoring.words import fold

    # `estimates` belongs to the estimate checker (estimates.py validates it), `words` to the normaliser
    # (words.py): accepted, ignored
    known = {"language", "stems", "sets", "estimates", "words", *ROLES, *AUX_ROLES, *_SCALARS, *_WORD_LISTS}
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"languages/{code}.toml: unknown keys {sorted(unknown)}")
    if raw.get("language") != code:
        raise ValueError(f"languages/{code}.toml: language = {raw.get('language')!r}, expected {code!r}")
    if raw.get("stems") not in ("es", "en"):
        raise ValueError(f"languages/{code}.toml: stems must be 'es' or 'en' (the stemmed column it reads)")
    for key, kind in _SCALARS.items():
        if not isinstance(raw.get(key), kind) or raw[key] < (0 if key in _FLAGS else 1):
            raise ValueError(f"languages/{code}.toml: {key} must be a positive integer"
                             + (" (0 or 1)" if key in _FLAGS else ""))
    sets = raw.get("sets", {})
    if not isinstance(sets, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in sets.values()
    ):
        raise ValueError(f"languages/{code}.toml: [sets] must hold lists of strings")
    for key in (*ROLES, *AUX_ROLES, *_WORD_LISTS):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError(f"languages/{code}.toml: {key} must be a list of non-empty strings")
    stems_lang = raw["stems"]
    patterns = {
        role: tuple(
            _compile(text, stems_lang, role) for phrase in raw.get(role, []) for text in _expand(phrase, sets)
        )
        for role in (*ROLES, *AUX_ROLES)
    }

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in raw.get(key, []))

    return Language(
        code=code,
        column=0 if stems_lang == "es" else 1,
        scope_tokens=raw["scope_tokens"],
        list_item_tokens=raw["list_item_tokens"],
        object_window=raw["object_window"],
        pronoun_last=raw["pronoun_last"],
        function_words=words("function_words"),
        coordinators=words("coordinators"),
        alternatives=words("alternatives"),
        conditional_words=words("conditional_words"),
        conditional_endings=tuple(words("conditional_endings")),
        qualifiers=words("qualifiers"),
        prepositions=words("prepositions"),
        scale_or_time=words("scale_or_time"),
        objects=words("objects"),
        after_article=words("after_article"),
        exempt_verbs=words("exempt_verbs"),
        light_words=words("light_words"),
        verb_skip=words("verb_skip"),
        verb_endings=tuple(sorted(words("verb_endings"))),
        patterns=patterns,
        link_words=words("link_words"),
        modals=words("modals"),
        list_fillers=words("list_fillers"),
        list_connectors=words("list_connectors"),
        speech_words=words("speech_words"),
        lead_words=words("lead_words"),
        relative_heads=words("relative_heads"),
        relatives=words("relatives"),
        author_words=words("author_words"),
        record_labels=words("record_labels"),
        open_values=words("open_values"),
        speaker_roles=words("speaker_roles"),
        interviewer_roles=words("interviewer_roles"),
        turn_verbs=words("turn_verbs"),
        past_words=words("past_words"),
        past_endings=words("past_endings"),
        handoff_verbs=words("handoff_verbs"),
        handoff_to=words("handoff_to"),
    )


# the cue sets in use: compiled once, or given by use_languages
_LANGUAGES: list[tuple[Language, ...]] = []


def languages() -> tuple[Language, ...]:
    """Every shipped language's cue sets: compiled once per process, unless the rule cache gave them."""
    if not _LANGUAGES:
        _LANGUAGES.append(compile_languages())
    return _LANGUAGES[0]


def use_languages(compiled: tuple[Language, ...]) -> None:
    """Use cue sets compiled by an earlier process from the same files and code (coach/scoring/cache.py)."""
    _LANGUAGES[:] = [compiled]
    _anchors.cache_clear()
    _candidate_index.cache_clear()
    merged_words.cache_clear()


@lru_cache(maxsize=8)
def merged_words(attr: str) -> frozenset[str]:
    """One word list of every language in use, merged (lists.py: `link_words`, `list_fillers`, …);
    cleared with the languages, so cue sets swapped in by `use_languages` are the ones read."""
    return frozenset().union(*(getattr(language, attr) for language in languages()))


def compile_languages() -> tuple[Language, ...]:
    """Read and compile every shipped language's cue file (`languages/<code>.toml`)."""
    import tomllib  # the cold path only: a warm run has the cue sets from the rule cache
    from importlib import resources

    root = resources.files("coach.content_data.languages")
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            code = entry.name[: -len(".toml")]
            try:
                raw = tomllib.loads(entry.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as error:
                raise ValueError(f"languages/{entry.name}: {error}") from None
            out.append(load_language(code, raw))
    if not out:
        raise ValueError("no language cue files shipped")
    return tuple(out)


Anchors = dict[str, list[tuple[Language, Pattern, str | None]]]


@lru_cache(maxsize=1)
def _anchors() -> tuple[Anchors, Anchors]:
    """Per stem column: anchor stem -> the patterns that can start there (and the stem they need next)."""
    index: tuple[Anchors, Anchors] = ({}, {})
    for language in languages():
        for role_patterns in language.patterns.values():
            for pattern in role_patterns:
                head = pattern.elements[0]
                anchor = head[1][0] if head[0] == "seq" else head[2]
                index[language.column].setdefault(anchor, []).append((language, pattern, _second(pattern)))
    return index[0], index[1]


# (rank in its anchor's list of `_anchors()`, language, pattern, the stems after the anchor in the
# pattern's opening run of words or None when it opens with an exact word, the stem that must follow
# a gap right after that run or None: see _matches)
Candidate = tuple[int, Language, Pattern, tuple[str, ...] | None, str | None]


@dataclass(frozen=True)
class _Candidates:
    """The patterns that can start at one anchor stem, split by the stem they need next (`_second`)."""

    any_next: tuple[Candidate, ...]  # patterns that need no particular second stem
    by_next: dict[str, tuple[Candidate, ...]]  # second stem -> the patterns that need it
    next_stems: frozenset[str]  # the keys of by_next


CandidateIndex = tuple[dict[str, _Candidates], dict[str, _Candidates]]


@lru_cache(maxsize=1)
def _candidate_index() -> CandidateIndex:
    """Per stem column and anchor stem: its patterns grouped by the second stem they need.

    An anchor such as "no" starts hundreds of patterns; a sentence looks up only the groups of the
    few stems that follow the anchor instead of filtering every pattern. The rank keeps the
    order of `_anchors()`, in which matches are reported (later stages read them in that order).
    """
    out: CandidateIndex = ({}, {})
    for column, anchors in enumerate(_anchors()):
        for stem, patterns in anchors.items():
            any_next: list[Candidate] = []
            by_next: dict[str, list[Candidate]] = {}
            for rank, (language, pattern, second) in enumerate(patterns):
                group = any_next if second is None else by_next.setdefault(second, [])
                elements = pattern.elements
                run = tuple(elements[0][1][1:]) if elements[0][0] == "seq" else None
                past_gap = (
                    str(elements[2][1][0])
                    if len(elements) > 2 and elements[1][0] == "gap" and elements[2][0] == "seq"
                    else None
                )
                group.append((rank, language, pattern, run, past_gap))
            out[column][stem] = _Candidates(
                tuple(any_next), {k: tuple(v) for k, v in by_next.items()}, frozenset(by_next)
            )
    return out


def _second(pattern: Pattern) -> str | None:
    """The stem a pattern needs right after its anchor (within a few stop words), if any: a cheap filter."""
    head = pattern.elements[0]
    if head[0] == "seq" and len(head[1]) > 1:
        return str(head[1][1])
    if len(pattern.elements) > 1 and pattern.elements[1][0] == "seq":
        return str(pattern.elements[1][1][0])
    return None


def trigger_stems() -> tuple[frozenset[str], frozenset[str]]:
    """The stems any cue can start with (a sentence without one has no cue but questions and objects)."""
    es, en = _anchors()
    return frozenset(es), frozenset(en)


class _Sentence:
    """The tokens of one sentence and what the cue stage needs to read them."""

    def __init__(self, text: str, columns: tuple[Sequence[str], Sequence[str]], words: Sequence[str],
                 stop: Sequence[bool], spans: Sequence[tuple[int, int]], first: int, last: int,
                 start: int, end: int, hits: Sequence[int] | None = None,
                 objects: Sequence[int] | None = None) -> None:
        self.text, self.columns, self.words, self.stop, self.spans = text, columns, words, stop, spans
        self.first, self.last, self.start, self.end = first, last, start, end
        self.hits = hits  # the positions whose stem (either column) can start a cue; None: not known
        self.objects = objects  # the positions of every language's `objects` words; None: not known
        self._breaks: dict[int, str] = {}
        self.found: dict[tuple[str, ...], list[tuple[int, int, Language, Pattern]]] = {}  # _matches, per languages
        self.languages: tuple[tuple[Language, ...], tuple[Language, ...]] | None = None  # _sentence_languages
        self.previous: tuple[int, int] | None = None  # the tokens of the sentence before it, if any
        self.answer_end = last  # the end of the whole answer's tokens (find_cues sets it)

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i ('' before the sentence's first token)."""
        return self.text[self.spans[i - 1][1] : self.spans[i][0]] if i > self.first else ""

    def brk(self, i: int) -> str:
        """The clause break between token i-1 and token i ('' when none; ',' or the strong one)."""
        if i >= self.last:
            return "."
        found = self._breaks.get(i)
        if found is None:
            gap = self.gap(i)
            found = ""
            if gap and not gap.isspace():  # most gaps are a space: no break (no pattern here matches one)
                if _BREAK_RE.search(gap):
                    strong = _STRONG_RE.search(gap)
                    found = strong.group().strip() if strong else ","
                elif i > self.first and _PERIOD_RE.search(gap):
                    found = "."
            self._breaks[i] = found
        return found

    def match(self, pattern: Pattern, start: int, column: int) -> int:
        """End (exclusive) of `pattern` starting at token `start`; -1 when it does not."""
        return self._match(pattern.elements, 0, start, column, True)

    def _match(self, elements: tuple[Element, ...], k: int, p: int, column: int, first: bool) -> int:
        if k == len(elements):
            return p
        element = elements[k]
        last = self.last
        if element[0] == "gap":
            for q in range(p, min(p + GAP, last) + 1):
                if q > p and self.brk(q):
                    break
                end = self._match(elements, k + 1, q, column, False)
                if end >= 0:
                    return end
            return -1
        if p >= last:
            return -1
        if element[0] == "suffix":
            word = self.words[p]
            if self.stop[p] or not word.endswith(element[1]) or (not first and self.brk(p)):
                return -1
            return self._match(elements, k + 1, p + 1, column, False)
        if element[0] == "word":
            position = p
            gap = 0
            while position < last and self.stop[position] and gap < _MAX_STOP_GAP and self.words[position] != element[1]:
                position += 1
                gap += 1
            if position >= last or self.words[position] != element[1] or (not first and self.brk(position)):
                return -1
            return self._match(elements, k + 1, position + 1, column, False)
        stems = element[1]
        col = self.columns[column]
        position = p - 1
        for index, stem in enumerate(stems):
            position += 1
            if index or not first:  # stop words may come between the words of a phrase
                gap = 0
                while position < last and col[position] != stem and self.stop[position] and gap < _MAX_STOP_GAP:
                    position += 1
                    gap += 1
            if position >= last or col[position] != stem:
                return -1
            if (index or not first) and self.brk(position):
                return -1
        return self._match(elements, k + 1, position + 1, column, False)


def find_cues(
    text: str,
    es: Sequence[str],
    en: Sequence[str],
    words: Sequence[str],
    stop: Sequence[bool],
    spans: Sequence[tuple[int, int]],
    sentence_of: Sequence[int],
    sentences: Sequence[tuple[int, int]],
) -> tuple[tuple[Cue, ...], tuple[int, ...], frozenset[int]]:
    """(cues, per token 0 or the 1-based index of the governing cue, the sentences holding a `report`
    phrase); the first two are ((), ()) when no token is governed.

    `words` are the folded, canonical words the stems come from (one per token).
    """
    anchors = _anchors()
    candidate_index = _candidate_index()
    langs = languages()
    objects = frozenset().union(*(language.objects for language in langs))
    # sentences worth reading: a cue's anchor stem, a question mark, or a non-technical object
    # (found with map/compress: a 1 MB answer is ~150k tokens)
    es_anchor, en_anchor = anchors
    count = len(es)
    hits = sorted(
        {*compress(range(count), map(es_anchor.__contains__, es)), *compress(range(count), map(en_anchor.__contains__, en))}
    )
    object_hits = list(compress(range(count), map(objects.__contains__, words)))
    wanted = set(map(sentence_of.__getitem__, hits))
    wanted.update(map(sentence_of.__getitem__, object_hits))
    if "?" in text or "¿" in text:
        wanted.update(i for i, (s, e) in enumerate(sentences) if "?" in text[s:e] or "¿" in text[s:e])
    if not wanted:
        return (), (), frozenset()
    bounds = _bounds(sentence_of, len(sentences))
    found: list[tuple[str, tuple[int, int], list[tuple[int, int]]]] = []  # kind, cue char span, token ranges
    reported: set[int] = set()
    for index in sorted(wanted):
        first, last = bounds[index], bounds[index + 1]
        s_start, s_end = sentences[index]
        sentence = _Sentence(text, (es, en), words, stop, spans, first, last, s_start, s_end,
                             hits[bisect_left(hits, first) : bisect_left(hits, last)],
                             object_hits[bisect_left(object_hits, first) : bisect_left(object_hits, last)])
        if index:
            sentence.previous = (bounds[index - 1], first)
        sentence.answer_end = count
        found += _read_sentence(sentence, langs, candidate_index)
        if any(match[3].role == "report" for matches in sentence.found.values() for match in matches):
            reported.add(index)
        if index + 1 < len(sentences) or sentence.text[s_start:s_end].rstrip().endswith("?") or "¿" in sentence.text[s_start:s_end]:
            found += _question(sentence, langs, candidate_index, index, sentences, bounds, text, (es, en), words, stop, spans)
    if not found:
        return (), (), frozenset(reported)
    # rejections and the like first, then hedges (a figure or a reason lifts them), questions last:
    # the most specific cue governs a token ("we'd probably want X at some point" defers X)
    order = sorted(range(len(found)), key=lambda i: (found[i][0] == "question", found[i][0] == "hedged", found[i][1]))
    cues: list[Cue] = []
    seen: dict[tuple[str, tuple[int, int]], int] = {}
    marks = [0] * len(es)
    governed = False
    for i in order:
        kind, span, ranges = found[i]
        if not any(a < b for a, b in ranges):
            continue
        key = (kind, span)
        number = seen.get(key)
        if number is None:
            cues.append(Cue(kind, span, text[span[0] : span[1]]))
            number = seen[key] = len(cues)
        for a, b in ranges:
            for p in range(a, b):
                if not marks[p]:
                    marks[p] = number
                    governed = True
    if not governed:
        return (), (), frozenset(reported)
    # number the cues in text order
    renumber = sorted(range(len(cues)), key=lambda i: (cues[i].span, cues[i].kind))
    new_of = {old + 1: new + 1 for new, old in enumerate(renumber)}
    marks_out = tuple(map(new_of.get, marks, repeat(0)))  # C speed per token
    return tuple(cues[i] for i in renumber), marks_out, frozenset(reported)


def _bounds(sentence_of: Sequence[int], count: int) -> list[int]:
    from bisect import bisect_left

    return [bisect_left(sentence_of, s) for s in range(count + 1)]


def _sentence_languages(sentence: _Sentence, langs: tuple[Language, ...]) -> tuple[Language, ...]:
    known = sentence.languages
    if known is not None and known[0] is langs:
        return known[1]  # the question check reads the same sentence again
    words = sentence.words[sentence.first : sentence.last]
    counts = [sum(map(language.function_words.__contains__, words)) for language in langs]
    best = max(counts, default=0)
    chosen = langs
    if not (best == 0 or counts.count(best) > 1):
        chosen = _alone(langs[counts.index(best)])  # the one language with the most function words
    sentence.languages = (langs, chosen)
    return chosen


_ALONE: dict[int, tuple[Language]] = {}


def _alone(language: Language) -> tuple[Language]:
    """(language,), the same tuple every time: _reading keeps what it derives per languages tuple."""
    known = _ALONE.get(id(language))
    if known is None or known[0] is not language:
        if len(_ALONE) > 8:
            _ALONE.clear()
        known = _ALONE[id(language)] = (language,)
    return known


# languages tuple -> (it, its codes in order, the set of them, the stem columns its languages read)
_READINGS: dict[int, tuple[tuple[Language, ...], tuple[str, ...], frozenset[str], tuple[int, ...]]] = {}


def _reading(langs: tuple[Language, ...]) -> tuple[tuple[str, ...], frozenset[str], tuple[int, ...]]:
    """What _matches needs of a languages tuple, derived once per tuple rather than once per sentence."""
    known = _READINGS.get(id(langs))
    if known is None or known[0] is not langs:
        if len(_READINGS) > 8:
            _READINGS.clear()
        codes = tuple(language.code for language in langs)
        # a language's patterns all sit in its own stem column: a column no language here reads has none
        columns = tuple(column for column in (0, 1) if any(language.column == column for language in langs))
        known = _READINGS[id(langs)] = (langs, codes, frozenset(codes), columns)
    return known[1:]


Found = tuple[str, tuple[int, int], list[tuple[int, int]]]


def _matches(
    sentence: _Sentence, langs: tuple[Language, ...], candidate_index: CandidateIndex
) -> list[tuple[int, int, Language, Pattern]]:
    """Every pattern of the sentence's languages that occurs in it: (first token, end, language, pattern)."""
    key, codes, columns = _reading(langs)
    known = sentence.found.get(key)
    if known is not None:
        return known  # the question check reads the same sentence again
    out: list[tuple[int, int, Language, Pattern]] = []
    sentence.found[key] = out
    last = sentence.last
    stop, brk = sentence.stop, sentence.brk
    positions = range(sentence.first, last) if sentence.hits is None else sentence.hits
    for column in columns:  # one column per language read: most sentences read one
        col = sentence.columns[column]
        anchored = candidate_index[column].get
        for p in positions:
            candidates = anchored(col[p])
            if candidates is None:
                continue
            # a pattern's second stem comes within a few stop words of its anchor
            window = col[p + 1 : min(p + 2 + _MAX_STOP_GAP, last)]
            # most anchors: none of those stems follows (isdisjoint builds no set to say so)
            seconds = () if candidates.next_stems.isdisjoint(window) else candidates.next_stems.intersection(window)
            if not seconds:
                if not candidates.any_next:
                    continue
                tried = candidates.any_next
            elif len(seconds) == 1 and not candidates.any_next:
                tried = candidates.by_next[next(iter(seconds))]
            else:
                joined = [*candidates.any_next]
                for stem in seconds:
                    joined += candidates.by_next[stem]
                joined.sort()  # back to the anchor's pattern order (ranks are unique)
                tried = tuple(joined)
            for _, language, pattern, run, past_gap in tried:
                if language.code not in codes:
                    continue
                if run is None:  # an exact word first ("=needed"): the general matcher
                    end = sentence.match(pattern, p, column)
                    if end > p:
                        out.append((p, end, language, pattern))
                    continue
                # the opening run of words, its first at p (the anchor): what _Sentence._match does
                # for a "seq" element, inline, as most patterns tried on a long answer fail in it
                position = p
                for stem in run:
                    position += 1
                    gap = 0
                    while position < last and col[position] != stem and stop[position] and gap < _MAX_STOP_GAP:
                        position += 1
                        gap += 1
                    if position >= last or col[position] != stem or brk(position):
                        break
                else:
                    end = position + 1
                    if past_gap is not None and past_gap not in col[end : min(end + GAP + _MAX_STOP_GAP + 1, last)]:
                        continue  # "no … hace falta": the words after the gap are not within its reach
                    if len(pattern.elements) > 1:  # a gap, an ending or an exact word after the run
                        end = sentence._match(pattern.elements, 1, end, column, False)
                    if end > p:
                        out.append((p, end, language, pattern))
    if len(columns) > 1:
        out.sort(key=_first_token)  # by position, then column (stable): the order of a position-first walk
    return out


def _first_token(match: tuple[int, int, Language, Pattern]) -> int:
    return match[0]


def _char_span(sentence: _Sentence, start: int, end: int) -> tuple[int, int]:
    return sentence.spans[start][0], sentence.spans[end - 1][1]


def _read_sentence(
    sentence: _Sentence, all_langs: tuple[Language, ...], candidate_index: CandidateIndex
) -> list[Found]:
    langs = _sentence_languages(sentence, all_langs)
    matches = _matches(sentence, langs, candidate_index)
    if not matches:  # half the sentences read: no role, no contrast, only the objects (no closures built)
        return _objects(sentence, all_langs)
    out: list[Found] = []
    by_role: dict[str, list[tuple[int, int, Language, Pattern]]] = {}
    for match in matches:
        by_role.setdefault(match[3].role, []).append(match)
    labelled_no = any(a > sentence.first and sentence.brk(a) == ":" for a, _, _, _ in by_role.get("answer_no", []))
    if by_role.keys().isdisjoint(_READ_ROLES) and not labelled_no:  # only scope words ("but", "because"): no cue
        return _objects(sentence, all_langs)
    pseudo = [(a, b) for a, b, _, _ in by_role.get("pseudo", [])]
    termination = {a for a, _, _, _ in by_role.get("termination", [])}
    termination |= {a for a, _, _, _ in by_role.get("contrast", [])}
    first, last = sentence.first, sentence.last
    # what ends an open scope: a contrast or a consequence ("could create hot keys, so we salt them")
    contrasts = {a for role in ("contrast", "consequence") for a, _, _, _ in by_role.get(role, [])}

    def is_pseudo(a: int, b: int) -> bool:
        return any(a < pb and pa < b for pa, pb in pseudo)

    def clause_end(p: int) -> int:
        q = p
        while q < last and not (q > p and sentence.brk(q)) and not (q > p and q in termination):
            q += 1
        return q

    def strong_end(p: int) -> int:
        q = p + 1
        while q < last and sentence.brk(q) in ("", ",") and q not in termination:
            q += 1
        return q

    def conditional(a: int, b: int, language: Language) -> bool:
        return any(
            w in language.conditional_words or (len(w) > 5 and w.endswith(language.conditional_endings))
            for w in sentence.words[a:b]
        )

    def bounded(a: int, b: int) -> bool:
        return any(a <= m < b for m, _, _, _ in by_role.get("bounds", []))

    def forward(end: int, language: Language) -> int:
        """The one scope rule: to a termination word, a clause break, the sentence end or N content tokens."""
        q, content, crossed = end, 0, -1
        limit = language.scope_tokens
        while q < last:
            if q > first and q != crossed and sentence.brk(q):
                if sentence.brk(q) == "," and (q == end or (q == end + 1 and conditional(end, q, language))):
                    # "Tampoco pondría, de momento, una caché": a short aside between the verdict and its object
                    aside = next((p for p in range(q + 1, min(q + ASIDE_WORDS + 1, last)) if sentence.brk(p)), 0)
                    if aside and sentence.brk(aside) == "," and all(slight(p, language) for p in range(q, aside)):
                        # only a time or a manner: "…, no, exponential, with jitter" is a correction
                        q = crossed = aside
                        continue
                break
            if q in termination:
                break
            if not sentence.stop[q]:
                content += 1
            q += 1
            if content >= limit:
                # "X or Y": the list goes on
                if q < last and sentence.words[q] in language.alternatives and not sentence.brk(q):
                    content = 0
                    q += 1
                    continue
                return q
        return _list_end(sentence, q, language, termination)

    fillers = {p for fa, fb, _, _ in by_role.get("fillers", []) for p in range(fa, fb)}

    def slight(p: int, language: Language) -> bool:
        """A word of no substance beside a verdict: a stop word, a filler, a qualifier, a scale or a time
        ("… too", "… de momento", "… for v1")."""
        word = sentence.words[p]
        return sentence.stop[p] or p in fillers or word in language.qualifiers or word in language.scale_or_time
    asks = sentence.text[sentence.start : sentence.end].rstrip().endswith("?")

    def label_before(a: int) -> int:
        """The sentence's opening label when the cue at `a` opens what follows it ("Enumeration: I read
        somewhere that…", "Tracing: maybe later"): the label's first token, else -1. The supposition
        or deferral speaks of the labelled topic too."""
        q = a
        while q > first and not sentence.brk(q) and (sentence.stop[q - 1] or (q - 1) in fillers):
            q -= 1
        if q <= first or sentence.brk(q) not in _LABEL_BREAKS:
            return -1
        if any(sentence.brk(p) for p in range(first + 1, q)):
            return -1  # not the sentence's opening: "We use X, and Y: maybe later"
        topic = sum(1 for p in range(first, q) if not sentence.stop[p])
        return first if 0 < topic <= LABEL_TOPIC_WORDS + 1 else -1

    def scoped_label(start: int, a: int, language: Language) -> int:
        """The opening label when the verdict's clause right after its colon is only where it applies
        ("Reintentos: en el camino de lectura no", "Tracing: not on the limiter"): a scope phrase of
        a preposition and a few words, so the label is what is turned down there; else -1."""
        if start <= first or sentence.brk(start) != ":" or sentence.words[start] not in language.prepositions:
            return -1
        if sum(1 for p in range(start, a) if not sentence.stop[p]) > SCOPE_WORDS:
            return -1
        return label_before(start)

    def antecedent(a: int, b: int, language: Language, tail: int) -> list[tuple[int, int]]:
        """What a pronoun turned down stands for: the topic fronted in its clause ("El RGPD tampoco
        lo tocaría"), else what came before the clause in the sentence ("X and Y are nice ideas,
        but I wouldn't build them"), else the sentence before ("…. I don't want to go down that
        path."). Nothing when the clause goes on past the pronoun ("we don't need it to survive a
        restart", "we don't retry it more than 5 times"): the pronoun may be a subject or a message."""
        end = b if b < last and sentence.brk(b) else clause_end(b)
        if bounded(b, end) or "?" in sentence.text[sentence.start : sentence.end]:
            return []  # "¿X hay que hacerlo ahora o eso queda para después?" asks
        if a > first and sentence.words[a - 1] in language.relative_heads:
            return []  # "Lo que no pondría: X", "what I wouldn't do is X": it points ahead
        rest = sum(1 for p in range(b, end) if not slight(p, language))
        if 0 <= tail < rest:
            return []  # the clause says what for: a bound, not a turn-down of the topic
        q = a
        while q > first and not sentence.brk(q) and (q - 1) not in termination:
            q -= 1
        # "La DLQ para los eventos que fallan la dejaría para después": the topic holds a relative
        # clause, so it starts before the "que"
        while q - 1 > first and (q - 1) in termination and sentence.words[q - 1] in language.relatives:
            q -= 1
            while q > first and not sentence.brk(q) and (q - 1) not in termination:
                q -= 1
        labelled = label_before(q) if q > first and sentence.brk(q) == ":" else -1
        if labelled >= 0:  # "DLQ: para el fan-out no la pondría": the pronoun stands for the label
            return [(labelled, q), (a, end)]

        def topic(p: int) -> bool:  # "preferiría", "I'd", "honestly" stand before a turn-down, no topic
            word = sentence.words[p]
            return not (sentence.stop[p] or p in fillers or p in termination or word in language.lead_words
                        or word in language.scale_or_time  # "for the first version I don't use it"
                        or (len(word) > 5 and word.endswith(language.conditional_endings)))

        if any(map(topic, range(q, a))):  # the topic may be a list: "Logs, tracing… todo eso lo agregaría"
            return [(_list_start(sentence, q, a, language, termination), end)]
        if q > first:  # the clauses before it, back to a semicolon: "lo mitigo con X, aunque eso lo dejaría"
            start = q - 1
            while start > first and sentence.brk(start) != ";":
                start -= 1
            if any(map(topic, range(start, q))):
                return [(start, end)]
        if sentence.previous is None or not sentence.text[sentence.start : sentence.end].rstrip(" *_").endswith((".", "!", "…")):
            return []  # a heading or a label ("Lo que no pondría", "What I'd skip:") speaks of what follows
        return [sentence.previous, (a, end)]

    def closes_clause(b: int, language: Language) -> bool:
        """Nothing of substance after the cue in its clause (`slight` words: "… too", "… de momento",
        "considered and rejected for v1"), so "usamos Redis y no pondría Kafka" keeps Redis."""
        if b >= last or sentence.brk(b) or b in termination:
            return True
        return all(slight(p, language) for p in range(b, clause_end(b)))

    def aside_before(a: int) -> int:
        """The first token of an aside in brackets closed right before token a ("A circuit breaker
        (per provider) is overkill"), else a."""
        if ")" not in sentence.gap(a):
            return a
        p = a - 1
        while p > first and "(" not in sentence.gap(p):
            p -= 1
        return p if p > first and ")" not in sentence.gap(p) else a

    def back_over_comma(a: int, b: int, language: Language) -> int:
        """A trailing cue alone in its clause looks back over one comma: "Circuit breaker, más adelante".

        Alone: only stop words or fillers before it in its clause ("…, sinceramente, lo vería más
        tarde"), and at most two content words after it ("… más tarde con legal"). An aside in
        brackets right before the cue is stepped over: "A DLQ (dead-letter queue) is not needed".
        """
        opened = aside_before(a)
        q = backward(opened - 1) if opened != a else backward(a)
        if (
            q > first
            and sentence.brk(q) == ","
            and all(sentence.stop[p] or p in fillers for p in range(q, a))
            and closes_clause(b, language)
        ):
            own = q
            while True:
                end = q
                q -= 1
                while q > first and not sentence.brk(q) and (q - 1) not in termination:
                    q -= 1
                # a clause of fillers alone is no topic: "El cifrado, eh, hoy no hace falta"
                if not (
                    q > first and sentence.brk(q) == "," and all(sentence.stop[p] or p in fillers for p in range(q, end))
                ):
                    break
            if q in termination or (q - 1) in termination:
                return own  # "si ya lo habíamos visto, lo saltamos": a condition, not a topic
        return q

    def backward(start: int) -> int:
        """To the start of the clause; across a colon or dash when the cue opens its clause."""
        q = start
        while q > first and not sentence.brk(q) and (q - 1) not in termination:
            q -= 1
        # a filler may stand after a label's colon ("DLQ: aquí no tiene sentido"), not after a spoken
        # dash ("three nines — actually no, 99.95": a correction, not a verdict on the topic)
        gap = sentence.gap(q)
        closed = gap.rstrip().endswith(":") and ")" in gap  # "… (authorize → capture): …", a label's aside closed
        label = sentence.brk(q) == ":" or closed
        if q > first and all(sentence.stop[p] or (label and p in fillers) for p in range(q, start)) and (
            closed or sentence.brk(q) in _OPENERS
        ):
            q -= 1  # "Tracing distribuido: por ahora no": the cue speaks of the topic before the colon,
            # all of it ("Partition keys, per-shard throughput, hot partitions: not a conversation we need"),
            # an aside in it too ("Saga for the whole flow (authorize → capture): too much complexity")
            asides = 1 if closed else 0
            while q > first and (
                (brk := sentence.brk(q)) in ("", ",", ")") or asides  # whatever the aside holds
            ) and (q - 1) not in termination:
                asides += {")": 1, "(": -1}.get(brk, 0)
                q -= 1
            # a condition inside a line's label is part of it ("Límites locales cuando Redis está caído: no"),
            # a contrast is not ("Caché, pero corta: no")
            whole = q
            while whole > first and sentence.brk(whole) in ("", ",") and (whole - 1) not in contrasts:
                whole -= 1
            if whole == first and sentence.brk(first) in ("", ","):
                q = first
        return q

    for role, (kind, scope) in ROLES.items():
        if role == "question_openers":
            continue
        for a, b, language, pattern in by_role.get(role, []):
            if is_pseudo(a, b):
                continue
            span = _char_span(sentence, a, b)
            if scope == "forward":
                if role == "argument" and conditional(a, strong_end(a), language):
                    continue  # "without a DLQ we would lose messages": an argument for it
                out.append((kind, span, [(b, forward(b, language))]))
            elif scope == "backward":
                if b >= last and asks:
                    continue  # "…entran en esto o no?": a question's tag, not a verdict
                # "Partition keys, shard counts and hot partitions don't apply": the whole listed subject
                start = back_over_comma(a, b, language)
                out.append((kind, span, [(_list_start(sentence, start, a, language, termination), a)]))
            elif scope == "backward_self":
                start = _list_start(sentence, back_over_comma(a, b, language), a, language, termination)
                out.append((kind, span, [(start, b)]))
            elif scope == "clause":
                # "Secrets should probably live in Secrets Manager": a modal ends no clause for a hedge
                start = backward(a - 1) if a - 1 > first and sentence.words[a - 1] in language.modals else backward(a)
                if (
                    start > first
                    and sentence.brk(start) == ","
                    and sum(1 for p in range(start, a) if not (sentence.stop[p] or p in fillers)) <= 2
                ):
                    start -= 1  # "Providers, we'd likely go with SES": the topic before the comma
                    while start > first and not sentence.brk(start) and (start - 1) not in termination:
                        start -= 1
                # "could be offset-based, cursor-based or keyset": the clause and the list it opens
                ranges = [(start, _list_end(sentence, clause_end(b), language, termination))]
                label = label_before(a)
                if label >= 0:
                    ranges.append((label, a))  # "Tracing: probably Jaeger": the labelled topic too
                out.append((kind, span, ranges))
            elif scope == "backward_end":
                brk = sentence.brk(a)
                if pattern.text.startswith(":") and (
                    a <= first or brk not in _LABEL_BREAKS or (brk != ":" and label_before(a) < 0)
                ):
                    # ": skipped", "KPI — skip": a verdict after a label, not "we skip it" nor an aside
                    # ("is there data to keep — rejections, logs —")
                    continue
                if b >= last and asks:
                    continue  # "…entran en esto o no?", "quedan afuera, no?": a question's tag, not a verdict
                if closes_clause(b, language):
                    # "Las claves calientes, los inactivos y el umbral no los trataría": the whole list
                    start = _list_start(sentence, back_over_comma(a, b, language), a, language, termination)
                    ranges = [(start, b)]
                    ends = all(sentence.stop[p] or p in fillers for p in range(b, last))
                    label = scoped_label(start, a, language) if ends else -1
                    if label >= 0:
                        ranges.append((label, start))  # "Reintentos: en el camino de lectura no": the label too
                    out.append((kind, span, ranges))
            elif scope == "verb":
                c_end = clause_end(b)
                if bounded(b, c_end) or b >= last:
                    continue
                verb = b
                while verb < c_end and sentence.words[verb] in language.verb_skip:
                    verb += 1
                if (
                    verb >= c_end
                    or sentence.stop[verb]
                    or (language.verb_endings and not sentence.words[verb].endswith(language.verb_endings))
                    or any(a2 <= verb < b2 for a2, b2, _, other in matches if other.role in ROLES and other.role != role)
                ):
                    continue  # not a verb the candidate acts with, or part of a wider cue ("we won't need X")
                ranges = [(verb, verb + 1)]
                ranges += _reason_after(sentence, verb, c_end, language, conditional)
                out.append((kind, span, ranges))
            elif scope == "rest":
                if pattern.text.endswith(":") and (
                    b >= last or not _label_break(sentence.brk(b), pattern.text)
                    or (role != "options" and _label_start(sentence, a) < a - LABEL_TOPIC_WORDS)
                ):
                    # a label opens its line, after a topic of a word or two at most ("Caché descarto: …"):
                    # not "rejected requests get a 429", "E2EE for 1:1 later: the server then stores…"
                    continue
                out.append((kind, span, [(b, last)]))
            elif scope == "open":
                # to a colon or semicolon, a contrast ("but") or a consequence ("so"): "que", "that" or
                # "if" inside the clause do not end an open choice ("en algún momento habría que fijarla")
                end = b
                while end < last and sentence.brk(end) not in _STRONG_BREAKS and end not in contrasts:
                    end += 1
                ranges = [(b, end)]
                label = label_before(a)
                if label >= 0:
                    ranges.append((label, a))  # "Enumeration: I read somewhere that…": the topic too
                out.append((kind, span, ranges))
            elif scope == "sentence":
                if conditional(first, last, language):
                    out.append((kind, span, [(first, last)]))
            elif scope == "before":
                out.append((kind, span, [(first, b)]))
            elif scope == "answer":
                out.append((kind, span, [(b, sentence.answer_end)]))
            elif scope == "answer_alone":
                # the answer's first sentence: "Maybe a bloom filter? Not sure." only doubts its own idea
                opens = sentence.previous is None or sentence.previous[1] - sentence.previous[0] <= 1  # "Um."
                if opens and all(
                    sentence.stop[p] or p in fillers for p in range(first, last) if not a <= p < b
                ):
                    out.append((kind, span, [(b, sentence.answer_end)]))
            elif scope == "antecedent":
                # content words the clause may go on with: none after an English pronoun ("it's not needed
                # for templates" says what for), two after a clitic ("lo daría por resuelto por otro equipo",
                # not "no lo veo necesario para las llamadas internas"); any after a deferral (its condition:
                # "lo agregaría si el equipo lo pide") or "belong to" (the owner)
                tail = -1 if role != "anaphoric" or pattern.text.endswith(" to") else 0 if language.pronoun_last else 2
                if (
                    role == "anaphoric_deferral" and b < last and not sentence.brk(b)
                    and sentence.words[b] not in language.link_words
                    and sentence.words[b - 1] not in language.prepositions and not conditional(a, b, language)
                ):
                    tail = 2  # no verb, no condition after: "y eso después nos va a servir para cachear" goes on
                ranges = antecedent(a, b, language, tail=tail)
                if ranges:
                    out.append((kind, span, ranges))
    # "Tracing: not on the limiter", "Caché: no en la lectura": a label's value that opens with "no" and a
    # scope phrase, and ends the sentence, turns the label down (not "Tracing: not on the hot path, only…")
    for a, b, language, _pattern in by_role.get("answer_no", []):
        if b - a == 1 and a > first and sentence.brk(a) == ":" and b < last and sentence.words[b] in language.prepositions:
            scope_words = sum(1 for p in range(b, last) if not sentence.stop[p])
            label = label_before(a)
            if label >= 0 and scope_words <= SCOPE_WORDS and not any(sentence.brk(p) for p in range(b + 1, last)):
                out.append((ROLES["following_end"][0], _char_span(sentence, a, b), [(label, a), (a, last)]))
    out += _contrasts(sentence, by_role, language_of=langs, conditional=conditional, termination=termination)
    out += _objects(sentence, all_langs)
    return out


def _reason_after(sentence: _Sentence, verb: int, c_end: int, language: Language, conditional: Any) -> list[tuple[int, int]]:
    """'No reintentamos X: un reintento añadiría latencia': the hypothetical that justifies the rejection
    (the next clause, when it repeats the verb's stem and holds a conditional)."""
    if c_end >= sentence.last or not sentence.brk(c_end):
        return []
    r_end = c_end + 1
    while r_end < sentence.last and not sentence.brk(r_end):
        r_end += 1
    stem = sentence.columns[language.column][verb][:5]
    same = any(s.startswith(stem) for s in sentence.columns[language.column][c_end:r_end])
    return [(c_end, r_end)] if same and conditional(c_end, r_end, language) else []


def _label_start(sentence: _Sentence, a: int) -> int:
    """Where the line or clause holding a label at token `a` starts; a colon inside a token pair
    with no space ("1:1", "10:30") is no break."""
    p = a
    while p > sentence.first:
        brk = sentence.brk(p)
        if brk and not (brk == ":" and sentence.gap(p) == ":"):
            break
        p -= 1
    return p


def _label_break(brk: str, label: str) -> bool:
    """What follows a label: a colon or a dash; a comma only after a numbered one ("Fase 2, …"), since
    "pending, authorized, captured" lists states and "now or later, and…" is a sentence."""
    return brk in _LABEL_BREAKS or (brk == "," and label.rstrip(":")[-1:].isdigit())


def _contrasts(sentence: _Sentence, by_role: dict[str, list[tuple[int, int, Language, Pattern]]],
               language_of: tuple[Language, ...], conditional: Any, termination: set[int]) -> list[Found]:
    """A closed rejection right after a contrast word dismisses what came before it in the sentence."""
    out: list[Found] = []
    first, last = sentence.first, sentence.last
    closed = by_role.get("closed_rejection", [])
    fillers = by_role.get("fillers", [])
    alternatives = by_role.get("alternative", [])
    for c_start, c_end, language, _ in by_role.get("contrast", []):
        # back across commas and an aside closed before the contrast, not out of one it stands in
        b_start, asides = c_start, 0
        while b_start > first and ((brk := sentence.brk(b_start)) in ("", ",", ")") or (brk == "(" and asides)):
            asides += {")": 1, "(": -1}.get(brk, 0)
            b_start -= 1
        tail_end = c_end
        while tail_end < last and sentence.brk(tail_end) in ("", ","):
            tail_end += 1
        position = c_end
        moved = True
        while moved:  # "pero, la verdad, no", "but actually, let's not"
            moved = False
            for f_start, f_end, _, _ in fillers:
                if f_start == position:
                    position, moved = f_end, True
                    break
        starts = {position}
        while position < tail_end and sentence.stop[position]:  # "but we don't need it"
            position += 1
            starts.add(position)
        rejection = max((b for a, b, _, _ in closed if a in starts), default=-1)
        if rejection < 0:
            for a, _, lang, _ in alternatives:
                if a in starts and conditional(b_start, c_start, lang):
                    out.append(("hypothetical", _char_span(sentence, c_start, c_end), [(b_start, c_start)]))
                    break
            continue
        rest = [w for w in sentence.words[rejection:tail_end]]
        if rest and rest[0] not in language.qualifiers and not (
            rest[0] in language.prepositions and not language.scale_or_time.isdisjoint(rest[1:5])
        ):
            continue  # "pero no para los 4xx", "but I don't think we need FIFO": its own object
        ranges = [(b_start, c_start)]
        if b_start > first and sentence.brk(b_start) in _LABEL_BREAKS and not any(
            sentence.brk(p) for p in range(first + 1, b_start)
        ) and 0 < sum(1 for p in range(first, b_start) if not sentence.stop[p]) <= LABEL_TOPIC_WORDS + 1:
            ranges.append((first, b_start))  # "Saga: I know the pattern, but it's overkill": the label too
        out.append(("rejected", _char_span(sentence, c_start, rejection), ranges))
    return out


def _objects(sentence: _Sentence, langs: tuple[Language, ...]) -> list[Found]:
    """A technical verb acting on a person, a meeting or the team's process is in another sense.

    Read with every language's objects: "reintentamos el deploy", "partition the equipo".
    """
    out: list[Found] = []
    first, last = sentence.first, sentence.last
    words, text, spans = sentence.words, sentence.text, sentence.spans
    objects, after_article, exempt, light, window = _object_words(langs)
    at = sentence.objects  # found by find_cues, with every language's objects
    if at is None or langs is not languages():
        at = list(compress(range(first, last), map(objects.__contains__, words[first:last])))
    if not at:
        return out
    for p in at:
        if p > first:
            raw_before = text[spans[p - 1][0] : spans[p - 1][1]]
            if words[p - 1] not in light and (raw_before[:1].isupper() or words[p] in after_article):
                continue  # a name or a tool: "AWS Secrets Manager", "secrets manager", "product teams"
        start = p
        counted = 0
        q = p - 1
        while q >= first and counted < window and not sentence.brk(q + 1):
            if words[q] in exempt:
                start = p  # "we page the team": alerting people is the point
                break
            start = q
            if words[q] not in light:
                counted += 1
            q -= 1
        out.append(("other_sense", spans[p], [(start, p + 1)]))
    return out


_OBJECT_WORDS: dict[int, tuple[tuple[Language, ...], tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], int]]] = {}


def _object_words(
    langs: tuple[Language, ...],
) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], int]:
    """(objects, after_article, exempt verbs, light words, object window) of `langs` merged, once per
    languages tuple rather than once per sentence."""
    known = _OBJECT_WORDS.get(id(langs))
    if known is None or known[0] is not langs:
        if len(_OBJECT_WORDS) > 8:
            _OBJECT_WORDS.clear()
        merged = (
            frozenset().union(*(language.objects for language in langs)),
            frozenset().union(*(language.after_article for language in langs)),
            frozenset().union(*(language.exempt_verbs for language in langs)),
            frozenset().union(*(language.light_words for language in langs)),
            max(language.object_window for language in langs),
        )
        known = _OBJECT_WORDS[id(langs)] = (langs, merged)
    return known[1]


# what a candidate quotes or writes as code asks nothing: `{expiresAt?, sendAt?}`, to answer
# "what happened to this notification?" (an unclosed quotation runs to the sentence's end)
_NOT_ASKED_RE = re.compile(r"`[^`\n]*`?|\"[^\"\n]*\"?|“[^”\n]*”?|«[^»\n]*»?")


def unasked(body: str) -> str:
    """`body` with its code spans and quotations blanked (same length), so their "?" ask nothing."""
    if "`" not in body and '"' not in body and "“" not in body and "«" not in body:
        return body
    return _NOT_ASKED_RE.sub(lambda found: " " * len(found.group()), body)


def _question(sentence: _Sentence, all_langs: tuple[Language, ...],
              candidate_index: CandidateIndex, index: int,
              sentences: Sequence[tuple[int, int]], bounds: list[int], text: str,
              columns: tuple[Sequence[str], Sequence[str]], words: Sequence[str], stop: Sequence[bool],
              spans: Sequence[tuple[int, int]]) -> list[Found]:
    """A question sentence: governed by a "question" cue, unless the next sentence answers yes;
    a question answered no is a rejection."""
    s_start, s_end = sentence.start, sentence.end
    body = unasked(text[s_start:s_end])
    first, last = sentence.first, sentence.last
    if first >= last:
        return []
    langs = _sentence_languages(sentence, all_langs)
    question_start = -1
    if body.rstrip().endswith("?"):
        # from the opening "¿" when there is one, else the whole sentence
        opening = body.rfind("¿")
        question_start = first
        if opening > 0:
            for p in range(first, last):
                if spans[p][0] >= s_start + opening:
                    question_start = p
                    break
    elif "¿" in body:
        opening = body.find("¿")
        question_start = next((p for p in range(first, last) if spans[p][0] >= s_start + opening), -1)
    else:
        for a, _, _, pattern in _matches(sentence, langs, candidate_index):
            if pattern.role == "question_openers" and a == first:
                question_start = first
                break
    if question_start < 0:
        return []
    kind = "question"
    answer = index + 1
    if answer < len(sentences):
        n_first, n_last = bounds[answer], bounds[answer + 1]
        n_start, n_end = sentences[answer]
        # an answer opens the sentence ("Yes, …", "Probably not") or closes its reasoning ("…, so yes:"):
        # every token is tried
        following = _Sentence(text, columns, words, stop, spans, n_first, n_last, n_start, n_end)
        for a, b, _, pattern in _matches(following, all_langs, candidate_index):
            # a bare "yes" opens the answer; "so yes", "así que sí" may close its reasoning
            if a != n_first and not (pattern.role == "answer_yes" and b - a > 1):
                continue
            if pattern.role == "answer_yes":
                return []  # "Do we need a circuit breaker? Yes, per provider"
            if pattern.role == "answer_no":
                kind = "rejected"  # "Do we need a circuit breaker? Probably not"
    cue_end = min(question_start + 3, last)
    span = (spans[question_start][0], spans[cue_end - 1][1])
    if kind == "question" and body.rstrip().endswith("?"):
        span = (s_end - 1, s_end)
    return [(kind, span, [(question_start, last)])]


def _list_start(sentence: _Sentence, q: int, cue: int, language: Language, termination: set[int]) -> int:
    """Stretch a backward scope that stopped at a comma over the coordinated list it closes.

    "Partition keys, shard counts and hot partitions don't apply": the clause before the cue
    holds a coordinator ("and", "y"), so the short comma-separated items before it belong to the
    same subject. A long segment, a strong break or a termination word ends the stretch.
    """
    first = sentence.first
    if q <= first or sentence.brk(q) != "," or not any(
        sentence.words[p] in language.coordinators for p in range(q, cue)
    ):
        return q
    start = q
    while start > first and sentence.brk(start) == ",":
        p = start - 1
        while p > first and not sentence.brk(p) and p not in termination:
            p -= 1
        if p in termination or (p > first and sentence.brk(p) not in ("", ",")):
            break
        content = [i for i in range(p, start) if not sentence.stop[i]]
        if len(content) > language.list_item_tokens or any(
            sentence.stop[i] and sentence.words[i] not in language.light_words for i in range(p, start)
        ):
            break  # "We use Kafka, Redis and a cache is not needed": a clause, not a listed name
        start = p
    return start


def _list_end(sentence: _Sentence, q: int, language: Language, termination: set[int]) -> int:
    """Stretch a scope that ran to its clause's comma over the coordinated list it opens.

    "no cache, queue or workers", "eventual consistency, ordering, or outbox and saga
    patterns": short comma-separated items closed by a coordinator. A comma followed by
    anything but such a list ("no cache, the database is fast enough") ends the scope.
    """
    last = sentence.last
    if q >= last or sentence.brk(q) != ",":
        return q
    items = 0
    position = q
    while position < last:
        end = position + 1
        while end < last and not sentence.brk(end) and end not in termination:
            end += 1
        segment = range(position, end)
        content = [
            p for p in segment
            if not sentence.stop[p] and sentence.words[p] not in language.coordinators
            and sentence.words[p] not in language.qualifiers  # "… or a dead-letter queue anywhere"
        ]
        closer = next((sentence.words[p] for p in segment if sentence.words[p] in language.coordinators), None)
        if closer is not None:
            # the last item ends at a preposition: "load tests or cost projections for something this small"
            after = next((p for p in segment if sentence.words[p] in language.coordinators), position)
            cut = next((p for p in range(after, end) if sentence.words[p] in language.prepositions), end)
            content = [p for p in content if p < cut]
            listed = items or closer in language.alternatives
            return end if listed and len(content) <= 2 * language.list_item_tokens else q
        if len(content) > language.list_item_tokens or end >= last or sentence.brk(end) != ",":
            return q
        items += 1
        position = end
    return q
