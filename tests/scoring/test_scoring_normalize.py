"""Normalisation: folding, tokens, rewrites, stems, sentences with offsets."""

from __future__ import annotations

from coach.scoring.normalize import analyse, split_sentences
from coach.scoring.words import fold, phrase_stems


def _content_words(text: str) -> list[str]:
    tokens = analyse(text)
    return [tokens.text[s:e] for (s, e), stop in zip(tokens.spans, tokens.stop, strict=True) if not stop]


def test_fold_removes_case_and_accents() -> None:
    """`Caché`, `CACHE` and `cache` fold to one form; ñ becomes n."""
    assert fold("Caché") == fold("CACHE") == "cache"
    assert fold("Tamaño") == "tamano"


def test_hyphen_space_and_camel_case_give_the_same_stems() -> None:
    """dead-letter, dead letter and deadLetter are the same tokens."""
    forms = [analyse(text).en for text in ("dead-letter queue", "dead letter queue", "deadLetter queue")]
    assert forms[0] == forms[1] == forms[2]


def test_abbreviations_expand_to_the_full_term() -> None:
    """DLQ reads as dead letter queue, CB as circuit breaker, RGPD as GDPR."""
    assert analyse("DLQ").en == analyse("dead letter queue").en
    assert analyse("CB").en == analyse("circuit breakers").en
    assert analyse("RGPD").en == analyse("GDPR").en


def test_rate_variants_are_one_token() -> None:
    """req/s, RPS, QPS and 'requests per second' normalise to the same token."""
    expected = analyse("QPS").en
    for text in ("req/s", "RPS", "requests per second", "peticiones por segundo"):
        assert analyse(text).en == expected, text


def test_percentile_spellings_join() -> None:
    """'percentil 95', '95th percentile' and 'p95' are the same token."""
    assert analyse("percentil 95").en == analyse("95th percentile").en == analyse("p95").en == ("p95",)


def test_plural_and_verb_forms_share_a_stem() -> None:
    """Stemming: retries/retry and reintentos/reintento match."""
    assert analyse("retries").en == analyse("retry").en
    assert analyse("reintentos").es == analyse("reintento").es


def test_spans_point_at_the_original_words() -> None:
    """Each token keeps the char span of the word it came from (accents included)."""
    text = "Usamos caché con TTL"
    assert _content_words(text) == ["Usamos", "caché", "TTL"] or "caché" in _content_words(text)
    tokens = analyse(text)
    start, end = tokens.spans[tokens.en.index("cach")]
    assert text[start:end] == "caché"


def test_sentences_split_on_punctuation_bullets_and_blank_lines() -> None:
    """Sentence spans come back in order and cover the right text."""
    text = "First one. Second one!\n- a bullet\n- another\n\nNew paragraph\ncontinues here"
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == ["First one.", "Second one!", "- a bullet", "- another", "New paragraph\ncontinues here"]


def test_decimal_points_do_not_split_sentences() -> None:
    """'8.64M' and '99.9%' stay inside their sentence."""
    text = "We get 8.64M per day at 99.9% availability."
    assert split_sentences(text) == [(0, len(text))]


def test_an_abbreviation_s_full_stop_does_not_split_a_sentence() -> None:
    """"i.e." inside a question keeps the question whole: its mark is what says it asks."""
    text = "Is delivery decoupled, i.e. is the send async? Kafka vs. SQS, e.g. by cost. Algo p. ej. esto. Fin."
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == ["Is delivery decoupled, i.e. is the send async?", "Kafka vs. SQS, e.g. by cost.",
                     "Algo p. ej. esto.", "Fin."]


def test_phrase_that_shrinks_to_one_word_is_exact() -> None:
    """'we give up' keeps its stop words, so 'give' alone cannot match it."""
    stems, exact, anchor = phrase_stems("we give up", "en")
    assert exact and len(stems) == 3
    assert anchor == 1  # looked up by "give", not by the stop word "we"
    stems, exact, anchor = phrase_stems("dead letter queue", "en")
    assert not exact and len(stems) == 3 and anchor == 0


def test_number_detection_per_sentence() -> None:
    """A sentence holds a figure when it has digits (not p95) or a number word."""
    tokens = analyse("We target p95. We get 100 per second. Cien por segundo.")
    assert tokens.has_number == (False, True, True)


def test_spanish_conditional_plural_meets_the_infinitive() -> None:
    """'lanzaríamos' (accents folded) stems like 'lanzar'; 'diaria' stays an adjective."""
    assert analyse("lanzaríamos").es == analyse("lanzar").es
    assert analyse("añadiríamos").es == analyse("añadir").es
    assert analyse("diaria").es == analyse("diario").es


def test_a_leading_timestamp_is_no_figure() -> None:
    from coach.scoring.normalize import analyse

    tokens = analyse("[27:00] Logs, metrics, probably some tracing. [27:30] Sampling at 1 %. Quiet hours 22:00-08:00.")
    assert tokens.has_number == (False, True, True)


def test_an_emphasised_label_heads_the_sentence_on_its_line() -> None:
    """ "**Risks.** (1) Hot groups → chunked fan-out": the label is the topic of what follows on its line;
    a label with a colon ("*Descartado: X.*") or one alone on its line stays a sentence."""
    from coach.scoring.normalize import split_sentences

    def sentences(text: str) -> list[str]:
        return [text[a:b] for a, b in split_sentences(text)]

    assert sentences("**Risks.** (1) Hot groups → chunked fan-out. (2) Storms.") == [
        "**Risks.** (1) Hot groups → chunked fan-out.", "(2) Storms."]
    assert len(sentences("*Descartado: Kafka.* Con SQS basta.")) == 2
    assert len(sentences("**Risks.**\nHot groups.")) == 2
