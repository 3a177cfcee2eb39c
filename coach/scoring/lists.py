"""Bare lists of names: naming a tool or a technique is not designing with it.

Two rules. A keyword salad ("async, queue, workers, cache with TTL, partition",
one name per line, or "Patterns: CQRS, saga, outbox, event sourcing, cache-aside,
token bucket") earns at most `mentioned` for every item in it (`salad_sentences`):
no verb, no decision, no reason. A short labelled list ("Metrics: queue depth,
consumer lag, p99") reads as what the design uses and is judged as a statement,
except that:

"Prometheus, Grafana, ELK, Jaeger." or "OAuth, JWT, HTTPS." is a list of
products, not a design: a strict interviewer does not tick metrics, tracing or
encryption for it. In a sentence that is only a short list (three or more
items of at most a few words, optionally after a short "Label:"), a product
name earns an item only when the item's own hint names that product as an
instance of the concept ("a durable queue or stream (Kafka, Kinesis, SQS,
RabbitMQ)", "providers (SES or SendGrid ...)"). Technique names in the same
list ("circuit breaker", "sharding", "event sourcing") are not products and
still count; so does any product named in a real sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress
from typing import TYPE_CHECKING

# PRODUCTS: folded single words that name a product, a service or a protocol, not a technique
# (languages/<code>.toml, [words] products)
from coach.scoring.words import PRODUCTS, fold

if TYPE_CHECKING:
    from coach.scoring.normalize import Tokens

MIN_ITEMS = 3
MAX_ITEM_WORDS = 3  # "CAP theorem", "event sourcing", "cloud native"
MAX_LABEL_WORDS = 3  # "Observability stack: Prometheus, Grafana, Jaeger"
_WORD_RE = re.compile(r"[^\W_]+")
_SEPARATOR_RE = re.compile(r"\s*(?:[,+/&;]|\band\b|\bor\b|\by\b|\bo\b|\bvs\b\.?|\bversus\b)\s*", re.IGNORECASE)
_LEAD_RE = re.compile(r"^[\s\-*•#>\d.)]*")


def _without_lead(sentence: str) -> str:
    """The sentence after its bullet or numbering: _LEAD_RE.sub("", sentence), without a copy of a
    sentence that has none (most)."""
    lead = _LEAD_RE.match(sentence)
    return sentence[lead.end() :] if lead else sentence


def is_bare_list(sentence: str) -> bool:
    """Only a list: three or more items of at most MAX_ITEM_WORDS words each, nothing else."""
    body = _without_lead(sentence).strip().rstrip(".!").strip()
    label, colon, rest = body.partition(":")
    if colon and len(_WORD_RE.findall(label)) <= MAX_LABEL_WORDS:
        body = rest
    first = _SEPARATOR_RE.search(body)
    if first is None or len(_WORD_RE.findall(body, 0, first.start())) > MAX_ITEM_WORDS:
        return False  # one item, or a first item too long for a name: prose, as the split below finds
    items = [item for item in _SEPARATOR_RE.split(body) if item and item.strip()]
    return len(items) >= MIN_ITEMS and all(len(_WORD_RE.findall(item)) <= MAX_ITEM_WORDS for item in items)


def listed_products(
    text: str, sentences: Sequence[tuple[int, int]], words: Sequence[str], sentence_of: Sequence[int]
) -> tuple[str, ...]:
    """Per token: the product it names when it sits in a bare list, else "". () when there is none."""
    hits = list(compress(range(len(words)), map(PRODUCTS.__contains__, words)))  # C speed on long answers
    if not hits:
        return ()
    lists = {s for s in {sentence_of[i] for i in hits} if is_bare_list(text[slice(*sentences[s])])}
    if not lists:
        return ()
    marks = [""] * len(words)
    for i in hits:
        if sentence_of[i] in lists:
            marks[i] = words[i]
    return tuple(marks)


def named_products(*texts: str) -> frozenset[str]:
    """The products a text (an item's hint) names as instances of its concept."""
    return frozenset(word for text in texts for word in _WORD_RE.findall(text.lower()) if word in PRODUCTS)


MAX_LABELLED_ITEMS = 5  # "Metrics: queue depth, consumer lag, p99": a statement; more is a salad
MIN_SHORT_RUN = 3  # three or more one-name lines in a row: a list, one name per line
SALAD_SHEET_EXTRA_WORDS = 2  # in a sheet of lists, a line of a name and a few words is one more name
LIST_SHARE = 0.5  # a step whose words are mostly in lists is a salad, not a terse answer
MIN_TERM_RUN = 4  # a line of four or more names with no function word is a list without commas
_DIGIT_RE = re.compile(r"\d")
# terse notes carry figures and notation ("POST /v1/x {key} -> 202"); a run of bare names does not
_NOTATION_RE = re.compile(r"[\d/:{}()\[\]=<>→+%*`|]|->")
_LINK_NOTATION_RE = re.compile(r"[{}\[\]=<>→%`|]|->|\w/\w")  # "key = user_id", "→ DLQ", "/v1/notify", "req/s"
_TRAILS_RE = re.compile(r"\s*(?:…|\.\.\.|,?\s*\betc\b\.?|,?\s*\by demás|,?\s*\band so on)\s*[*_]*$", re.IGNORECASE)
MAX_TRAILING_ITEM_WORDS = 5
_ARROW_RE = re.compile(r"→|⇒|->|=>")
MIN_FLOW_ARROWS = 2  # a chain of arrows draws how the parts connect
_SAYS_HOW_RE = re.compile(r"\?$|[=×÷≈]|:\s*[~≈<>]?\s*\d")
_NAME_PARTS_RE = re.compile(r"\s*(?:[,+&]|\s/\s|\band\b|\by\b)\s*", re.IGNORECASE)  # names strung on one line
_FLOW_RE = re.compile(r"[\d→⇒=@]|->")  # figures, arrows, "key = user_id", "@ 2× peak"
_PARENS_RE = re.compile(r"\([^()]*\)")  # "notifications (id, user_id, status)": one item with its fields
# a field's name as code writes it ("user_id", "traceId", "`channel`"): a list of them is a schema
_FIELD_RE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\b[a-z]+[A-Z][A-Za-z0-9]*\b|`[^`\s]+`")
MIN_FIELDS = 2


def _names_fields(body: str) -> bool:
    """Two or more field names: "fixed fields: key_id, rule_id, region" lists a record, not buzzwords."""
    return ("_" in body or "`" in body or any(c.isupper() for c in body)) and len(_FIELD_RE.findall(body)) >= MIN_FIELDS
