"""Checklist matching on a tiny bundle: paraphrases, precision counter-examples, evidence, said_in."""

from __future__ import annotations

import pytest

from coach.content import Bundle
from coach.scoring import score_answers


def _item(tiny: Bundle, step: str, text: str, item_id: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    result = score_answers({step: text}, tiny, "en" if lang == "en" else "es")
    return result.item(item_id)


@pytest.mark.parametrize(
    ("text", "item_id"),
    [
        ("We stop calling the vendor for a while and let a few test calls through later.", "fail.circuit_breaker"),
        ("Each retry waits twice as long plus a random bit.", "fail.backoff_jitter"),
        ("The same token twice returns the first result.", "api.idempotency_key"),
    ],
)
def test_issue_paraphrases_count(tiny: Bundle, text: str, item_id: str) -> None:
    """The issue's paraphrases earn their items through `together` rules."""
    step = "api" if item_id.startswith("api") else "failures"
    assert _item(tiny, step, text, item_id).covered


@pytest.mark.parametrize(
    ("step", "text", "item_id"),
    [
        ("consistency", "That is an order of magnitude more traffic.", "cons.ordering"),
        ("security", "We protect availability at all costs.", "cost.model"),
        ("api", "We pin the library version in the build file.", "api.versioning"),
        ("observability", "We send an alert when a deploy finishes.", "obs.slo_alerts"),
    ],
)
def test_words_in_another_sense_do_not_count(tiny: Bundle, step: str, text: str, item_id: str) -> None:
    """Precision: 'order of magnitude', 'at all costs', a library version, an alert alone."""
    assert not _item(tiny, step, text, item_id).covered


def test_slo_alert_counts_when_tied_to_an_slo(tiny: Bundle) -> None:
    """'alert' with p95 in the same sentence is SLO alerting."""
    assert _item(tiny, "observability", "We alert when p95 latency breaks the SLO.", "obs.slo_alerts").covered


def test_together_needs_one_sentence(tiny: Bundle) -> None:
    """Slots of a `together` rule spread over two sentences do not match."""
    text = "We alert the on-call team. Separately, p95 is on a dashboard."
    assert not _item(tiny, "observability", text, "obs.slo_alerts").covered


def test_evidence_holds_the_sentence_and_highlights(tiny: Bundle) -> None:
    """Evidence is the earning sentence; spans cover the matched words."""
    text = "Intro sentence here. Failed messages go to a dead-letter queue after five tries."
    item = _item(tiny, "failures", text, "fail.dlq")
    assert item.evidence is not None
    sentence = item.evidence.sentence
    assert sentence == "Failed messages go to a dead-letter queue after five tries."
    assert [sentence[s:e] for s, e in item.evidence.spans] == ["dead-letter queue"]


def test_item_said_in_another_step_counts_and_is_marked(tiny: Bundle) -> None:
    """An item covered in another step's answer counts with said_in set."""
    result = score_answers({"closing": "We put a circuit breaker in front of each provider."}, tiny, "en")
    item = result.item("fail.circuit_breaker")
    assert item.covered and item.said_in == "closing" and item.evidence is not None
    assert item.evidence.step == "closing"


def test_own_step_wins_over_other_steps(tiny: Bundle) -> None:
    """When both steps mention the item, the evidence comes from its own step."""
    answers = {"opening": "A circuit breaker per provider.", "failures": "Circuit breakers open after errors."}
    item = score_answers(answers, tiny, "en").item("fail.circuit_breaker")
    assert item.said_in is None and item.evidence is not None and item.evidence.step == "failures"


@pytest.mark.parametrize(
    ("lang", "elsewhere", "own"),
    [
        ("en", "Every provider call goes through a circuit breaker.", "A circuit breaker I'd leave for later."),
        ("es", "Cada llamada al proveedor pasa por un circuit breaker.", "El circuit breaker lo dejo para más adelante."),
    ],
)
def test_own_step_deferral_beats_a_mention_elsewhere(tiny: Bundle, lang: str, elsewhere: str, own: str) -> None:
    """The step an item belongs to is where the candidate answers for it: deferred there, a word in
    another step does not decide it; without the turn-down the other step's words do."""
    turned = score_answers({"architecture": elsewhere, "failures": own}, tiny, lang).item("fail.circuit_breaker")  # type: ignore[arg-type]
    assert not turned.covered and turned.credit == "mentioned" and turned.said_in is None
    assert turned.why is not None and turned.why.kind == "deferred"
    plain = score_answers({"architecture": elsewhere, "failures": "Retries."}, tiny, lang).item("fail.circuit_breaker")  # type: ignore[arg-type]
    assert plain.covered and plain.said_in == "architecture"


def test_a_question_in_the_own_step_leaves_a_decision_elsewhere(tiny: Bundle) -> None:
    """Asking about it in its own step is no turn-down: the decision made in another step stands."""
    answers = {
        "architecture": "Every provider call goes through a circuit breaker.",
        "failures": "Should the circuit breaker be per provider or per region?",
    }
    assert score_answers(answers, tiny, "en").item("fail.circuit_breaker").covered


def test_needs_number_requires_a_figure_in_the_sentence(tiny: Bundle) -> None:
    """'QPS' alone does not earn est.qps; '100 QPS' does."""
    assert not _item(tiny, "estimates", "We need to know the QPS.", "est.qps").covered
    assert _item(tiny, "estimates", "We expect 100 QPS.", "est.qps").covered


def test_spanish_without_accents_and_with_english_terms(tiny: Bundle) -> None:
    """Spanish rules match unaccented text; English terms match inside Spanish answers."""
    assert _item(tiny, "consistency", "Mantenemos orden por usuario", "cons.ordering", "es").covered
    assert _item(tiny, "failures", "Usamos un circuit breaker por proveedor.", "fail.circuit_breaker", "es").covered
    assert _item(tiny, "closing", "Haremos PRUEBAS DE CARGA antes de lanzar.", "closing.load_tests", "es").covered


def test_spanish_paraphrase_counts(tiny: Bundle) -> None:
    """A Spanish `together` rule: 'dejamos de llamar ... llamadas de prueba' is a circuit breaker."""
    text = "Si falla mucho, dejamos de llamar al proveedor y luego hacemos unas llamadas de prueba."
    assert _item(tiny, "failures", text, "fail.circuit_breaker", "es").covered


def test_typos_one_edit_away_still_match(tiny: Bundle) -> None:
    """'circut breaker' and 'dead leter queue' are read as the rule words."""
    assert _item(tiny, "failures", "A circut breaker per provider.", "fail.circuit_breaker").covered
    assert _item(tiny, "failures", "Then a dead leter queue.", "fail.dlq").covered


def test_real_words_are_not_corrected(tiny: Bundle) -> None:
    """'scale horizontally' matches, but a near real word does not become a rule word."""
    assert _item(tiny, "scaling", "We scale horizontally.", "scale.horizontal").covered
    assert not _item(tiny, "closing", "We ran road tests.", "closing.load_tests").covered


def test_empty_answers_cover_nothing(tiny: Bundle) -> None:
    """No text, no items; every score is 0."""
    result = score_answers({}, tiny, "en")
    assert not result.covered_ids()
    assert result.total == 0


def test_quantity_rules_earn_an_item_with_the_figure_as_evidence() -> None:
    """An item with `quantities` is earned by a stated figure; the figure is highlighted."""
    from coach.scoring.matcher import Index, compile_item, evidence_of, match_item
    from coach.scoring.normalize import analyse

    item = compile_item("est.daily_volume", "estimates", 1.0, True, [("en", ["per day"], [], [])], ["daily_requests"])
    tokens = analyse("Intro. Son 8,64 millones de notificaciones diarias.")
    hit = match_item(Index(tokens), item)
    assert hit is not None
    sentence, spans = evidence_of(tokens, hit)
    assert sentence == "Son 8,64 millones de notificaciones diarias."
    assert [sentence[s:e] for s, e in spans] == ["8,64 millones de notificaciones diarias"]
    assert match_item(Index(analyse("10M usuarios activos al día.")), item) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("circut", "circuit"), ("idempotant", "idempotent"), ("traceing", "tracing"),
        ("sincrona", "sincrona"),  # not "asincrona": the first letter is never a typo here
        ("cortos", "cortos"), ("avisos", "avisos"), ("cuales", "cuales"),  # real words
    ],
)
def test_typo_correction_is_one_edit_and_never_a_real_word(word: str, expected: str) -> None:
    """One edit toward a rule word; real Spanish words and first-letter changes stay as they are."""
    from coach.scoring.typos import Corrector

    corrector = Corrector(["circuit", "idempotent", "tracing", "asincrona", "costos", "vistos", "scales", "intentos"])
    assert corrector(word) == expected


def test_a_phrase_never_runs_across_a_comma() -> None:
    """'average, so we size' is not the phrase 'average size'; 'average size' is."""
    from coach.scoring.matcher import Index, compile_item, match_item
    from coach.scoring.normalize import analyse

    item = compile_item("est.event_size", "estimates", 1.0, False, [("en", ["average size"], [], [])])
    assert match_item(Index(analyse("Peak is 5x the average, so we size for 500 req/s.")), item) is None
    assert match_item(Index(analyse("The average size is 1 KB.")), item) is not None
