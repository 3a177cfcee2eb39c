"""Property tests: the scorer never crashes, stays in [0, 1], is monotone, and survives a sheet round trip."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scoring_tiny_bundle import TINY

from coach.content import STEP_IDS
from coach.scoring import extract_quantities, score_answers
from coach.sheet import header_line, parse_sheet

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words the tiny rules know, so generated answers do cover items now and then.
VOCAB = [
    "circuit", "breaker", "dead-letter", "queue", "DLQ", "order", "of", "magnitude", "ordering",
    "alert", "p95", "SLO", "100", "req/s", "QPS", "per", "day", "8,64", "millones", "al", "día",
    "scope", "channels", "idempotency", "key", "same", "token", "twice", "first", "result",
    "retry", "waits", "random", "stop", "calling", "test", "calls", "caché", "costes", "at",
    "all", "costs", "library", "version", "/v1", "horizontally", "scale", "load", "tests", ".",
    ",", "\n", "¿", "?", "—", "x5", "1 KB", "17 GB/día",
]
answer_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(VOCAB), max_size=60).map(" ".join),
)
answers_map = st.dictionaries(st.sampled_from(STEP_IDS), answer_text, max_size=11)


@SETTINGS
@given(answers=answers_map, lang=st.sampled_from(["es", "en"]))
def test_arbitrary_text_never_crashes_and_scores_stay_in_range(answers: dict[str, str], lang: str) -> None:
    """Any unicode answers: a result with every score in [0, 1]."""
    result = score_answers(answers, TINY, "es" if lang == "es" else "en")
    assert 0.0 <= result.total <= 1.0
    assert len(result.steps) == len(STEP_IDS)
    for step in result.steps:
        assert 0.0 <= step.score <= 1.0
        for item in step.items:
            if item.covered:
                assert item.evidence is not None
                for start, end in item.evidence.spans:
                    assert 0 <= start < end <= len(item.evidence.sentence)


@SETTINGS
@given(text=st.text(max_size=400))
def test_extract_quantities_never_crashes(text: str) -> None:
    """Any unicode text: quantities whose spans point inside the text."""
    for quantity in extract_quantities(text):
        assert text[quantity.span[0] : quantity.span[1]] == quantity.raw


def _has_cue_words(text: str) -> bool:
    """Whether `text` holds any word a cue can start with, a question mark, or a non-technical object."""
    from coach.scoring.cues import languages, trigger_stems
    from coach.scoring.normalize import analyse

    if "?" in text or "¿" in text:
        return True
    tokens = analyse(text)
    es, en = trigger_stems()
    objects = frozenset().union(*(language.objects for language in languages()))
    words = {word.lower() for word in text.split()}
    return bool(es.intersection(tokens.es) or en.intersection(tokens.en) or objects & words)


@SETTINGS
@given(answers=answers_map, step=st.sampled_from(STEP_IDS), extra=answer_text)
def test_appending_text_with_no_cue_never_uncovers_an_item(answers: dict[str, str], step: str, extra: str) -> None:
    """Adding a paragraph with no cue word to any answer keeps every item that was covered."""
    assume(not _has_cue_words(extra))
    before = score_answers(answers, TINY, "en").covered_ids()
    longer = dict(answers)
    longer[step] = (longer.get(step, "") + "\n\n" + extra).strip()
    after = score_answers(longer, TINY, "en").covered_ids()
    assert before <= after


_SAFE = st.text(
    alphabet=st.characters(blacklist_characters="<>#\r\x00", blacklist_categories=("Cs", "Cc")),
    max_size=200,
).map(str.strip)


@SETTINGS
@given(
    answers=st.dictionaries(
        st.sampled_from(STEP_IDS), st.one_of(_SAFE, st.lists(st.sampled_from(VOCAB), max_size=40).map(" ".join)), max_size=11
    )
)
def test_sheet_round_trip_keeps_every_score(answers: dict[str, str]) -> None:
    """Writing answers into a sheet and reading it back gives the same scores."""
    lines = [header_line("tiny", "en"), ""]
    for step_id in STEP_IDS:
        lines += [f"<!-- step: {step_id} -->", f"## {step_id}", "", answers.get(step_id, ""), ""]
    sheet = parse_sheet("\n".join(lines))
    read_back = {step_id: answer.text for step_id, answer in sheet.answers.items()}
    direct = score_answers(answers, TINY, "en").to_json()
    again = score_answers(read_back, TINY, "en").to_json()
    assert direct == again


REAL_PHRASES = [
    "We retry with exponential backoff and jitter.", "Failed messages go to a DLQ.",
    "Reintentos con backoff exponencial.", "100 req/s, es decir 8,64 millones al día.",
    "Each event is 1 KB, so 8.64 GB per day.", "That is an order of magnitude more.",
    "Alertamos cuando la latencia p95 supera el SLO.", "We shard by userId.",
    "The same token twice returns the first result.", "at all costs", "¿Qué canales?",
    "circut breaker", "idempotencyKey", "x5 en pico", "99,95 %",
]


REJECTIONS = [
    ("We won't need a circuit breaker.", "fail.circuit_breaker"),
    ("I'd skip the DLQ.", "fail.dlq"),
    ("No tracing at this scale.", "obs.tracing"),
    ("No hace falta rate limiting.", "scale.rate_limit"),
    ("Descartamos el outbox.", "cons.outbox"),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=st.dictionaries(
        st.sampled_from(STEP_IDS), st.lists(st.sampled_from(REAL_PHRASES), max_size=8).map(" ".join), max_size=11
    ),
    step=st.sampled_from(STEP_IDS),
    extra=st.one_of(st.text(max_size=200), st.lists(st.sampled_from(REAL_PHRASES), max_size=6).map(" ".join)),
)
def test_appending_text_with_no_cue_never_uncovers_with_the_shipped_rules(  # type: ignore[no-untyped-def]
    shipped, answers: dict[str, str], step: str, extra: str
) -> None:
    """The monotonic property holds for the real notifications rules too (excludes, figures, typos)."""
    assume(not _has_cue_words(extra))
    content = shipped
    before = score_answers(answers, content, "en")
    longer = dict(answers)
    longer[step] = (longer.get(step, "") + "\n\n" + extra).strip()
    after = score_answers(longer, content, "en")
    assert before.covered_ids() <= after.covered_ids()
    assert 0 <= after.total <= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=st.dictionaries(
        st.sampled_from(STEP_IDS), st.lists(st.sampled_from(REAL_PHRASES), max_size=8).map(" ".join), max_size=11
    ),
    step=st.sampled_from(STEP_IDS),
    rejection=st.sampled_from(REJECTIONS),
)
def test_appending_a_rejection_of_x_lowers_only_x(  # type: ignore[no-untyped-def]
    shipped, answers: dict[str, str], step: str, rejection: tuple[str, str]
) -> None:
    """A paragraph rejecting X, appended to any answer, un-covers nothing but X (and never covers X)."""
    content = shipped
    before = score_answers(answers, content, "en").covered_ids()
    longer = dict(answers)
    longer[step] = (longer.get(step, "") + "\n\n" + rejection[0]).strip()
    after = score_answers(longer, content, "en").covered_ids()
    assert before - after <= {rejection[1]}
    assert rejection[1] not in after - before