_ITEM_SEPARATOR_RE = re.compile(
    r"\s*(?:[,;#]|\s[/—–·•|-]\s|\s?(?:→|->)\s?|\band\b|\bor\b|\by\b|\bo\b|\bvs\b\.?|\bversus\b|\bfrente a\b)\s*", re.IGNORECASE
)  # commas, "and"/"y", "vs"/"frente a", hashtags, and " / ", " — ", " · " chains
# Cheap tests that give the verdicts of the split above on most prose sentences first (it runs on
# every sentence of an answer). They hold the separators' vocabulary: changing the separators means
# changing these too (tests/scoring/test_scoring_lists_speed.py compares both ways on random text).
# Every separator holds one of these characters or is one of these words ...
_SEPARATOR_CHARS = ",;#/—–·•|→-"
_SEPARATOR_CHAR_RE = re.compile(f"[{re.escape(_SEPARATOR_CHARS)}]")
_SEPARATOR_WORDS_RE = re.compile(r"\b(?:and|or|y|o|vs|versus|frente a)\b", re.IGNORECASE)
# ... so a run of MAX_ITEM_WORDS + 1 words with neither between them lies inside one item, too long
# (a word: not a separator word, nor the "a" of "frente a")
_ITEM_WORD = r"(?!(?:and|or|y|o|vs|versus|frente)(?![^\W_]))(?<!\bfrente )[^\W_]+"
_LONG_ITEM_RE = re.compile(
    rf"(?<![^\W_]){_ITEM_WORD}(?:[^\w{_SEPARATOR_CHARS}]+{_ITEM_WORD}){{{MAX_ITEM_WORDS}}}", re.IGNORECASE
)


def _separator_count(body: str) -> int:
    """At least the number of list separators in `body` (commas, "and", " / " …), counted cheaply."""
    return len(_SEPARATOR_CHAR_RE.findall(body)) + len(_SEPARATOR_WORDS_RE.findall(body))


def _fewer_separators(body: str, count: int) -> bool:
    """Fewer than `count` separators in `body` (so fewer than `count` + 1 items)."""
    chars = len(_SEPARATOR_CHAR_RE.findall(body))  # one pass, not one str.count per character
    return chars < count and chars + len(_SEPARATOR_WORDS_RE.findall(body)) < count


