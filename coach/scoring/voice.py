"""Voice: who decides in a sheet, read over the whole sheet rather than sentence by sentence.

A document that reports what others do or what terms mean (an essay on the industry, a
glossary, a team wiki) or that records decisions without taking them (a decision log
whose every record is Proposed, Open or Deferred; minutes that leave everything pending)
names the whole design and commits to none of it. Phrase cues read one sentence at a
time and meet each such genre anew; the voice of the sheet is what they share:

- its sentences report (cues.py role `report`: "most teams", "in the literature", "se
  suele", "el licitador deberá") and its author hardly ever speaks (`author_words`: "I",
  "we", "propongo"), or never speaks and reports now and then (a pasted glossary); a column that
  addresses its reader ("your") or a speech about someone ("she", "his") reports too; or
- its decision records are open: a label of `record_labels` ("Status:", "Decisión:")
  whose value opens with one of `open_values` ("Proposed", "deferred", "pendiente"),
  and hardly any record is closed ("Decision: Kafka, keyed by user").

In such a sheet only the author's own sentences decide (scorer._score_item); the rest
names, at most `mentioned`. A sheet that tells three sentences in ten or more in the past (a
toast, a memoir, a war story: scorer._aside, `STORY`) decides only in what it says in the present. A conversation among others (a chat export, a team's meeting,
a podcast: named speakers fill the sheet and none is the interview's, `speaker_roles`) has
no author to speak for: none of its sentences decides. The words are language data (`languages/<code>.toml`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from coach.scoring.cues import merged_words, unasked
from coach.scoring.normalize import Tokens
from coach.scoring.words import fold

REPORT_MIN_SENTENCES = 12  # a short sheet says too little about its voice
REPORT_SHARE = 0.12  # sentences that report (and are not the author's), of the sheet's sentences
AUTHOR_SHARE = 0.05  # sentences in which the author speaks, at most...
AUTHOR_PER_REPORT = 1.0  # ...or no more than reports (a job advert: "we" the company, as often as "you will")
# a sheet in no one's voice (a pasted glossary, a board's minutes) needs less reporting to tell
QUIET_AUTHOR = 0.02  # the author speaks in at most this share of sentences...
QUIET_REPORT = 0.05  # ...and this share reports (honest sheets that quiet report 0.02 at most on train)
SENTENCE_WORDS = 3  # a heading or a label is no sentence to weigh
QUESTION_SHARE = 0.5  # a questionnaire or a quiz: at least this share of its sentences ask, and its author
# hardly ever speaks (AUTHOR_SHARE): its instructions ("Estima el tamaño…", "Describe el modelo") decide nothing
OPEN_RECORDS = 3  # a decision log: at least this many open records...
CLOSED_PER_OPEN = 1 / 3  # ...and at most one closed record for every three open ones
VALUE_WORDS = 6  # the words of a record's value that say whether it is open


# a question mark, not the one of a URL's query string ("GET /v1/suggest?q=ipho&limit=10")
_QUESTION_MARK_RE = re.compile(r"\?(?![\w=&%])")


def is_question(tokens: Tokens, sentence: int) -> bool:
    """Whether a sentence asks ("¿Y la retención?", "at-least-once?"), past a leading bullet."""
    start, end = tokens.sentences[sentence]
    body = unasked(tokens.text[start : min(end + 1, len(tokens.text))])
    return body.lstrip("-*•> ").startswith("¿") or bool(_QUESTION_MARK_RE.search(body))


def voice_shares(answers: Sequence[Tokens], items: bool = True) -> tuple[int, float, float]:
    """(sentences weighed, share that reports, share in the author's voice) over a sheet's answers;
    `items`: a reporting label's list items report too (`Tokens.report_items`)."""
    count = reported = author = 0
    for tokens in answers:
        if not tokens.word_count:
            continue
        sizes = Counter(tokens.sentence_of)
        weighed = {s for s, size in sizes.items() if size >= SENTENCE_WORDS}
        count += len(weighed)
        # "we're looking for someone who…": a sentence that reports is not the author deciding
        reports = tokens.reported | tokens.report_items if items else tokens.reported
        author += len((weighed & tokens.author) - reports)
        reported += len(weighed & reports)
    if not count:
        return 0, 0.0, 0.0
    return count, reported / count, author / count


def question_share(answers: Sequence[Tokens]) -> float:
    """The share of a sheet's sentences (of SENTENCE_WORDS or more) that ask."""
    count = asked = 0
    for tokens in answers:
        sizes = Counter(tokens.sentence_of)
        for sentence, size in sizes.items():
            if size >= SENTENCE_WORDS:
                count += 1
                asked += is_question(tokens, sentence)
    return asked / count if count else 0.0


@lru_cache(maxsize=4)
def _record_re(labels: frozenset[str]) -> re.Pattern[str]:
    # a label at the start of a line or after a full stop, emphasis or a dash; its colon; its value
    names = "|".join(sorted((re.escape(label) for label in labels), key=len, reverse=True))
    return re.compile(rf"(?:^|[\n*_•·|.;—–-])[ \t*_]*(?:{names})[ \t*_]*:[ \t*_]*([^\n]*)", re.IGNORECASE)


def decision_records(texts: Sequence[str]) -> tuple[int, int]:
    """(open, closed) decision records in a sheet's answers ("Status: Proposed", "Decisión: Kafka")."""
    labels = merged_words("record_labels")
    if not labels:
        return 0, 0
    open_values = merged_words("open_values")
    pattern = _record_re(labels)
    opened = closed = 0
    for text in texts:
        for match in pattern.finditer(fold(text)):
            words = re.findall(r"[\w/]+", match.group(1))[:VALUE_WORDS]
            if not words:
                continue  # the value is on the next lines: no verdict on the label's own line
            if open_values.intersection(words) or " ".join(words[:2]) in open_values:
                opened += 1
            else:
                closed += 1
    return opened, closed


# a turn: "[22:03] Dani: …", "**Marta Ríos:** …", "- IV: …" (a bullet, a timestamp, emphasis, a label of
# at most three words, its colon, then words)
_TURN = re.compile(
    r"^[ \t]*(?:[-*>•][ \t]*)?(?:\[[\d:/,. apmAPM]+\][ \t]*)?(?:\*\*|__)?"
    r"([^\W\d_][\w.'’-]*(?:[ \t][\w.'’-]+){0,2}?)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]+\S",
    re.MULTILINE,
)
SPEAKER_TURNS = 3  # a label that opens this many lines is a speaker (a topic label opens one or two)
SPEAKERS = 2  # a conversation: at least two speakers...
TURN_SHARE = 0.5  # ...whose turns fill at least half the sheet's lines
MEETING_SPEAKERS = 4  # this many voices is a meeting or a game, whatever their labels: an interview has two or three


def _is_initial(label: str) -> bool:
    return len(label) == 1 and label.isupper()  # "R:", "T:": a person's initial, or a role's ("P:", "R:")


def _is_name(label: str, text: str) -> bool:
    # a person's name is written capitalised wherever it appears; a topic label ("Decision:",
    # "Why:") is a common word that shows up in lower case in the sheet's prose too
    # ("decisions" too: the label opens a word in lower case)
    return label[:1].isupper() and not re.search(rf"(?<!\w){re.escape(label.lower())}", text)


@lru_cache(maxsize=4)
def _header_re(verbs: frozenset[str]) -> re.Pattern[str]:
    # "**jpark** commented 6 days ago", "rhea-lead replied": a handle, a verb of `turn_verbs`, a few
    # words of date, and no full stop (not "You said 100 per second.")
    names = "|".join(sorted((re.escape(verb) for verb in verbs), key=len, reverse=True))
    return re.compile(
        rf"^[ \t]*(?:[-*>][ \t]*)?(?:\*\*|__)?@?([\w.-]+(?: [\w.-]+)?)(?:\*\*|__)?[ \t]+(?:{names})\b"
        r"(?:[ \t]+[\w:/,-]+){0,5}[ \t]*$",
        re.MULTILINE,
    )


def _header_turns(text: str) -> Counter[str]:
    """How many header lines each speaker has in a review thread ("**jpark** commented 6 days ago"):
    the turn is what follows each header."""
    verbs = merged_words("turn_verbs")
    if not verbs:
        return Counter()
    return Counter(match.group(1) for match in _header_re(verbs).finditer(fold(text)))


def conversation(texts: Sequence[str]) -> bool:
    """Whether a sheet is a conversation among others (a chat export, a meeting, a podcast, a pull
    request's review thread): at least two speakers, by name ("Marta: …") or by header ("**jpark**
    commented"), fill its lines and none is the interview's (`speaker_roles`, `interviewer_roles`:
    "candidate", "entrevistador", "me", "Q")."""
    text = "\n".join(texts)
    roles = merged_words("speaker_roles") | merged_words("interviewer_roles")
    headed = {label: n for label, n in _header_turns(text).items() if n >= SPEAKER_TURNS}
    if len(headed) >= SPEAKERS and not any(label in roles for label in headed):
        return True  # a review thread: each header's turn is the lines under it, in its speaker's voice
    turns = Counter(match.group(1) for match in _TURN.finditer(text))
    speakers = {label: n for label, n in turns.items() if n >= SPEAKER_TURNS}
    if len(speakers) < SPEAKERS:
        return False
    lines = sum(1 for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    records = merged_words("record_labels")
    # a round of several players or members, named or by initials ("R:", "I:", "P:", "T:", "B:",
    # "Manolo:"): an interview has two or three voices, so initials that read as roles are people here
    people = {label: n for label, n in speakers.items()
              if fold(label) not in records and (_is_initial(label) or _is_name(label, text))}
    if len(people) >= MEETING_SPEAKERS and sum(people.values()) >= TURN_SHARE * lines:
        return True
    if any(fold(label) in roles for label in speakers):
        return False  # an interview's transcript: the candidate's turns decide
    if not all(_is_name(label, text) and fold(label) not in records for label in speakers):
        return False  # "Decision:", "Why:" records, not speakers
    return sum(speakers.values()) >= TURN_SHARE * lines


_NONE: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())


def interviewer_turns(tokens: Tokens) -> tuple[frozenset[int], frozenset[int]]:
    """(every sentence an interviewer speaks in a transcript, those that answer the candidate's
    question). Each turn runs to the next speaker's label or a blank line. The interviewer asks
    and gives facts ("Entrevistadora: ¿Y la retención?", "IV: 100/s on average"): never the
    candidate's design; but the answer to the candidate's "¿qué tiempos hay que cumplir?" shows
    what the candidate asked about, where asking earns (the opening's questions)."""
    text = tokens.text
    if ":" not in text:
        return _NONE
    interviewer = merged_words("interviewer_roles")
    roles = interviewer | merged_words("speaker_roles")
    turns = [(m.start(), fold(m.group(1))) for m in _TURN.finditer(text) if fold(m.group(1)) in roles]
    spans: list[tuple[int, int, bool]] = []
    for n, (start, label) in enumerate(turns):
        if label in interviewer:
            end = turns[n + 1][0] if n + 1 < len(turns) else len(text)
            blank = re.search(r"\n[ \t]*\n", text[start:end])
            asked = n > 0 and turns[n - 1][1] not in interviewer and "?" in text[turns[n - 1][0] : start]
            spans.append((start, start + blank.start() if blank else end, asked))
    if not spans:
        return _NONE
    spoken: set[int] = set()
    answering: set[int] = set()
    for i, (begin, _) in enumerate(tokens.sentences):
        for start, end, asked in spans:
            if start <= begin < end:
                spoken.add(i)
                if asked:
                    answering.add(i)
    return frozenset(spoken), frozenset(answering)


REPORT = "report"  # sheet_voice: the sheet reports or records; only its author's sentences decide
CONVERSATION = "conversation"  # sheet_voice: a conversation among others; none of its sentences decides
ASIDE = "aside"  # the sheet is hardly about the design (a product review, a letter): none of its sentences decides
ASIDE_MIN_SENTENCES = 40  # a sheet long enough to say what it is about (a short "no sé" sheet names little)
# fewer than this share of its sentences name anything of the checklist: honest sheets of 40 sentences or
# more name 0.27 and more on train (3,252 sheets); stand-up sets, toasts, build logs and firmware notes
# that borrow the design's words 0.21-0.25
ASIDE_SHARE = 0.25
# ...or fewer than this share name it and fewer than `IMPERSONAL_AUTHOR` speak as "I"/"we": a document in
# no one's voice (a catalogue, a review, a rulebook: 0.20-0.26 named, authors 0.00-0.06); honest sheets that
# speak this little as themselves name 0.29 and more
ASIDE_IMPERSONAL_SHARE = 0.27
IMPERSONAL_AUTHOR = 0.1
# ...or fewer than this share name it, the author hardly ever speaks (`QUIET_ASIDE_AUTHOR`) and its own
# phrases report (`QUIET_REPORT`): a document addressed to others that borrows the design's words now and
# then (a board game's rulebook, keyboard firmware notes, a court's ruling: 0.12-0.36 named, authors
# 0.021-0.035); honest train sheets that quiet name 0.47 and more (a committee's minutes that decide, a
# pasted design) or are a discussion guide's questions (0.30)
ASIDE_QUIET_SHARE = 0.45
QUIET_ASIDE_AUTHOR = 0.035
# ...or fewer than this share name it and at least this share tell of the past (a toast, a memoir: 0.3 and
# more; honest sheets on train 0.15 at most)
ASIDE_STORY_SHARE = 0.3
# ...or half its sentences or more tell of the past, however much they name (an obituary for a gateway,
# told in the design's words: 0.54; honest sheets 0.15 at most, postmortems that labellers credit 0.45 at most)
ASIDE_PAST_SHARE = 0.5
# ...or at least this share of its sentences give the design away to someone (`handoff_verbs` and
# `handoff_to`: a mock will, "Dejo mis reintentos al Wilson"): 0.52; every other train sheet 0.03 at most
ASIDE_HANDOFF_SHARE = 0.2
STORY = "story"  # the sheet tells of the past at length (a toast, a memoir): its sentences in the past decide nothing
STORY_PAST_SHARE = 0.3  # at least this share of its sentences hold a past form


def sheet_voice(answers: Sequence[Tokens]) -> str:
    """Who decides in a sheet: "" its author (a candidate's answer), `REPORT` or `CONVERSATION`."""
    if conversation([tokens.text for tokens in answers]):
        return CONVERSATION
    return REPORT if reported_sheet(answers) else ""


def reported_sheet(answers: Sequence[Tokens]) -> bool:
    """Whether a sheet reports or records and never decides (the module's doc says how it is read)."""
    count, reported, author = voice_shares(answers)
    if count >= REPORT_MIN_SENTENCES:
        # a label's list reports with it only where the sheet's own phrases report too: a terse
        # candidate's "Preguntas para ustedes:" over ten questions is not a job advert's "Requisitos:"
        own = voice_shares(answers, items=False)[1]
        reported = reported if own >= QUIET_REPORT else own
        if reported >= REPORT_SHARE and author <= max(AUTHOR_SHARE, reported * AUTHOR_PER_REPORT):
            return True
        # a sheet in no one's voice reports by its own phrases: a postmortem's "Findings:" list is
        # what was done, a job advert's is what is asked
        if author <= QUIET_AUTHOR and own >= QUIET_REPORT:
            return True
        # a questionnaire in no one's voice: it asks, and what it states are instructions (asking still
        # earns where it does: a sheet of the candidate's own questions speaks in the first person)
        if author <= AUTHOR_SHARE and question_share(answers) >= QUESTION_SHARE:
            return True
    opened, closed = decision_records([tokens.text for tokens in answers])
    return opened >= OPEN_RECORDS and closed <= opened * CLOSED_PER_OPEN
