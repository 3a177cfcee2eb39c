"""Voice: who decides in a sheet, read over the whole sheet rather than sentence by sentence.

A document that reports what others do or what terms mean (an essay on the industry, a
glossary, a team wiki) or that records decisions without taking them (a decision log
whose every record is Proposed, Open or Deferred; minutes that leave everything pending)
names the whole design and commits to none of it. Phrase cues read one sentence at a
time and meet each such genre anew; the voice of the sheet is what they share:

- its sentences report (cues.py role `report`: "most teams", "in the literature", "se
  suele", "el licitador deberá") and its author hardly ever speaks (`author_words`: "I",
  "we", "propongo"), or never speaks and reports now and then (a pasted glossary); or
- its decision records are open: a label of `record_labels` ("Status:", "Decisión:")
  whose value opens with one of `open_values` ("Proposed", "deferred", "pendiente"),
  and hardly any record is closed ("Decision: Kafka, keyed by user").

In such a sheet only the author's own sentences decide (scorer._score_item); the rest
names, at most `mentioned`. The words are language data (`languages/<code>.toml`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from coach.scoring.cues import merged_words
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
OPEN_RECORDS = 3  # a decision log: at least this many open records...
CLOSED_PER_OPEN = 1 / 3  # ...and at most one closed record for every three open ones
VALUE_WORDS = 6  # the words of a record's value that say whether it is open


def voice_shares(answers: Sequence[Tokens]) -> tuple[int, float, float]:
    """(sentences weighed, share that reports, share in the author's voice) over a sheet's answers."""
    count = reported = author = 0
    for tokens in answers:
        if not tokens.word_count:
            continue
        sizes = Counter(tokens.sentence_of)
        weighed = {s for s, size in sizes.items() if size >= SENTENCE_WORDS}
        count += len(weighed)
        # "we're looking for someone who…": a sentence that reports is not the author deciding
        author += len((weighed & tokens.author) - tokens.reported)
        reported += len(weighed & tokens.reported)
    if not count:
        return 0, 0.0, 0.0
    return count, reported / count, author / count


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


def reported_sheet(answers: Sequence[Tokens]) -> bool:
    """Whether a sheet reports or records and never decides (the module's doc says how it is read)."""
    count, reported, author = voice_shares(answers)
    if count >= REPORT_MIN_SENTENCES and (
        (reported >= REPORT_SHARE and author <= max(AUTHOR_SHARE, reported * AUTHOR_PER_REPORT))
        or (reported >= QUIET_REPORT and author <= QUIET_AUTHOR)
    ):
        return True
    opened, closed = decision_records([tokens.text for tokens in answers])
    return opened >= OPEN_RECORDS and closed <= opened * CLOSED_PER_OPEN