def _is_flow(body: str) -> bool:
    """A chain of arrows that draws how parts connect, more arrows than commas: "API → log →
    dispatchers → providers; Postgres for state". A catalogue with one flow among its names
    ("scope, SLOs, volumes, API → queue → workers, trade-offs") is still a catalogue."""
    arrows = len(_ARROW_RE.findall(body))
    return arrows >= MIN_FLOW_ARROWS and arrows > body.count(",")


def _list_shape(sentence: str) -> tuple[bool, int] | None:
    """(labelled, item count) when a sentence is only a list of short names, else None."""
    body = _without_lead(sentence).strip().rstrip(".!?").strip()
    label, colon, rest = body.partition(":")
    labelled = bool(colon) and 0 < len(_WORD_RE.findall(label)) <= MAX_LABEL_WORDS
    if labelled:
        body = rest
    body = _PARENS_RE.sub("", body)
    if _LONG_ITEM_RE.search(body):
        return None  # an item of more than MAX_ITEM_WORDS words: prose
    if _is_flow(body):
        return None  # "API → durable log → dispatchers → providers": a flow, not a list
    if _SAYS_HOW_RE.search(body) or (_ARROW_RE.search(body) and _DIGIT_RE.search(body)):
        return None  # "provider error -> retry 3x, then status = FAILED": a rule with its figures
    items = [item for item in _ITEM_SEPARATOR_RE.split(body) if item and item.strip()]
    if "#" not in body and _names_fields(body) and 2 * sum(bool(_FIELD_RE.search(item)) for item in items) >= len(items):
        return None  # "JSON logs: trace_id, market, prefix_len, latency_ms": a record's fields, not names
        # (a salad's "userId, aggregateId" among a dozen names, or camel-case hashtags, are names still)
    if len(items) < MIN_ITEMS or not all(len(_WORD_RE.findall(item)) <= MAX_ITEM_WORDS for item in items):
        return None
    return labelled, len(items)


MIN_ROLL_CALL = 5


def _is_roll_call(sentence: str) -> bool:
    """Every item one or two words, no figure, not a question."""
    body = _without_lead(sentence).strip()
    if body.endswith("?") or _DIGIT_RE.search(body) or _names_fields(body):
        return False
    items = [item for item in _ITEM_SEPARATOR_RE.split(_PARENS_RE.sub("", body.rstrip(".!"))) if item.strip()]
    return all(_item_words(item) <= 2 for item in items)


_SEQUENCE_RE = re.compile(r";|→|->|=>")
MIN_CATALOGUE = 8  # items in a long catalogue sentence
FIGURES_PER_NAMES = 6  # a figure allowed per six listed names in a long catalogue
SALAD_SHEET_NAMES_PER_FIGURE = 3  # in a sheet of catalogues, one per three
CATALOGUE_SHORT_SHARE = 0.75  # of them one or two words long
MIN_LONG_CATALOGUE = 12  # a very long one may carry more longer items ("ledger de doble entrada tipo X")
LONG_CATALOGUE_SHORT_SHARE = 0.5
# a figure ("5x", "10k", "200 ms"), not a name with a digit in it ("2PC", "p99", "S3", "3DS")
_FIGURE_RE = re.compile(r"(?<![^\W_])\d+(?:[.,]\d+)?(?![^\W\d_]{2})")
# a standard's version closing a listed name ("SOC 2,", "TLS 1.3."), not a figure ("TTL 5 min")
_VERSION_RE = re.compile(r"\b[A-Z]{3,}\s\d(?:\.\d)?(?=\s*(?:[,;.)]|$))")


MIN_STRUNG = 2  # items strung on "luego", "también", "then", "also": a catalogue read aloud


def _strung(item: str) -> bool:
    """An item that opens with a connector, after "y"/"and" if any ("y por supuesto los timeouts")."""
    connectors = _language_words("list_connectors")  # once, not once per word
    return any(fold(word) in connectors for word in _WORD_RE.findall(item)[:3])


def _language_words(attr: str) -> frozenset[str]:
    """One word list of every cue file, merged (`link_words`, `list_fillers`, `list_connectors`)."""
    from coach.scoring.cues import merged_words

    return merged_words(attr)


def _spoken(item: str) -> bool:
    """An item that is speech, not a name: "para no machacar al proveedor", "eh", "but then"
    (`speech_words` of the cue files): a list that trails off in a transcript is no catalogue."""
    speech = _language_words("speech_words")  # once, not once per word
    return any(fold(word) in speech for word in _WORD_RE.findall(item))


def _item_words(item: str) -> int:
    """The words of a listed name that are not fillers (articles, "also", "también")."""
    fillers = _language_words("list_fillers")  # once, not once per word
    return sum(1 for word in _WORD_RE.findall(item) if fold(word) not in fillers)


def _more_figures(body: str, limit: int) -> bool:
    """Whether `body` holds more than `limit` figures: found one by one up to limit + 1, where counting
    them all (findall, with its lookarounds) read every sentence to its end."""
    if not _DIGIT_RE.search(body):
        return False  # a figure holds a digit: the plain search spares most sentences the lookarounds
    position = 0
    for _ in range(limit + 1):
        found = _FIGURE_RE.search(body, position)
        if found is None:
            return False
        position = found.end()
    return True


def _is_catalogue(sentence: str, salad_sheet: bool = False) -> bool:
    """A long catalogue: eight or more items, most of them one or two words, no figure, no question.

    "Horizontal vs vertical scaling, sharding, consistent hashing, partitioning by user ID or
    post ID, hot partitions, the celebrity problem, read replicas, autoscaling": a few longer
    items do not make it a design.
    """
    body = _without_lead(sentence).strip()
    # in a sheet of catalogues one figure among the names ("post size ~1 KB") does not make a design
    # a standard's version closing a name ("SOC 2") is part of the name, not a figure
    allowed = (1 if salad_sheet else 0) + (len(_VERSION_RE.findall(body)) if _DIGIT_RE.search(body) else 0)
    # a very long roll call carries a few figures among its names and is still one ("QPS, daily volume, peak,
    # 86,400, event size, storage, … with 20,000, 60,000 and Black Friday"): one figure per FIGURES_PER_NAMES
    separators = _separator_count(body)
    if salad_sheet:  # in a sheet of catalogues the figures are names too: "viral 50k/s, 429, Retry-After"
        allowed += separators // SALAD_SHEET_NAMES_PER_FIGURE
    elif separators >= MIN_LONG_CATALOGUE:  # only a very long one
        allowed += separators // FIGURES_PER_NAMES
    if body.endswith("?") or _more_figures(body, allowed) or _SEQUENCE_RE.search(body):
        return False  # "email and push first; then SMS, ...": an ordered plan, not a catalogue
    if _is_flow(_PARENS_RE.sub("", body)):
        return False  # "API → log (Kafka) → dispatchers → providers; Postgres for …": a topology
    trimmed = _TRAILS_RE.sub("", body)
    trails = trimmed != body  # a list that trails off names what comes to mind
    label, colon, rest = trimmed.partition(":")
    if colon and len(_WORD_RE.findall(label)) <= MAX_LABEL_WORDS:
        trimmed = rest
    body = _PARENS_RE.sub("", trimmed.rstrip(".!"))
    if _fewer_separators(body, MIN_ROLL_CALL - 1):
        return False  # too few items for a catalogue
    items = [item for item in _ITEM_SEPARATOR_RE.split(body) if item.strip()]
    if len(items) >= MIN_ROLL_CALL and sum(map(_strung, items)) >= MIN_STRUNG:
        return True  # "los reintentos, luego el backoff, también la DLQ, y por supuesto los timeouts"
    if _names_fields(body):
        return False  # "fixed fields: key_id, rule_id, region, decision": a record's fields
    if not salad_sheet and not trails and len(items) < min(MIN_CATALOGUE, MIN_LONG_CATALOGUE):
        return False  # too few items for either catalogue below: no need to count the short ones
    short = sum(1 for item in items if _item_words(item) <= 2)
    if (
        trails and len(items) >= MIN_ROLL_CALL and short >= LONG_CATALOGUE_SHORT_SHARE * len(items)
        and not any(_spoken(item) or _item_words(item) > MAX_TRAILING_ITEM_WORDS for item in items)
    ):
        return True  # "Escalado horizontal, particionado, grupos grandes, presencia, rate limiting…": and so on
    if salad_sheet:  # in a sheet of catalogues, a shorter one is one more: "Seguridad con zero trust, IAM, RBAC, KMS"
        return len(items) >= MIN_ROLL_CALL and short >= LONG_CATALOGUE_SHORT_SHARE * len(items)
    return (len(items) >= MIN_CATALOGUE and short >= CATALOGUE_SHORT_SHARE * len(items)) or (
        len(items) >= MIN_LONG_CATALOGUE and short >= LONG_CATALOGUE_SHORT_SHARE * len(items)
    )


def _no_function_word(sentence: str, tokens: Tokens, index: int) -> bool:
    """No stop word (article, preposition, verb of being...) among the sentence's tokens."""
    from bisect import bisect_left, bisect_right

    first = bisect_left(tokens.sentence_of, index)
    last = bisect_right(tokens.sentence_of, index)
    return first < last and not any(tokens.stop[first:last])


def _names_line(body: str) -> bool:
    """A line of one or two names and nothing else, their parentheses aside: "Rate limiting (token
    bucket / leaky bucket)", "Sharding, consistent hashing", "Saga + Outbox + Event Sourcing".

    Not a label ("Metrics: p99, lag"), a figure or a flow ("provider down → breaker +
    backup", "key = user_id"): those say how.
    """
    if _FLOW_RE.search(body) or ":" in body or "`" in body or _names_fields(body):
        return False  # code and field lists ("`device` (device_token, user_id)") are a schema
    parts = _NAME_PARTS_RE.split(_PARENS_RE.sub("", body))
    return all(0 < len(_WORD_RE.findall(part)) <= MAX_ITEM_WORDS for part in parts if part.strip())


def step_lists(tokens: Tokens, salad_sheet: bool = False) -> tuple[frozenset[int], bool]:
    """(the salad sentences of a step's answer, whether its words are mostly lists).

    A list is a sentence of three or more short names (separated by commas, "and"/"y",
    hashtags or " / ", " — " chains), or a run of three or more one-name lines. In a
    step that is mostly lists, every list is a salad; a list inside prose, or one
    labelled list alone ("Metrics: queue depth, consumer lag, p99", "Table
    notifications: id, user_id, status"), stays a statement. In a sheet made of lists
    (`salad_sheet`), a lone labelled list is a salad too ("Claves: #Kafka #SQS #DLQ"),
    and so is any line of bare names with no function word ("reintentos backoff jitter").
    """
    text = tokens.text
    lists: dict[int, tuple[bool, int]] = {}
    words: list[int] = []
    run: list[int] = []
    terms: list[int] = []

    def close_run() -> None:
        if len(run) >= MIN_SHORT_RUN:
            for index in run:
                lists.setdefault(index, (False, len(run)))
        run.clear()

    # (word count, list shape, catalogue) per distinct sentence text: pure functions of the text,
    # read once for a sentence repeated in a long answer (pasted notes, a template filled many times)
    read: dict[str, tuple[int, tuple[bool, int] | None, bool]] = {}
    catalogues_at: list[int] = []
    previous_end = 0
    for index, (start, end) in enumerate(tokens.sentences):
        sentence = text[start:end]
        known = read.get(sentence)
        if known is None:
            known = read[sentence] = (
                len(_WORD_RE.findall(sentence)), _list_shape(sentence), _is_catalogue(sentence, salad_sheet)
            )
        if known[2]:
            catalogues_at.append(index)
        words.append(known[0])
        if "\n\n" in text[previous_end:start]:
            close_run()  # a blank line ends a one-name-per-line list
        previous_end = end
        shape = known[1]
        unbulleted = _without_lead(sentence)
        if shape is None and (
            # in a sheet of lists, any line of bare names ("QPS", "86.400 picos ráfagas bytes"), but
            # not a question ("SLA?"), a computation ("100 × 86,400 = 8.6 M") or a figure given its
            # label ("Availability: 5 nines")
            (salad_sheet and not _SAYS_HOW_RE.search(unbulleted.rstrip()))
            or (words[-1] >= MIN_TERM_RUN and not _NOTATION_RE.search(unbulleted))
        ) and _no_function_word(sentence, tokens, index):
            terms.append(index)  # "reintentos backoff exponencial jitter": names, not a sentence
        if shape is not None:
            lists[index] = shape
        body = unbulleted.rstrip(".!?:").strip()
        # in a sheet of lists a slogan line is one more name: "- Fan-out on write", "- Hybrid for celebrities"
        longest = MAX_ITEM_WORDS + (SALAD_SHEET_EXTRA_WORDS if salad_sheet else 0)
        if body and (_names_line(body) or (0 < words[-1] <= longest and not _DIGIT_RE.search(body))):
            run.append(index)
        else:
            close_run()
    close_run()
    catalogues = frozenset(catalogues_at)
    if salad_sheet:  # only in a sheet already made of lists: elsewhere a line of names is a terse sentence
        for index in terms:
            lists.setdefault(index, (False, words[index]))
    # a step whose words are mostly catalogues is a list step too (it makes a salad sheet)
    in_lists = sum(words[i] for i in set(lists) | catalogues)
    if not lists:
        return catalogues, bool(catalogues) and in_lists >= LIST_SHARE * max(sum(words), 1)
    mostly_lists = in_lists >= LIST_SHARE * max(sum(words), 1)
    # one labelled list alone ("Roadmap: push first, SMS later") is a statement, not a salad;
    # a list inside prose ("Just email, push and SMS, or is there, like, in-app too?") is speech
    if mostly_lists and (len(lists) > 1 or not next(iter(lists.values()))[0] or salad_sheet):
        return frozenset(lists), True
    # a roll call of five or more bare names, wherever it stands: "Reintentos, backoff, DLQ,
    # circuit breaker, timeouts." (a spoken list ends in "?" or carries longer items); labelled,
    # it takes more than MAX_LABELLED_ITEMS ("Caching: Redis, Memcached, CDN, write-through,
    # write-back, cache-aside"): "Metrics: queue depth, consumer lag, p99" stays a statement
    roll_calls = frozenset(
        i for i, (labelled, count) in lists.items()
        if count >= (MAX_LABELLED_ITEMS + 1 if labelled else MIN_ROLL_CALL)
        and _is_roll_call(text[slice(*tokens.sentences[i])])
    )
    return roll_calls | catalogues, mostly_lists


DECK_MIN_BULLETS = 12  # bullet lines in the sheet before it can be a deck
DECK_BULLET_SHARE = 0.6  # of its lines
DECK_LINKED_SHARE = 0.5  # real notes link names: "Queue: Kafka, partitioned by user_id", "DLQ after 5 tries"
DECK_MAX_WORDS = 8
_BULLET_RE = re.compile(r"^\s*(?:[-*•+·]|\d+[.)])\s+")
_HEADING_RE = re.compile(r"^\s*(?:\*\*[^*]+\*\*|__[^_]+__)\s*:?\s*$")


def _linked(line: str) -> bool:
    """A note that says how: a figure, notation, or a word linking names ("partitioned by user_id")."""
    body = _BULLET_RE.sub("", line)
    # a gloss in parentheses, a label's colon or a "Jaeger / OTel" alternative links nothing:
    # "Cuentas calientes (hot accounts)", "Componentes: API Gateway, Kafka, Redis"
    if _DIGIT_RE.search(body) or _LINK_NOTATION_RE.search(body):
        return True
    link_words = _language_words("link_words")  # once, not once per word
    return any(fold(word) in link_words for word in _WORD_RE.findall(body))


def is_deck(answers: Sequence[str]) -> bool:
    """A sheet written as slides: mostly bullets and bold headings, and most bullets link nothing.

    "- Caching layer", "- Partitioning strategy", "- Idempotency keys as a core primitive": names
    with adjectives, no figure, no "by"/"per"/"after". Terse real notes ("- Partition by
    user_id", "- DLQ after 5 attempts", "- Cache: prefs, TTL 5 min") link most of their lines.
    """
    lines = [line for text in answers for line in text.splitlines() if line.strip()]
    bullets = [line for line in lines if _BULLET_RE.match(line) or _HEADING_RE.match(line)]
    if len(bullets) < DECK_MIN_BULLETS or len(bullets) < DECK_BULLET_SHARE * len(lines):
        return False
    return sum(map(_linked, bullets)) < DECK_LINKED_SHARE * len(bullets)


def deck_sentences(tokens: Tokens) -> frozenset[int]:
    """In a deck, the sentences that are short unlinked lines or headings: slogans, not decisions."""
    text = tokens.text
    out = set()
    for index, (start, end) in enumerate(tokens.sentences):
        sentence = text[start:end]
        if _HEADING_RE.match(sentence) or (
            len(_WORD_RE.findall(sentence)) <= DECK_MAX_WORDS and not _linked(sentence)
        ):
            out.add(index)
    return frozenset(out)


def salad_sentences(tokens: Tokens, salad_sheet: bool = False) -> frozenset[int]:
    """The salad sentences of a step's answer (see step_lists)."""
    return step_lists(tokens, salad_sheet)[0]
